package dev.vigil.perception.testing;

/** Where synthesized speech starts in its clip: the first 10 ms frame within 40 dB of the loudest. */
public final class SpeechOnset {

    private SpeechOnset() {
    }

    public static double of(float[] clip) {
        int frames = clip.length / 160;
        double[] level = new double[frames];
        double peak = -200;
        for (int f = 0; f < frames; f++) {
            double e = 0;
            for (int i = f * 160; i < (f + 1) * 160; i++) {
                e += clip[i] * clip[i];
            }
            level[f] = 10 * Math.log10(e / 160 + 1e-12);
            peak = Math.max(peak, level[f]);
        }
        for (int f = 0; f < frames; f++) {
            if (level[f] >= peak - 40) {
                return f * 160 / 16_000.0;
            }
        }
        return 0;
    }
}
