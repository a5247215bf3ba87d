package dev.vigil.launch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.launch.testing.AgentRun;
import dev.vigil.ros.bag.BagCdr;
import dev.vigil.ros.bag.BagMessage;
import dev.vigil.ros.bag.McapNode;
import dev.vigil.ros.bag.McapReader;
import dev.vigil.ros.msg.HriIntent;
import dev.vigil.ros.testing.CyclonePeer;
import dev.vigil.ros.testing.Waiting;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static dev.vigil.launch.testing.AgentRun.type;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue "ROS 2 bridge", end to end: the real {@code vigil run --ros} process with no audio device at
 * all, as on a headless robot. It hears the ROS topic {@code /audio_stamped}, where a C peer (Cyclone
 * DDS) publishes the real human recording {@code goforward.raw} as audio_common's capture node does
 * ({@code AudioInfo} on {@code /audio_info}, then 20 ms chunks); C peers receive the intent, the
 * utterance and the robot's voice ({@code /robot_audio_stamped}) back.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class RosLiveTest {

    private static final Path GO_FORWARD = Path.of("/usr/share/pocketsphinx/test/data/goforward.raw");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ROS_DOMAIN = ThreadLocalRandom.current().nextInt(100, 200);

    private static Path dir;
    private static Path events;
    private static Process agent;
    private static AgentRun run;

    @BeforeAll
    static void startTheAgentOnRos() throws Exception {
        dir = Files.createTempDirectory("vigil-ros-live-");
        events = dir.resolve("events.jsonl");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder command = new ProcessBuilder(
                // SIGINT back to its default: a shell without job control (a CI script's background
                // job) starts its children with SIGINT ignored, and the JVM then never sees it.
                "env", "--default-signal=INT", java, "-cp", System.getProperty("java.class.path"),
                "-Dvigil.home=" + Cli.project(), "dev.vigil.launch.Vigil", "run",
                "--events", events.toString(), "--out", dir.resolve("out").toString(), "--quiet",
                "--record-bag", dir.resolve("outputs.mcap").toString(),
                "--ros", "--set", "ros.domain_id=" + ROS_DOMAIN, "--set", "ros.interface_address=127.0.0.1")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("agent.log").toFile());
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
    }

    @Test
    void aRecordingOnTheRosMicrophoneTopicBecomesAnIntentAndAnUtteranceOnRos() throws Exception {
        JsonNode started = run.await("started", e -> type(e, "started"), 1);
        assertThat(started.get("microphone").asText()).startsWith("ROS /audio_stamped (");
        assertThat(started.get("speaker").asText()).startsWith("ROS /robot_audio_stamped (");

        // Issue #10: ROS 2 can list the agent as a node. A peer reading ros_discovery_info and DDS
        // discovery as ROS 2's graph cache does (Humble's layout, the default) finds node /vigil, held
        // by a participant it discovered, its writers' and readers' gids those of the agent's endpoints.
        try (CyclonePeer graph = CyclonePeer.start(ROS_DOMAIN, "graph", "humble", "30")) {
            Predicate<String> listed = line -> line.startsWith("node / vigil participant=discovered writers=")
                    && line.endsWith(" unknown=0 foreign=0")
                    && topics(line, "writers").containsAll(List.of("rt/intents", "rt/robot_utterance", "rt/robot_speaking",
                            "rt/diagnostics", "rt/robot_audio_stamped", "rt/robot_audio_info"))
                    && topics(line, "readers").containsAll(List.of("rt/audio_stamped", "rt/audio_info", "rt/say", "rt/image_raw"));
            Waiting.until(() -> graph.lines().stream().anyMatch(listed), 20);
            assertThat(graph.lines()).as(graph.errors()).anyMatch(listed);
        }

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
             CyclonePeer speech = CyclonePeer.start(ROS_DOMAIN, "sub-speech", "/humans/voices/anonymous_speaker/speech",
                     "100", "60", "matched");
             CyclonePeer voice = CyclonePeer.start(ROS_DOMAIN, java.util.Map.of("PEER_AUDIO_OUT", dir.resolve("voice.raw").toString()),
                     "sub-audio", "/robot_audio_stamped", "100000", "60", "matched");
             CyclonePeer microphone = CyclonePeer.start(ROS_DOMAIN, "pub-audio", "/audio_stamped", raw.toString(),
                     Integer.toString(audio.length / 640), "20", "640", "/audio_info", "1", "16000", "S16LE", "wave")) {
            assertThat(microphone.await(60)).as(microphone.errors()).isZero();
            JsonNode move = run.await("the move intent", e -> type(e, "intent") && e.get("intent").asText().equals("move"), 30);
            assertThat(move.get("data").get("direction").asText()).isEqualTo("forward");
            assertThat(move.get("data").get("distance").asInt()).isEqualTo(10);
            assertThat(intents.await(20)).as(intents.errors()).isZero();
            assertThat(intents.lines()).singleElement().asString()
                    .startsWith("move|{\"direction\":\"forward\",\"distance\":10}|__unknown_agent__|__modality_speech__|128|");
            assertThat(utterances.await(20)).as(utterances.errors()).isZero();
            assertThat(utterances.lines()).containsExactly("Moving forward ten meters.");
            assertThat(speech.lines()).as("the user's words as ROS4HRI live speech")
                    .anySatisfy(line -> assertThat(line).matches("\\|go forward ten meters\\|0\\.\\d{4}\\|en-US"));
            JsonNode answer = run.await("the answer played", e -> type(e, "utterance_played"), 30);
            Thread.sleep(1000);
            // The robot's voice went out on ROS as it played: as long as the answer, and loud.
            byte[] voiced = Files.readAllBytes(dir.resolve("voice.raw"));
            double seconds = voiced.length / 2 / 16_000.0;
            assertThat(seconds).as("seconds of robot audio published")
                    .isGreaterThan(answer.get("played_ms").asDouble() / 1000);
            assertThat(rms(voiced)).as("rms of the robot's audio").isGreaterThan(500);
        }

        // A camera driver's images reach the agent (nothing looks at them yet: counted on /diagnostics).
        try (CyclonePeer camera = CyclonePeer.start(ROS_DOMAIN, "pub-image", "/image_raw", "640", "480", "rgb8", "30", "33")) {
            assertThat(camera.await(30)).as(camera.errors()).isZero();
        }
        Thread.sleep(1500);
        // A behaviour speaks through the agent, and the agent's health is on /diagnostics.
        try (CyclonePeer utterances = CyclonePeer.start(ROS_DOMAIN, "sub-string", "/robot_utterance", "1", "60", "matched");
             CyclonePeer diagnostics = CyclonePeer.start(ROS_DOMAIN, "sub-diagnostics", "/diagnostics", "1", "30");
             CyclonePeer behaviour = CyclonePeer.start(ROS_DOMAIN, "pub-string", "/say", "We have reached floor 16.", "1", "20")) {
            assertThat(behaviour.await(30)).as(behaviour.errors()).isZero();
            run.await("the behaviour's words played", e -> type(e, "utterance_played")
                    && e.get("text").asText().equals("We have reached floor 16."), 30);
            assertThat(utterances.await(20)).as(utterances.errors()).isZero();
            assertThat(utterances.lines()).containsExactly("We have reached floor 16.");
            assertThat(diagnostics.await(20)).as(diagnostics.errors()).isZero();
            assertThat(diagnostics.lines()).singleElement().asString().startsWith("0|vigil: agent|running|")
                    .containsPattern("vigil\\.ros\\.camera\\.delivered=[1-9]");
        }

        new ProcessBuilder("kill", "-INT", Long.toString(agent.pid())).start().waitFor();
        assertThat(agent.waitFor(60, TimeUnit.SECONDS))
                .as(() -> "the agent exits after SIGINT; its log (threads dumped 30 s into stopping):\n" + run.log()).isTrue();
        assertThat(agent.exitValue()).as(run.log()).isZero();
        JsonNode report = JSON.readTree(dir.resolve("out/report.json").toFile());
        // The outputs, recorded as a rosbag2 bag, read back by the reference MCAP implementation.
        List<String> topics = McapNode.run("read-bag.js", dir.resolve("outputs.mcap").toString()).stream()
                .filter(m -> "indexed".equals(m.getString("kind"))).map(m -> m.getString("topic")).toList();
        assertThat(topics).contains("/intents", "/robot_utterance", "/robot_speaking");
        try (McapReader bag = McapReader.open(dir.resolve("outputs.mcap"))) {
            List<String> intents = new java.util.ArrayList<>();
            for (BagMessage m; (m = bag.next()) != null; ) {
                if (m.topic().equals("/intents")) {
                    intents.add(BagCdr.decode(HriIntent.TYPE, m).intent());
                }
            }
            assertThat(intents).contains("move");
        }
        assertThat(report.get("dropped_audio_ms").asDouble()).as("nothing lost on the ROS microphone").isZero();
        assertThat(run.events().stream().filter(e -> type(e, "voice_started")).count()).as("one voice: the recording")
                .isEqualTo(1);
    }

    /** The DDS topics after {@code field=} in a line of {@code ros_peer graph}. */
    private static List<String> topics(String line, String field) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(" " + field + "=(\\S+)").matcher(line);
        return m.find() ? List.of(m.group(1).split(",")) : List.of();
    }

    private static double rms(byte[] s16le) {
        java.nio.ShortBuffer samples = java.nio.ByteBuffer.wrap(s16le).order(java.nio.ByteOrder.LITTLE_ENDIAN).asShortBuffer();
        double sum = 0;
        int n = samples.remaining();
        for (int i = 0; i < n; i++) {
            sum += (double) samples.get(i) * samples.get(i);
        }
        return n == 0 ? 0 : Math.sqrt(sum / n);
    }
}
