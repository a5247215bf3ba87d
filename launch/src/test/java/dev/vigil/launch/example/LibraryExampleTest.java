package dev.vigil.launch.example;

import dev.vigil.agent.audio.PcmAudio;
import dev.vigil.agent.audio.WavFile;
import dev.vigil.agent.audio.WavWriter;
import dev.vigil.launch.testing.PulseAudio;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/library.md: the example program is the file shown there, and it works on real devices. */
class LibraryExampleTest {

    private static final Path SOURCE = Path.of("src/test/java/dev/vigil/launch/example/HelloRobot.java");
    private static final Path DOC = Path.of("..", "docs", "library.md");

    @TempDir
    Path dir;

    @Test
    void theDocumentationShowsTheProgramAsItIs() throws Exception {
        String code = Files.readString(SOURCE).strip();
        assertThat(Files.readString(DOC)).as("docs/library.md shows HelloRobot.java verbatim").contains(code);
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void theProgramActsOnWhatItHears() throws Exception {
        try (PulseAudio pulse = PulseAudio.start()) {
            Path config = dir.resolve("robot.yaml");
            Files.writeString(config, "microphone: {pipeline: \"pulsesrc server=" + pulse.server() + " device=mic.monitor\"}\n"
                    + "speaker: {pipeline: \"pulsesink server=" + pulse.server() + " device=speaker\"}\n"
                    + "events: {file: " + dir.resolve("events.jsonl") + "}\n");
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process program = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    HelloRobot.class.getName(), config.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("out.txt").toFile()).start();
            try {
                await(program, "listening", 180);
                // (The real human recording of this command is LiveAcceptanceTest's: here, the program.)
                play(pulse, WavFile.read(flite("go forward ten meters")));
                await(program, "robot, do: move {\"direction\":\"forward\",\"distance\":10}", 30);
                await(program, "\"type\":\"utterance_played\"", 30);   // the robot answers "Moving forward ten meters." first
                play(pulse, WavFile.read(flite("stop")));
                assertThat(program.waitFor(60, TimeUnit.SECONDS)).as("the program ends after stop:\n" + output()).isTrue();
                assertThat(program.exitValue()).as(output()).isZero();
            } finally {
                program.destroyForcibly();
            }
        }
    }

    private Path flite(String text) throws Exception {
        Path wav = dir.resolve(text.replace(' ', '-') + ".wav");
        Process p = new ProcessBuilder("flite", "-voice", "rms", "-t", text, "-o", wav.toString()).start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return wav;
    }

    private void play(PulseAudio pulse, PcmAudio audio) throws Exception {
        Path wav = dir.resolve("clip-" + System.nanoTime() + ".wav");
        try (WavWriter w = WavWriter.create(wav, audio.sampleRate(), 1)) {
            w.write(new float[audio.sampleRate() / 2], 0, audio.sampleRate() / 2);
            w.write(audio.mono());
            w.write(new float[audio.sampleRate() / 2], 0, audio.sampleRate() / 2);
        }
        assertThat(pulse.play(wav, "mic").waitFor(30, TimeUnit.SECONDS)).isTrue();
    }

    private void await(Process program, String line, int seconds) throws Exception {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (output().contains(line)) {
                return;
            }
            if (!program.isAlive()) {
                throw new AssertionError("the program exited (" + program.exitValue() + ") before \"" + line + "\":\n" + output());
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no \"" + line + "\" within " + seconds + " s:\n" + output());
    }

    private String output() {
        try {
            Path events = dir.resolve("events.jsonl");
            return Files.readString(dir.resolve("out.txt"))
                    + (Files.exists(events) ? "\nevents:\n" + Files.readString(events) : "");
        } catch (Exception e) {
            return "";
        }
    }
}
