package dev.vigil.launch;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.agent.audio.PcmAudio;
import dev.vigil.agent.audio.Resampler;
import dev.vigil.speech.tts.engine.FliteSynthesizer;
import dev.vigil.speech.tts.engine.SynthesizedAudio;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue "The agent hears": its acceptance criteria, through the command a user runs. */
class HearsAcceptanceTest {

    @TempDir
    Path dir;

    private JsonNode replay(int expectedExit, String scenario, String... more) throws Exception {
        Path report = dir.resolve("report.json");
        String[] args = new String[4 + more.length];
        args[0] = "replay";
        args[1] = Cli.project().resolve(scenario).toString();
        args[2] = "--report";
        args[3] = report.toString();
        System.arraycopy(more, 0, args, 4, more.length);
        Cli result = Cli.run(args);
        assertThat(result.exit()).as("exit code; output:\n" + result.out() + result.err()).isEqualTo(expectedExit);
        return Cli.report(report);
    }

    @Test
    void everyUtteranceIsHeardAndTheRobotNeverInterruptsItself() throws Exception {
        JsonNode r = replay(0, "scenarios/hears-duplex.yaml");
        assertThat(r.get("truth_segments")).hasSize(10);
        assertThat(r.get("missed_user_speech").asInt()).isZero();
        assertThat(r.get("voice_segments")).hasSize(10);
        assertThat(r.get("self_interruptions").asInt()).isZero();
        assertThat(r.at("/measures/vad_onset_ms/median").asDouble()).as("onset median (ms)").isLessThanOrEqualTo(100);
        long overRobot = 0;
        for (JsonNode v : r.get("voice_segments")) {
            overRobot += v.get("during_robot_speech").asBoolean() ? 1 : 0;
        }
        assertThat(overRobot).as("utterances heard over the robot's own voice").isEqualTo(4);
        assertThat(r.get("dropped_audio_ms").asDouble()).isZero();
    }

    @Test
    void withoutEchoCancellationTheRobotInterruptsItself() throws Exception {
        JsonNode r = replay(1, "scenarios/hears-duplex.yaml", "--no-aec");
        assertThat(r.get("aec").asBoolean()).isFalse();
        assertThat(r.get("self_interruptions").asInt()).isPositive();
    }

    @ParameterizedTest
    @ValueSource(strings = {"001", "002", "003", "004", "005"})
    void realHumanSpeechIsCovered(String clip) throws Exception {
        JsonNode r = replay(0, "scenarios/human-speech/cards-" + clip + ".yaml");
        assertThat(r.get("missed_user_speech").asInt()).isZero();
        for (JsonNode t : r.get("truth_segments")) {
            assertThat(t.get("coverage").asDouble()).as("share of the words inside detected segments").isGreaterThanOrEqualTo(0.8);
        }
    }

    @Test
    void anEightBitStereo48kHzWavIsConvertedAndHeard() throws Exception {
        SynthesizedAudio said;
        try (FliteSynthesizer flite = new FliteSynthesizer()) {
            said = flite.synthesize("please open the door", "rms");
        }
        float[] mono = PcmAudio.ofPcm16(said.samples(), said.sampleRate()).samples();
        float[] up = Resampler.resample(mono, said.sampleRate(), 48_000);
        byte[] wav = BadInputTest.wav(48_000, 2, 8, up.length * 2);
        for (int i = 0; i < up.length; i++) {
            byte b = (byte) Math.max(0, Math.min(255, Math.round(up[i] * 127 + 128)));
            wav[44 + 2 * i] = b;
            wav[44 + 2 * i + 1] = b;
        }
        Files.write(dir.resolve("door.wav"), wav);
        Path scenario = dir.resolve("door.yaml");
        Files.writeString(scenario, "mic: [{at: 1.0, file: door.wav}]\nexpect: [{voice_segments: 1}, {missed_user_speech: 0}]\n");
        Cli result = Cli.run("replay", scenario.toString());
        assertThat(result.exit()).as(result.out() + result.err()).isZero();
    }
}
