package dev.vigil.launch.scenario;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScenarioLoaderTest {

    @TempDir
    Path dir;

    private Path write(String yaml) throws Exception {
        return new ScenarioFiles(dir).write(yaml);
    }

    private void refused(String yaml, String where, String problem) throws Exception {
        new ScenarioFiles(dir).refused(yaml, where, problem);
    }

    @Test
    void readsTheDocumentedFormat() throws Exception {
        Files.write(dir.resolve("clip.raw"), new byte[3200]);
        Scenario s = ScenarioLoader.load(write("""
                name: doorway-check
                mic:
                  - at: 1.5
                    say: "go forward ten meters"
                    voice: rms
                  - at: 6.0
                    file: clip.raw
                    rate: 16000
                    speech: [[0.2, 2.6]]
                robot:
                  - at: 3.0
                    say: "I am moving forward now"
                echo: {delay_ms: 40, gain_db: -6}
                duration: 20
                expect:
                  - voice_segments: 2
                  - self_interruptions: 0
                """));
        assertThat(s.name()).isEqualTo("doorway-check");
        assertThat(s.mic()).hasSize(2);
        assertThat(s.mic().get(0).source()).isEqualTo(new Scenario.Say("go forward ten meters", "rms"));
        assertThat(s.mic().get(1).speech()).contains(java.util.List.of(new Scenario.Interval(0.2, 2.6)));
        assertThat(s.echo()).isEqualTo(new Scenario.Echo(40, -6));
        assertThat(s.duration()).hasValue(20);
        assertThat(s.expect()).containsExactly(new Expectation.VoiceSegments(2), new Expectation.SelfInterruptions(0));
    }

    @Test
    void unknownKeysAreNamed() throws Exception {
        refused("mic: [{at: 1, say: hi}]\nmicrophone: []\n", "microphone", "unknown key 'microphone'");
        refused("mic: [{at: 1, say: hi, volume: 3}]\n", "mic[0].volume", "unknown key 'volume'");
        refused("mic: [{at: 1, say: hi}]\necho: {delay: 40}\n", "echo.delay", "unknown key 'delay'");
    }

    @Test
    void readsTheRoomOfTheEchoPath() throws Exception {
        Scenario s = ScenarioLoader.load(write("""
                mic: [{at: 1, say: hi}]
                echo: {delay_ms: 120, gain_db: 6, rt60_ms: 300, drr_db: 3, clip_db: -6, drift_ppm: -100, seed: 42}
                """));
        assertThat(s.echo()).isEqualTo(new Scenario.Echo(120, 6, 300, 3, -6, -100, 42));
        Scenario plain = ScenarioLoader.load(write("mic: [{at: 1, say: hi}]\necho: {delay_ms: 40}\n"));
        assertThat(plain.echo()).as("no reverberation, clipping or drift unless asked")
                .isEqualTo(new Scenario.Echo(40, 0, 0, Scenario.Echo.DEFAULT_DRR_DB, Double.POSITIVE_INFINITY, 0, 1));
    }

    @Test
    void brokenRoomsAreNamed() throws Exception {
        String mic = "mic: [{at: 1, say: hi}]\n";
        refused(mic + "echo: {rt60_ms: -5}\n", "echo.rt60_ms", "must be 0..2000 ms, was -5");
        refused(mic + "echo: {rt60_ms: 5000}\n", "echo.rt60_ms", "must be 0..2000 ms, was 5000");
        refused(mic + "echo: {drr_db: loud}\n", "echo.drr_db", "must be a number, was 'loud'");
        refused(mic + "echo: {drr_db: 50}\n", "echo.drr_db", "must be -20..40 dB, was 50");
        refused(mic + "echo: {clip_db: 3}\n", "echo.clip_db", "must be -40..0 dBFS, was 3");
        refused(mic + "echo: {drift_ppm: 5000}\n", "echo.drift_ppm", "must be -1000..1000 ppm, was 5000");
        refused(mic + "echo: {seed: -1}\n", "echo.seed", "must be a whole number ≥ 0, was -1");
        refused(mic + "echo: {seed: 1.5}\n", "echo.seed", "must be a whole number ≥ 0, was 1.5");
        refused(mic + "echo: {seed: seven}\n", "echo.seed", "must be a whole number ≥ 0, was 'seven'");
        refused(mic + "echo: {reverb: 300}\n", "echo.reverb", "unknown key 'reverb'");
    }

    @Test
    void missingFilesAreNamed() throws Exception {
        refused("mic: [{at: 1, file: clips/nope.wav}]\n", "mic[0].file", "clips/nope.wav: no such file");
        refused("mic: [{at: 1, say: hi}]\nnoise: {file: fan.wav}\n", "noise.file", "fan.wav: no such file");
    }

    @Test
    void wrongShapesAreNamed() throws Exception {
        refused("mic: [{say: hi}]\n", "mic[0]", "missing 'at' (seconds from the start) or 'after'");
        refused("mic: [{at: -1, say: hi}]\n", "mic[0].at", "must not be negative");
        refused("mic: [{at: soon, say: hi}]\n", "mic[0].at", "must be a number, was 'soon'");
        refused("mic: [{at: 1}]\n", "mic[0]", "exactly one of 'say'");
        refused("mic: [{at: 1, say: hi, voice: hal}]\n", "mic[0].voice", "unknown flite voice 'hal'");
        refused("mic: [{at: 1, say: hi, speech: [[2, 1]]}]\n", "mic[0].speech[0]", "must come after start");
        refused("mic: {at: 1}\n", "mic", "must be a list");
        refused("mic: [{at: 1, say: hi}]\nexpect: [{voice_segments: two}]\n", "expect[0].voice_segments", "whole number");
        refused("mic: [{at: 1, say: hi}]\nexpect: [{intents: 3}]\n", "expect[0].intents", "unknown expectation 'intents'");
        refused("mic: [{at: 1, say: hi}]\nbackground: {at: 2, say: news}\n", "background", "must be a list");
        refused("mic: [{at: 1, say: hi}]\nbackground: [{at: 2}]\n", "background[0]", "exactly one of 'say'");
        refused("mic: [{at: 1, say: hi}]\nexpect: [{background_detections: -1}]\n", "expect[0].background_detections",
                "whole number");
        refused("robot: [{at: 1, say: hi, speech: [[0, 1]]}]\n", "robot[0].speech",
                "applies to 'mic' and 'background' entries");
    }

    @Test
    void theSharedReadersNameTheFullKeyPathAndTheValueAsWritten() throws Exception {
        // {scenario after one mic clip, key path, problem}
        String[][] cases = {
            {"echo: {delay_ms: 2000}", "echo.delay_ms", "must be 0..1000 ms, was 2000"},
            {"echo: {gain_db: 30}", "echo.gain_db", "must be -100..20 dB, was 30"},
            {"echo: [40]", "echo", "must be a mapping like {delay_ms: 40, gain_db: -6}"},
            {"respond: yes", "respond", "must be true or false, was 'yes'"},
            {"duration: 0", "duration", "must be positive, was 0"},
            {"expect: [{intent: go, within: [1, soon]}]", "expect[0].within[1]", "must be a number, was 'soon'"},
            {"expect: [{intent: go, within: [5, 1]}]", "expect[0].within",
                "must be [from, to] in seconds with from <= to, was [5,1]"},
            {"expect: [{min_speech_coverage: 1.5}]", "expect[0].min_speech_coverage",
                "must be a fraction between 0 and 1, was 1.5"},
            {"expect: [{intent: \" \"}]", "expect[0].intent", "must be text, was ' '"},
            {"background: [{at: 1, say: hi, speech: [[0, 1, 2]]}]", "background[0].speech[0]",
                "must be a [start, end] pair, was [0,1,2]"},
        };
        for (String[] c : cases) {
            refused("mic: [{at: 1, say: hi}]\n" + c[0] + "\n", c[1], c[2]);
        }
    }

    @Test
    void aClipMayFollowThePreviousOneAfterAPauseAndPlayPartOfItsAudio() throws Exception {
        Files.write(dir.resolve("clip.raw"), new byte[64_000]);
        Scenario s = ScenarioLoader.load(write("""
                mic:
                  - {at: 1.5, file: clip.raw, rate: 16000, trim: [0.25, 1.0]}
                  - {after: 0.4, say: "six feet", voice: awb}
                """));
        assertThat(s.mic().get(0).afterPrevious()).isFalse();
        assertThat(s.mic().get(0).trim()).contains(new Scenario.Interval(0.25, 1.0));
        assertThat(s.mic().get(1).afterPrevious()).isTrue();
        assertThat(s.mic().get(1).at()).isEqualTo(0.4);
        assertThat(s.mic().get(1).trim()).isEmpty();
    }

    @Test
    void pausesAndTrimsWithBrokenDataAreNamed() throws Exception {
        refused("mic: [{at: 1, after: 0.5, say: hi}]\n", "mic[0]", "give one of 'at' and 'after', not both");
        refused("mic: [{after: 0.5, say: hi}]\n", "mic[0].after", "the first clip has no previous clip to follow");
        refused("mic: [{at: 1, say: hi}, {after: -0.2, say: there}]\n", "mic[1].after", "must not be negative");
        refused("mic: [{at: 1, say: hi}, {after: soon, say: there}]\n", "mic[1].after", "must be a number, was 'soon'");
        refused("mic: [{at: 1, say: hi, trim: [2, 1]}]\n", "mic[0].trim", "must come after start");
        refused("mic: [{at: 1, say: hi, trim: 1.5}]\n", "mic[0].trim", "must be a [start, end] pair");
        refused("mic: [{at: 1, say: hi, trim: [-1, 1]}]\n", "mic[0].trim[0]", "must not be negative");
    }

    @Test
    void brokenFilesAreNamed() throws Exception {
        refused("", "", "empty scenario file");
        refused("mic: [{at: 1, say: hi}\n", "line 2, column 1",
                "not valid YAML: expected ',' or ']', but got <stream end> (while parsing a flow sequence from line 1)");
        refused("- just\n- a list\n", "", "must be a mapping");
        refused("name: nothing\n", "", "nothing to play");
        refused("mic: [{at: 1, say: hi}]\nmic: []\n", "line", "Duplicate field 'mic'");
        assertThatThrownBy(() -> ScenarioLoader.load(dir.resolve("absent.yaml"))).hasMessageEndingWith("absent.yaml: no such file");
    }
}
