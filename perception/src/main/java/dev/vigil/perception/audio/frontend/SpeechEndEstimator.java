package dev.vigil.perception.audio.frontend;

import java.util.Arrays;

/**
 * Where a voice segment's speech really ended, from the level of the echo-cancelled audio: the end
 * of its last 10 ms frame that stands within {@value #BELOW_PEAK_DB} dB of the segment's loudest
 * frame and {@value #ABOVE_FLOOR_DB} dB above the room's quiet floor, looked for at most
 * {@value #MAX_BACK_MILLIS} ms before the end of the segment's last speech window.
 * <p>
 * Why: the voice model still scores a window or two of a word's decay as speech (it reacts to the
 * vowel's tail and remembers), so a segment's last speech window ends 60–80 ms after the speech did
 * (measured on the bundled scenarios against their ground truth). A turn's live measures
 * (voice-to-voice, end of turn) start at this estimate instead, so they read what the user waited, not
 * 70 ms less. The same rule as the scenarios' ground truth ({@code SpeechSpan}: peak − 40 dB, floor +
 * 12 dB, 10 ms frames), applied causally: only frames heard up to the decision. Decisions do not use
 * it: recognition still gets the audio up to the speech window's end.
 * <p>
 * Over the robot's speech the residual echo keeps frames above the floor, and the estimate stays at
 * (or near) the window's end: never later than it. Not thread-safe: the front end's thread.
 */
final class SpeechEndEstimator {

    static final double BELOW_PEAK_DB = 40;
    static final double ABOVE_FLOOR_DB = 12;
    /** Below this (dBFS) a frame is silence, however quiet the room. */
    static final double ABSOLUTE_FLOOR_DB = -65;
    /** How far before the last speech window's end the speech may have ended: the model's lag and a window. */
    static final int MAX_BACK_MILLIS = 200;
    /** The room's floor is the quiet end (10th percentile) of the last 3 s of frames. */
    private static final int HISTORY_FRAMES = 300;
    private static final double FLOOR_PERCENTILE = 0.1;

    private final double[] levelDb = new double[HISTORY_FRAMES];
    private final long[] endNanos = new long[HISTORY_FRAMES];
    private int next;
    private int filled;

    /** One 10 ms frame of cleaned audio ending at {@code frameEndNanos}, its mean energy (full scale 1). */
    void frame(long frameEndNanos, double meanEnergy) {
        levelDb[next] = meanEnergy <= 1e-12 ? -120 : 10 * Math.log10(meanEnergy);
        endNanos[next] = frameEndNanos;
        next = (next + 1) % HISTORY_FRAMES;
        filled = Math.min(filled + 1, HISTORY_FRAMES);
    }

    /**
     * The estimated end of speech of the segment from {@code onsetNanos} whose last speech window ends
     * at {@code windowEndNanos}: session nanoseconds, in [{@code windowEndNanos} − 200 ms,
     * {@code windowEndNanos}], never before the onset; {@code windowEndNanos} itself when the segment
     * never stood out of the room's floor (no evidence) or no frame was heard.
     */
    long estimate(long onsetNanos, long windowEndNanos) {
        if (filled == 0) {
            return windowEndNanos;
        }
        double[] sorted = new double[filled];
        double peak = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < filled; k++) {
            int i = Math.floorMod(next - 1 - k, HISTORY_FRAMES);
            sorted[k] = levelDb[i];
            if (endNanos[i] > onsetNanos && endNanos[i] <= windowEndNanos) {
                peak = Math.max(peak, levelDb[i]);
            }
        }
        if (peak == Double.NEGATIVE_INFINITY) {
            return windowEndNanos;
        }
        Arrays.sort(sorted);
        double floor = sorted[(int) (FLOOR_PERCENTILE * (filled - 1))];
        double threshold = Math.max(Math.max(peak - BELOW_PEAK_DB, floor + ABOVE_FLOOR_DB), ABSOLUTE_FLOOR_DB);
        if (peak < threshold) {
            return windowEndNanos;   // the voice never stood out of the room: no evidence either way
        }
        // Never after the window's end, even for a segment whose onset is not before it.
        long earliest = Math.min(windowEndNanos, Math.max(onsetNanos, windowEndNanos - MAX_BACK_MILLIS * 1_000_000L));
        for (int k = 0; k < filled; k++) {
            int i = Math.floorMod(next - 1 - k, HISTORY_FRAMES);
            if (endNanos[i] > windowEndNanos) {
                continue;
            }
            if (endNanos[i] <= earliest) {
                break;
            }
            if (levelDb[i] >= threshold) {
                return endNanos[i];
            }
        }
        // Nothing in reach stands out: the speech ended before it; the look-back's start is the closest bound.
        return earliest;
    }
}
