package dev.vigil.perception.audio.frontend;

/**
 * The pitch period of a voiced stretch of 16 kHz audio, by normalised autocorrelation on the signal
 * halved to 8 kHz: the double-talk detector's one measure that does not rest on levels. Two voices
 * rarely share a pitch at the same moment, and what the echo canceller leaves of the robot's voice
 * (the misadjusted filter, the reverberation beyond it, the loudspeaker's clipping) keeps the robot's
 * pitch, so a voiced window whose period the loudspeaker did not play is someone else's voice, however
 * loud the echo around it.
 */
final class Periodicity {

    /** Periods looked for, in samples at 8 kHz: 400 Hz down to 62.5 Hz. */
    private static final int MIN_LAG = 20;
    private static final int MAX_LAG = 128;
    /** A window counts as voiced when its best normalised autocorrelation reaches this. */
    private static final double VOICED = 0.6;
    /** Of the lags scoring within this fraction of the best, the shortest is the period (not its multiples). */
    private static final double FIRST_PEAK = 0.9;

    private final float[] half;
    private final double[] scores = new double[MAX_LAG + 1];
    private double lastBest;

    /** @param samples the longest window length at 16 kHz to be given; periods up to a quarter of it are found */
    Periodicity(int samples) {
        this.half = new float[samples / 2];
    }

    /**
     * The pitch period of {@code length} samples of {@code x} from {@code offset} (16 kHz, any scale), in
     * samples at 8 kHz, or NaN when the stretch is not voiced.
     */
    double period(float[] x, int offset, int length) {
        int n = Math.min(half.length, length / 2);
        for (int i = 0; i < n; i++) {
            half[i] = x[offset + 2 * i] + x[offset + 2 * i + 1];
        }
        int maxLag = Math.min(MAX_LAG, n / 2);
        java.util.Arrays.fill(scores, 0);
        double best = 0;
        for (int lag = MIN_LAG; lag <= maxLag; lag++) {
            double xy = 0;
            double xx = 0;
            double yy = 0;
            for (int i = 0; i + lag < n; i++) {
                float a = half[i];
                float b = half[i + lag];
                xy += a * b;
                xx += a * a;
                yy += b * b;
            }
            double r = xx <= 0 || yy <= 0 ? 0 : xy / Math.sqrt(xx * yy);
            scores[lag] = r;
            best = Math.max(best, r);
        }
        lastBest = best;
        if (best < VOICED) {
            return Double.NaN;
        }
        for (int lag = MIN_LAG; lag <= maxLag; lag++) {
            // The first lag near the best that is a local peak: a period's multiples score as well.
            if (scores[lag] >= FIRST_PEAK * best && (lag == maxLag || scores[lag] >= scores[lag + 1])) {
                return lag;
            }
        }
        return Double.NaN;
    }

    /**
     * Whether the stretch last given to {@link #period} repeats at {@code period} (samples at 8 kHz)
     * about as well as at its own best period: a voice at that pitch (or an octave above it, whose
     * period fits twice) could be what it holds. Unlike comparing two estimates, this does not depend on which of a voice's
     * period multiples each estimate picked.
     */
    boolean repeatsAt(double period) {
        if (Double.isNaN(period) || lastBest < VOICED) {
            return false;
        }
        int lag = (int) Math.round(period);
        double score = Double.NEGATIVE_INFINITY;
        for (int l = Math.max(MIN_LAG, lag - 1); l <= Math.min(MAX_LAG, lag + 1); l++) {
            score = Math.max(score, scores[l]);
        }
        return score >= FIRST_PEAK * lastBest;
    }
}
