package dev.vigil.perception.audio.frontend;

import org.apache.commons.math3.transform.DftNormalization;
import org.apache.commons.math3.transform.FastFourierTransformer;
import org.apache.commons.math3.transform.TransformType;

/**
 * Levels of a 16 kHz window in a few speech bands, in dBFS per band (mean square of the band's share
 * of a Hann-windowed spectrum, so a full-scale sine in one band reads about −3 dB in it). Bands:
 * 250–500, 500–1000, 1000–2000, 2000–3000, 3000–4000, 4000–5500 and 5500–8000 Hz: below 250 Hz
 * is hum and the canceller's weakest range, and the upper bands are where a fricative ("s", "t")
 * stands out over a voiced echo. Not thread-safe: one per caller.
 */
final class BandLevels {

    /** Band edges in Hz: band {@code b} spans {@code EDGES[b]} to {@code EDGES[b + 1]}. */
    static final int[] EDGES = {250, 500, 1000, 2000, 3000, 4000, 5500, 8000};
    static final int BANDS = EDGES.length - 1;
    private static final double SILENCE_DB = -100;

    private final FastFourierTransformer fft = new FastFourierTransformer(DftNormalization.STANDARD);
    private final double[] hann;
    private final double[] buffer;
    private final int[] firstBin = new int[BANDS];
    private final int[] endBin = new int[BANDS];
    private final double scale;

    /** @param window samples per window, a power of two (512: 32 ms) */
    BandLevels(int window) {
        if (Integer.bitCount(window) != 1) {
            throw new IllegalArgumentException("window must be a power of two: " + window);
        }
        hann = new double[window];
        double power = 0;
        for (int i = 0; i < window; i++) {
            hann[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / window);
            power += hann[i] * hann[i];
        }
        buffer = new double[window];
        for (int b = 0; b < BANDS; b++) {
            firstBin[b] = (int) Math.round(EDGES[b] * (double) window / AudioFrontEnd.SAMPLE_RATE);
            endBin[b] = Math.min(window / 2, (int) Math.round(EDGES[b + 1] * (double) window / AudioFrontEnd.SAMPLE_RATE));
        }
        // Parseval with the window's power: a band's bins sum to the signal's mean square in it.
        scale = 2.0 / (window * power);
    }

    /** Fills {@code out} ({@link #BANDS} values) with the band levels of {@code samples} (−1..1). */
    void levels(float[] samples, double[] out) {
        boolean silent = true;
        for (int i = 0; i < buffer.length; i++) {
            buffer[i] = samples[i] * hann[i];
            silent &= samples[i] == 0;
        }
        if (silent) {
            // The loudspeaker between the robot's turns: every band is silence, no transform needed
            // (it is called for the loudspeaker at every 10 ms frame).
            java.util.Arrays.fill(out, SILENCE_DB);
            return;
        }
        var spectrum = fft.transform(buffer, TransformType.FORWARD);
        for (int b = 0; b < BANDS; b++) {
            double energy = 0;
            for (int k = firstBin[b]; k < endBin[b]; k++) {
                double re = spectrum[k].getReal();
                double im = spectrum[k].getImaginary();
                energy += re * re + im * im;
            }
            double meanSquare = energy * scale;
            out[b] = meanSquare <= 1e-12 ? SILENCE_DB : 10 * Math.log10(meanSquare);
        }
    }
}
