package dev.vigil.launch.scenario;

import dev.vigil.agent.audio.PcmAudio;
import dev.vigil.agent.audio.WavFile;
import dev.vigil.launch.scenario.Scenario.Interval;
import dev.vigil.speech.tts.engine.FliteSynthesizer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Ground truth that cannot silently vanish: a DC offset does not hide speech, and no speech is an error. */
class ScenarioRendererTest {

    /** Real human speech (Debian pocketsphinx-testdata): "ten of clubs". */
    private static final Path CARDS = Path.of("/usr/share/pocketsphinx/test/data/cards/001.wav");

    @TempDir
    Path dir;

    private ScenarioRenderer renderer;

    @BeforeEach
    void flite() {
        assumeTrue(FliteSynthesizer.available(), () -> FliteSynthesizer.unavailableReason().orElse(""));
        renderer = new ScenarioRenderer(new FliteSynthesizer());
    }

    private RenderedScenario render(String clip) throws Exception {
        Path file = dir.resolve("s.yaml");
        Files.writeString(file, "name: truth\nrespond: false\nmic:\n  - " + clip + "\n");
        return renderer.render(ScenarioLoader.load(file));
    }

    @Test
    void aRecordingWithADcOffsetHasTheSameSpeechAsWithout() throws Exception {
        assumeThat(CARDS).as("Debian package pocketsphinx-testdata").exists();
        PcmAudio speech = WavFile.read(CARDS).mono();
        float[] offset = speech.samples().clone();
        for (int i = 0; i < offset.length; i++) {
            offset[i] += 0.25f;   // -12 dBFS of DC: louder than the whole recording's speech
        }
        Path shifted = dir.resolve("offset.wav");
        WavFile.write(shifted, new PcmAudio(speech.sampleRate(), 1, offset));

        List<Interval> clean = render("{at: 0.5, file: " + CARDS + "}").truth();
        List<Interval> withOffset = render("{at: 0.5, file: " + shifted + "}").truth();

        assertThat(clean).singleElement().satisfies(t -> assertThat(t.end() - t.start()).isGreaterThan(0.5));
        assertThat(withOffset).singleElement().satisfies(t -> {
            assertThat(t.start()).isCloseTo(clean.get(0).start(), org.assertj.core.data.Offset.offset(0.02));
            assertThat(t.end()).isCloseTo(clean.get(0).end(), org.assertj.core.data.Offset.offset(0.02));
        });
    }

    @Test
    void aRecordingWithoutSpeechIsRefusedUnlessTheScenarioSaysSo() throws Exception {
        Path silence = dir.resolve("silence.raw");
        Files.write(silence, new byte[32_000]);   // one second of digital silence, S16LE

        assertThatThrownBy(() -> render("{at: 0.5, file: silence.raw, rate: 16000}"))
                .isInstanceOf(ScenarioException.class)
                .hasMessageContaining("mic[0]: no speech found in silence.raw")
                .hasMessageContaining("speech: [[start, end]]")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        assertThat(render("{at: 0.5, file: silence.raw, rate: 16000, speech: []}").truth())
                .as("a clip declared without speech").isEmpty();
    }
}
