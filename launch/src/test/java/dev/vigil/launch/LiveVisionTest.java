package dev.vigil.launch;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.launch.testing.AgentRun;
import dev.vigil.launch.testing.PulseAudio;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static dev.vigil.launch.testing.AgentRun.type;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue "sees and speaks up on its own", live: the real {@code vigil run} process with a real
 * GStreamer camera (a test source with the word READY drawn on it by {@code textoverlay}), real
 * audio devices (PulseAudio null sinks), and a standing watch from the configuration, in words. The
 * camera's frames go through the sampler and PP-OCRv4; the watch fires and its alert is played.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class LiveVisionTest {

    private static PulseAudio pulse;
    private static Process agent;
    private static AgentRun run;

    @BeforeAll
    static void startTheAgentWithACamera() throws Exception {
        Path dir = Files.createTempDirectory("vigil-live-vision-");
        pulse = PulseAudio.start();
        Path events = dir.resolve("events.jsonl");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "-Dvigil.home=" + Cli.project(), "dev.vigil.launch.Vigil", "run",
                "--mic", "pulsesrc server=" + pulse.server() + " device=mic.monitor",
                "--speaker", "pulsesink server=" + pulse.server() + " device=speaker",
                "--camera", "videotestsrc is-live=true pattern=black ! video/x-raw,width=640,height=360,framerate=10/1"
                        + " ! textoverlay text=READY font-desc=\"Sans Bold 48\" valignment=center halignment=center",
                "--set", "watches.requests=[\"give me a shout when the screen says ready\"]",
                "--events", events.toString(), "--quiet")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("agent.log").toFile());
        builder.environment().putAll(pulse.env());
        agent = builder.start();
        run = new AgentRun(agent, events, dir.resolve("agent.log"));
        run.await("the agent listening", e -> type(e, "started"), 180);
    }

    @AfterAll
    static void stopEverything() throws Exception {
        if (agent != null && agent.isAlive()) {
            agent.destroyForcibly();
        }
        if (pulse != null) {
            pulse.close();
        }
    }

    @Test
    void theCameraIsReadAndAStandingWatchFiresAndIsSpoken() throws Exception {
        JsonNode started = run.events().get(0);
        assertThat(started.get("camera").asText()).startsWith("videotestsrc");
        JsonNode created = run.await("the configured watch", e -> type(e, "watch_created"), 30);
        assertThat(created.get("condition").asText()).isEqualTo("text shows \"READY\"");
        JsonNode seen = run.await("READY read from the camera", e -> type(e, "observation")
                && e.get("engine").asText().equals("ocr") && e.get("observations").toString().contains("READY"), 60);
        assertThat(seen.get("observations").get(0).get("kind").asText()).isEqualTo("text");
        JsonNode fired = run.await("the watch firing", e -> type(e, "watch_fired"), 30);
        assertThat(fired.get("id").asText()).isEqualTo("w1");
        JsonNode intent = run.await("its intent", e -> type(e, "intent") && e.get("intent").asText().equals("watch_fired"), 10);
        assertThat(intent.get("source").asText()).isEqualTo("__myself__");
        JsonNode played = run.await("the alert played on the loudspeaker", e -> type(e, "utterance_played")
                && e.get("text").asText().equals("The screen says ready."), 30);
        assertThat(played.get("truncated").asBoolean()).isFalse();
        assertThat(run.events().stream().filter(e -> type(e, "watch_fired"))).as("fires once").hasSize(1);
    }
}
