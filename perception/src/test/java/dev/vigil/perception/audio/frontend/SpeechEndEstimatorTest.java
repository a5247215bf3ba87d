package dev.vigil.perception.audio.frontend;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SpeechEndEstimatorTest {

    private static final long MS = 1_000_000L;

    /** 10 ms frames from {@code fromMs} (exclusive end times), each at {@code db} dBFS. */
    private static void frames(SpeechEndEstimator e, int fromMs, int toMs, double db) {
        for (int t = fromMs + 10; t <= toMs; t += 10) {
            e.frame(t * MS, Math.pow(10, db / 10));
        }
    }

    @Test
    void aWordsDecayThatTheVoiceModelStillCalledSpeechIsNotSpeech() {
        var e = new SpeechEndEstimator();
        frames(e, 0, 1000, -70);            // a quiet room
        frames(e, 1000, 1800, -20);         // speech
        frames(e, 1800, 1830, -45);         // its decay, still within 40 dB of the peak
        frames(e, 1830, 1900, -62);         // breath and tail: within 40 dB of nothing that counts
        frames(e, 1900, 2200, -70);
        // The last speech window ended at 1.888 s; the speech at 1.83 s.
        assertThat(e.estimate(1000 * MS, 1888 * MS)).isEqualTo(1830 * MS);
    }

    @Test
    void theEstimateIsNeverLaterThanTheWindowsEndNorMoreThan200MsBeforeIt() {
        var e = new SpeechEndEstimator();
        frames(e, 0, 1000, -70);
        frames(e, 1000, 1500, -20);
        frames(e, 1500, 2500, -70);
        // Speech ended at 1.5 s, the window "ended" at 2.0 s: 200 ms back is as far as it looks.
        assertThat(e.estimate(1000 * MS, 2000 * MS)).isEqualTo(1800 * MS);
        // Loud frames after the window's end (the next word) do not count.
        var f = new SpeechEndEstimator();
        frames(f, 0, 1000, -70);
        frames(f, 1000, 2500, -20);
        assertThat(f.estimate(1000 * MS, 2000 * MS)).isEqualTo(2000 * MS);
    }

    @Test
    void aVoiceThatNeverStoodOutOfTheRoomKeepsTheWindowsEnd() {
        var e = new SpeechEndEstimator();
        frames(e, 0, 3000, -50);            // speech no louder than the room's noise
        assertThat(e.estimate(1000 * MS, 2000 * MS)).isEqualTo(2000 * MS);
        assertThat(new SpeechEndEstimator().estimate(0, 500 * MS)).isEqualTo(500 * MS);
    }

    @Test
    void residualEchoAfterTheUsersWordsKeepsTheEstimateNearTheWindowsEnd() {
        var e = new SpeechEndEstimator();
        frames(e, 0, 1000, -70);
        frames(e, 1000, 1600, -20);
        frames(e, 1600, 2000, -40);         // the robot's voice, cancelled to -40 dBFS
        assertThat(e.estimate(1000 * MS, 1950 * MS)).isEqualTo(1950 * MS);
    }
}
