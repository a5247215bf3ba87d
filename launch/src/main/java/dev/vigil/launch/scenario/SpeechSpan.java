package dev.vigil.launch.scenario;

import dev.vigil.launch.scenario.Scenario.Interval;

import java.util.Arrays;
import java.util.Optional;

/**
 * Ground truth for a clip whose speech span is not written in the scenario: from the first to the last
 * 10 ms frame that stands clearly above the clip's own noise floor. For synthesized speech the floor
 * is digital silence and the span is exact to 10 ms; for recordings it follows the loud part. The
 * clip's DC offset is removed first: a constant offset adds the same energy to every frame, raised the
 * floor to the speech and left no frame above it, so the truth came out empty. The offset is the
 * clip's median sample, not its mean: speech waveforms are lopsided (flite's "go forward ten meters"
 * has a mean of 0.004, -48 dBFS), and taking that out would put a floor under the digital silence
 * around it and move the span; the median of a clip that is mostly pauses is its resting level.
 */
public final class SpeechSpan {

    private static final int FRAME = 160;
    /** Frames this far below the loudest frame are not speech (breath, reverb tails). */
    private static final double BELOW_PEAK_DB = 40;
    /** …and must stand this far above the noise floor. */
    private static final double ABOVE_FLOOR_DB = 12;
    private static final double ABSOLUTE_FLOOR_DB = -65;

    private SpeechSpan() {
    }

    /** @param samples 16 kHz mono in [-1, 1]; @return the span in seconds, or empty if the clip is silent */
    public static Optional<Interval> of(float[] samples) {
        int frames = samples.length / FRAME;
        if (frames == 0) {
            return Optional.empty();
        }
        double offset = median(samples);
        double[] levels = new double[frames];
        for (int f = 0; f < frames; f++) {
            double energy = 0;
            for (int i = f * FRAME; i < (f + 1) * FRAME; i++) {
                double v = samples[i] - offset;
                energy += v * v;
            }
            levels[f] = energy <= 1e-12 ? -120 : 10 * Math.log10(energy / FRAME);
        }
        double[] sorted = levels.clone();
        Arrays.sort(sorted);
        double floor = sorted[(int) (0.1 * (frames - 1))];
        double peak = sorted[frames - 1];
        double threshold = Math.max(Math.max(peak - BELOW_PEAK_DB, floor + ABOVE_FLOOR_DB), ABSOLUTE_FLOOR_DB);
        int first = -1;
        int last = -1;
        for (int f = 0; f < frames; f++) {
            if (levels[f] >= threshold) {
                if (first < 0) {
                    first = f;
                }
                last = f;
            }
        }
        if (first < 0) {
            return Optional.empty();
        }
        return Optional.of(new Interval(first * FRAME / 16_000.0, (last + 1) * FRAME / 16_000.0));
    }

    private static double median(float[] samples) {
        float[] sorted = samples.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
