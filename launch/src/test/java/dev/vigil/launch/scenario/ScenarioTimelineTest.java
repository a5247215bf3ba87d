package dev.vigil.launch.scenario;

import dev.vigil.launch.scenario.Scenario.Interval;
import dev.vigil.speech.tts.engine.FliteSynthesizer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Where clips land on the timeline: pauses inside an utterance ({@code after}) and cut audio ({@code trim}). */
class ScenarioTimelineTest {

    private static FliteSynthesizer flite;

    @TempDir
    Path dir;

    @BeforeAll
    static void engines() {
        flite = new FliteSynthesizer();
    }

    @AfterAll
    static void close() {
        flite.close();
    }

    private RenderedScenario render(String yaml) throws Exception {
        Path file = dir.resolve("s.yaml");
        Files.writeString(file, yaml);
        return new ScenarioRenderer(flite).render(ScenarioLoader.load(file));
    }

    @Test
    void afterIsTheSilenceBetweenTheTwoPartsSpeech() throws Exception {
        for (double pause : new double[] {0.3, 0.5, 0.8}) {
            List<Interval> truth = render("""
                    mic:
                      - {at: 1.0, say: "roll forwards", voice: rms}
                      - {after: %s, say: "six feet", voice: rms}
                    """.formatted(pause)).truth();
            assertThat(truth).hasSize(2);
            assertThat(truth.get(1).start() - truth.get(0).end()).as("pause").isCloseTo(pause, within(0.011));
        }
    }

    @Test
    void trimPlaysOnlyThePartAsked() throws Exception {
        // 1 s of silence, then 1 s of a tone: 0.25 s of the silence and 0.5 s of the tone are kept.
        short[] pcm = new short[32_000];
        for (int i = 16_000; i < pcm.length; i++) {
            pcm[i] = (short) (8000 * Math.sin(2 * Math.PI * 440 * i / 16_000.0));
        }
        ByteBuffer bytes = ByteBuffer.allocate(pcm.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asShortBuffer().put(pcm);
        Files.write(dir.resolve("tone.raw"), bytes.array());
        RenderedScenario r = render("mic: [{at: 2.0, file: tone.raw, rate: 16000, trim: [0.75, 1.5]}]\n");
        assertThat(r.truth()).singleElement().satisfies(t -> {
            assertThat(t.start()).isCloseTo(2.25, within(0.011));
            assertThat(t.end()).isCloseTo(2.75, within(0.011));
        });
    }

    @Test
    void aTrimPastTheEndOfTheAudioIsOneClearLine() throws Exception {
        Files.write(dir.resolve("short.raw"), new byte[16_000]);   // 0.5 s
        assertThatThrownBy(() -> render("mic: [{at: 1, file: short.raw, rate: 16000, trim: [0.2, 0.9]}]\n"))
                .isInstanceOf(ScenarioException.class)
                .hasMessageContaining("mic[0].trim").hasMessageContaining("after the audio's end (0.500 s)")
                .hasMessageNotContaining("\n");
    }
}
