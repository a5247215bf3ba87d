package dev.vigil.perception.audio.vad;

import dev.vigil.perception.testing.Speech;
import dev.vigil.perception.testing.SpeechOnset;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SileroVadTest {

    private static float[] probabilities(SileroVad vad, float[] audio) throws Exception {
        float[] p = new float[audio.length / SileroVad.WINDOW];
        for (int w = 0; w < p.length; w++) {
            p[w] = vad.speechProbability(Arrays.copyOfRange(audio, w * SileroVad.WINDOW, (w + 1) * SileroVad.WINDOW));
        }
        return p;
    }

    private static float max(float[] p, int from, int to) {
        float best = 0;
        for (int w = from; w < Math.min(to, p.length); w++) {
            best = Math.max(best, p[w]);
        }
        return best;
    }

    @Test
    void silenceIsNotSpeechAndSpeechIs() throws Exception {
        float[] audio = new float[16_000 * 4];
        Speech.mix(audio, Speech.say("go forward ten meters", "slt"), 1.5, 0);
        try (SileroVad vad = Speech.silero()) {
            float[] p = probabilities(vad, audio);
            assertThat(max(p, 0, 40)).as("max probability in the first second of silence").isLessThan(0.1f);
            assertThat(max(p, 50, 90)).as("max probability during the words").isGreaterThan(0.9f);
        }
    }

    @Test
    void speechAfterLongSilenceIsStillHeardPromptly() throws Exception {
        // The drift SileroVad guards against: speech, four seconds of digital silence, speech again.
        float[] audio = new float[16_000 * 8];
        Speech.mix(audio, Speech.say("stop right there", "awb"), 0.5, 0);
        float[] thanks = Speech.say("thank you robot", "slt");
        Speech.mix(audio, thanks, 5.5, 0);
        try (SileroVad vad = Speech.silero()) {
            float[] p = probabilities(vad, audio);
            int firstWord = (int) ((5.5 + SpeechOnset.of(thanks)) * 16_000 / SileroVad.WINDOW);
            assertThat(max(p, firstWord, firstWord + 4)).as("probability within 128 ms of the onset").isGreaterThan(0.8f);
        }
    }

    @Test
    void refusesWindowsOfTheWrongSize() {
        try (SileroVad vad = Speech.silero()) {
            assertThatThrownBy(() -> vad.speechProbability(new float[100])).hasMessageContaining("512");
        }
    }
}
