package dev.vigil.launch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.launch.testing.AgentRun;
import dev.vigil.launch.testing.PulseAudio;
import dev.vigil.ros.testing.CyclonePeer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static dev.vigil.launch.testing.AgentRun.type;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue "ROS 2 bridge", end to end: the real {@code vigil run --ros} process with no microphone device.
 * It hears the ROS topic {@code /audio_stamped}, where a C peer (Cyclone DDS) publishes the real human
 * recording {@code goforward.raw} as audio_common's capture node does ({@code AudioInfo} on
 * {@code /audio_info}, then 20 ms chunks); C peers receive the intent and the utterance back. The
 * loudspeaker is a PulseAudio null sink (no ROS audio out yet).
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class RosLiveTest {

    private static final Path GO_FORWARD = Path.of("/usr/share/pocketsphinx/test/data/goforward.raw");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ROS_DOMAIN = ThreadLocalRandom.current().nextInt(100, 200);

    private static PulseAudio pulse;
    private static Path dir;
    private static Path events;
    private static Process agent;
    private static AgentRun run;

    @BeforeAll
    static void startTheAgentOnRos() throws Exception {
        dir = Files.createTempDirectory("vigil-ros-live-");
        pulse = PulseAudio.start();
        events = dir.resolve("events.jsonl");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder command = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "-Dvigil.home=" + Cli.project(), "dev.vigil.launch.Vigil", "run",
                "--speaker", "pulsesink server=" + pulse.server() + " device=speaker",
                "--events", events.toString(), "--out", dir.resolve("out").toString(), "--quiet",
                "--ros", "--set", "ros.domain_id=" + ROS_DOMAIN, "--set", "ros.interface_address=127.0.0.1")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("agent.log").toFile());
        command.environment().putAll(pulse.env());
        CyclonePeer.prepareLoopback();
        agent = command.start();
        run = new AgentRun(agent, events, dir.resolve("agent.log"));
        run.await("the agent listening", e -> type(e, "started"), 180);
    }

    @AfterAll
    static void stopEverything() {
        if (agent != null && agent.isAlive()) {
            agent.destroyForcibly();
        }
        if (pulse != null) {
            pulse.close();
        }
    }

    @Test
    void aRecordingOnTheRosMicrophoneTopicBecomesAnIntentAndAnUtteranceOnRos() throws Exception {
        JsonNode started = run.await("started", e -> type(e, "started"), 1);
        assertThat(started.get("microphone").asText()).startsWith("ROS /audio_stamped (");

        // Half a second of silence, the recording, a second and a half of silence: whole 20 ms chunks.
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        stream.write(new byte[16_000]);
        stream.write(Files.readAllBytes(GO_FORWARD));
        stream.write(new byte[48_000]);
        byte[] audio = java.util.Arrays.copyOf(stream.toByteArray(), stream.size() / 640 * 640);
        Path raw = dir.resolve("mic.raw");
        Files.write(raw, audio);

        try (CyclonePeer intents = CyclonePeer.start(ROS_DOMAIN, "sub-intent", "/intents", "1", "60", "matched");
             CyclonePeer utterances = CyclonePeer.start(ROS_DOMAIN, "sub-string", "/robot_utterance", "1", "60", "matched");
             CyclonePeer microphone = CyclonePeer.start(ROS_DOMAIN, "pub-audio", "/audio_stamped", raw.toString(),
                     Integer.toString(audio.length / 640), "20", "640", "/audio_info", "1", "16000", "S16LE", "wave")) {
            assertThat(microphone.await(60)).as(microphone.errors()).isZero();
            JsonNode move = run.await("the move intent", e -> type(e, "intent") && e.get("intent").asText().equals("move"), 30);
            assertThat(move.get("data").get("direction").asText()).isEqualTo("forward");
            assertThat(move.get("data").get("distance").asInt()).isEqualTo(10);
            assertThat(intents.await(20)).as(intents.errors()).isZero();
            assertThat(intents.lines()).singleElement().asString()
                    .startsWith("move|{\"direction\":\"forward\",\"distance\":10}|__unknown_agent__|speech|128|");
            assertThat(utterances.await(20)).as(utterances.errors()).isZero();
            assertThat(utterances.lines()).containsExactly("Moving forward ten meters.");
        }

        new ProcessBuilder("kill", "-INT", Long.toString(agent.pid())).start().waitFor();
        assertThat(agent.waitFor(60, TimeUnit.SECONDS)).as("the agent exits after SIGINT").isTrue();
        assertThat(agent.exitValue()).as(run.log()).isZero();
        JsonNode report = JSON.readTree(dir.resolve("out/report.json").toFile());
        assertThat(report.get("dropped_audio_ms").asDouble()).as("nothing lost on the ROS microphone").isZero();
        assertThat(run.events().stream().filter(e -> type(e, "voice_started")).count()).as("one voice: the recording")
                .isEqualTo(1);
    }
}
