package dev.vigil.perception.audio.vad;

/**
 * When a run of speech probabilities becomes a voice segment.
 *
 * @param startThreshold   probability at or above which a window counts as speech
 * @param stopThreshold    probability below which a window counts as silence (hysteresis: lower
 *                         than the start threshold so a segment does not flicker)
 * @param onsetWindows     consecutive speech windows before voice-started is reported; each window
 *                         is 32 ms, so this bounds the detection delay from below
 * @param confidentOnset   a single window at or above this probability is enough: clear speech is
 *                         reported one window (32 ms) sooner, doubtful speech still needs the run
 * @param hangoverMillis   silence needed before voice-stopped is reported; bridges the pauses
 *                         between words
 * @param preRollMillis    how far before its first speech window a segment is said to start: the
 *                         model hears vowels, not the fricative or breath before them (an initial
 *                         "f" or "s" runs 50–150 ms ahead), and recognition needs that audio. Never
 *                         reaches back into the previous segment. Detection delay is unaffected.
 */
public record VadSettings(float startThreshold, float stopThreshold, int onsetWindows, float confidentOnset,
                          int hangoverMillis, int preRollMillis) {

    public VadSettings {
        if (!(startThreshold > 0 && startThreshold < 1) || !(stopThreshold > 0 && stopThreshold <= startThreshold)) {
            throw new IllegalArgumentException("need 0 < stop threshold <= start threshold < 1, got "
                    + stopThreshold + " and " + startThreshold);
        }
        if (!(confidentOnset >= startThreshold && confidentOnset <= 1)) {
            throw new IllegalArgumentException("confident onset must be between the start threshold and 1, got "
                    + confidentOnset);
        }
        if (onsetWindows < 1 || hangoverMillis < 0 || preRollMillis < 0) {
            throw new IllegalArgumentException("onset windows must be >= 1, hangover and pre-roll >= 0 ms");
        }
    }

    public static VadSettings defaults() {
        return new VadSettings(0.5f, 0.35f, 2, 0.9f, 300, 200);
    }
}
