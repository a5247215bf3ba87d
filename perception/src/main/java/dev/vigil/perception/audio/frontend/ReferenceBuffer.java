package dev.vigil.perception.audio.frontend;

/**
 * The last few seconds of what the loudspeaker played, addressed by absolute sample index (session
 * time × 16 kHz) so a microphone frame can fetch the loudspeaker samples of the same instant, or of
 * any instant between samples (the echo delay is not a whole number of samples, and drifts).
 * Anything never written, or too old, reads as silence. Written from the event loop, read from the
 * front end's worker: methods are synchronized (a few microseconds per 20 ms frame).
 */
final class ReferenceBuffer {

    /** Band-limited interpolation: a Blackman-windowed sinc, 2 × HALF_TAPS taps, PHASES fractions. */
    static final int HALF_TAPS = 16;
    private static final int PHASES = 256;
    private static final float[][] KERNEL = kernel();

    private final short[] ring;
    /** The samples under the interpolation kernel, for the reader. */
    private short[] raw = new short[0];
    /** Index one past the newest sample written; everything in [highWater - capacity, highWater) is valid. */
    private long highWater;

    ReferenceBuffer(int capacitySamples) {
        ring = new short[capacitySamples];
    }

    synchronized void write(long start, short[] samples) {
        if (start > highWater) {
            fillSilence(highWater, Math.min(start, highWater + ring.length));
        }
        long from = Math.max(start, highWater - ring.length);
        for (long i = from; i < start + samples.length; i++) {
            ring[(int) Math.floorMod(i, (long) ring.length)] = samples[(int) (i - start)];
        }
        highWater = Math.max(highWater, start + samples.length);
    }

    synchronized void read(long start, short[] into) {
        read(start, into, into.length);
    }

    private void read(long start, short[] into, int length) {
        long oldest = highWater - ring.length;
        for (int k = 0; k < length; k++) {
            long i = start + k;
            into[k] = i >= oldest && i < highWater ? ring[(int) Math.floorMod(i, (long) ring.length)] : 0;
        }
    }

    /**
     * Reads {@code into.length} samples starting at the fractional position {@code start}. Reads up
     * to {@link #HALF_TAPS} samples past the end of the span, which must have been written by then.
     */
    synchronized void readAt(double start, short[] into) {
        long base = (long) Math.floor(start);
        int phase = (int) Math.round((start - base) * PHASES);
        if (phase == PHASES) {
            base++;
            phase = 0;
        }
        if (phase == 0) {
            read(base, into);
            return;
        }
        float[] taps = KERNEL[phase];
        int span = into.length + taps.length - 1;
        if (raw.length < span) {
            raw = new short[span];
        }
        read(base - HALF_TAPS + 1, raw, span);
        for (int k = 0; k < into.length; k++) {
            float acc = 0;
            for (int j = 0; j < taps.length; j++) {
                acc += taps[j] * raw[k + j];
            }
            into[k] = (short) Math.max(-32768, Math.min(32767, Math.round(acc)));
        }
    }

    /** KERNEL[p][j]: the weight of sample base - HALF_TAPS + 1 + j for the position base + p / PHASES. */
    private static float[][] kernel() {
        float[][] kernel = new float[PHASES][2 * HALF_TAPS];
        for (int p = 0; p < PHASES; p++) {
            double frac = p / (double) PHASES;
            for (int j = 0; j < 2 * HALF_TAPS; j++) {
                double t = frac - (j - HALF_TAPS + 1);
                double sinc = t == 0 ? 1 : Math.sin(Math.PI * t) / (Math.PI * t);
                double w = (t + HALF_TAPS) / (2 * HALF_TAPS);
                double blackman = 0.42 - 0.5 * Math.cos(2 * Math.PI * w) + 0.08 * Math.cos(4 * Math.PI * w);
                kernel[p][j] = (float) (sinc * blackman);
            }
        }
        return kernel;
    }

    private void fillSilence(long from, long to) {
        for (long i = from; i < to; i++) {
            ring[(int) Math.floorMod(i, (long) ring.length)] = 0;
        }
    }
}
