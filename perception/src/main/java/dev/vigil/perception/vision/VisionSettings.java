package dev.vigil.perception.vision;

/**
 * How the frame sampler looks at the camera ({@code vision:} in {@code vigil.yaml}).
 *
 * @param baselineHz frames a second looked at when nobody asks for more (MiniCPM-o's rhythm: 1)
 * @param maxHz      the fastest rate any demand may raise it to (a watch waiting for floor 16: 4)
 * @param cpuShare   the most of one core vision may use: after a frame that took {@code c} of
 *                   compute, the next waits at least {@code c / cpuShare} (0.5: half a core), so a
 *                   slow engine on a busy board lowers the rate instead of starving hearing
 */
public record VisionSettings(double baselineHz, double maxHz, double cpuShare) {

    /** @throws IllegalArgumentException rates not positive, max below baseline, share outside (0, 1] */
    public VisionSettings {
        if (!(baselineHz > 0) || !(maxHz >= baselineHz)) {
            throw new IllegalArgumentException("vision rates must be above 0 Hz and max_hz at least baseline_hz, were "
                    + baselineHz + " and " + maxHz);
        }
        if (!(cpuShare > 0 && cpuShare <= 1)) {
            throw new IllegalArgumentException("vision.cpu_share is a fraction of one core, 0 < share ≤ 1, was " + cpuShare);
        }
    }

    public static VisionSettings defaults() {
        return new VisionSettings(1, 4, 0.5);
    }
}
