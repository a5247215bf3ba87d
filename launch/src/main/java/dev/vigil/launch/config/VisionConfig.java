package dev.vigil.launch.config;

import dev.vigil.perception.vision.VisionSettings;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the agent looks at and how often ({@code vision:} in vigil.yaml). Vision runs when there is a
 * camera: {@code camera.pipeline}, or the ROS camera topic with {@code --ros}.
 *
 * @param baselineHz frames a second looked at when nothing asks for more (default 1)
 * @param maxHz      the fastest rate a watch may raise it to (default 4)
 * @param cpuShare   the most of one core vision may use, 0 < share ≤ 1 (default 0.5): a slow engine
 *                   lowers the rate rather than starving hearing
 * @param engines    which engines run on each sampled frame: {@code ocr} (PP-OCRv4, text on displays
 *                   and signs), {@code light} (signal lights' colour), {@code objects} (MediaPipe SSD: people,
 *                   dogs, chairs, … 24 classes), {@code faces} (BlazeFace); empty: none. All four by default:
 *                   objects and faces add about a third of OCR's time to a frame (docs/performance.md,
 *                   "Object detector and faces")
 */
public record VisionConfig(double baselineHz, double maxHz, double cpuShare, List<String> engines) {

    /** The engines Vigil bundles. */
    public static final Set<String> KNOWN_ENGINES = Set.of("ocr", "light", "objects", "faces");

    /** @throws IllegalArgumentException a rate or share out of range, an unknown engine */
    public VisionConfig {
        SettingException.check(engines != null, "engines", "must be a list, e.g. [ocr, objects]");
        engines = List.copyOf(engines);
        for (String e : engines) {
            SettingException.check(KNOWN_ENGINES.contains(e), "engines",
                    "unknown engine '" + e + "' (known: " + String.join(", ", new TreeSet<>(KNOWN_ENGINES)) + ")");
        }
        try {
            new VisionSettings(baselineHz, maxHz, cpuShare);
        } catch (IllegalArgumentException e) {
            throw new SettingException("baseline_hz", e.getMessage());
        }
    }

    public static VisionConfig defaults() {
        VisionSettings s = VisionSettings.defaults();
        return new VisionConfig(s.baselineHz(), s.maxHz(), s.cpuShare(), List.of("ocr", "light", "objects", "faces"));
    }

    /** The sampler's settings. */
    public VisionSettings settings() {
        return new VisionSettings(baselineHz, maxHz, cpuShare);
    }
}
