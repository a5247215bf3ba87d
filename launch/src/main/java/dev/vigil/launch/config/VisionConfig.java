package dev.vigil.launch.config;

import dev.vigil.perception.vision.VisionSettings;

import java.util.List;
import java.util.Set;

/**
 * What the agent looks at and how often ({@code vision:} in vigil.yaml). Vision runs when there is a
 * camera: {@code camera.pipeline}, or the ROS camera topic with {@code --ros}.
 *
 * @param baselineHz frames a second looked at when nothing asks for more (default 1)
 * @param maxHz      the fastest rate a watch may raise it to (default 4)
 * @param cpuShare   the most of one core vision may use, 0 < share ≤ 1 (default 0.5): a slow engine
 *                   lowers the rate rather than starving hearing
 * @param engines    which engines run on each sampled frame: {@code ocr} (PP-OCRv4, text on displays
 *                   and signs), {@code light} (signal lights' colour); empty: none
 */
public record VisionConfig(double baselineHz, double maxHz, double cpuShare, List<String> engines) {

    /** The engines Vigil bundles. */
    public static final Set<String> KNOWN_ENGINES = Set.of("ocr", "light");

    /** @throws IllegalArgumentException a rate or share out of range, an unknown engine */
    public VisionConfig {
        SettingException.check(engines != null, "engines", "must be a list, e.g. [ocr, light]");
        engines = List.copyOf(engines);
        for (String e : engines) {
            SettingException.check(KNOWN_ENGINES.contains(e), "engines",
                    "unknown engine '" + e + "' (known: light, ocr)");
        }
        try {
            new VisionSettings(baselineHz, maxHz, cpuShare);
        } catch (IllegalArgumentException e) {
            throw new SettingException("baseline_hz", e.getMessage());
        }
    }

    public static VisionConfig defaults() {
        VisionSettings s = VisionSettings.defaults();
        return new VisionConfig(s.baselineHz(), s.maxHz(), s.cpuShare(), List.of("ocr", "light"));
    }

    /** The sampler's settings. */
    public VisionSettings settings() {
        return new VisionSettings(baselineHz, maxHz, cpuShare);
    }
}
