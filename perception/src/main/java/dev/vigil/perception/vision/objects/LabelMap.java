package dev.vigil.perception.vision.objects;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The detector's class names as {@link dev.vigil.agent.message.Observation} labels: lower case and
 * singular ({@code Person} → {@code person}, {@code High heels} → {@code high heel}), so that a watch
 * counting {@code person} or {@code dog} matches them.
 */
final class LabelMap {

    /** The one plural among the 24 Open Images names this model knows. */
    private static final Map<String, String> SINGULAR = Map.of("high heels", "high heel");

    private LabelMap() {
    }

    /** One label per line of {@code file}, in class order (line 1 is class 0, the background). */
    static List<String> read(Path file) throws IOException {
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                .map(String::strip)
                .filter(l -> !l.isEmpty())
                .map(LabelMap::label)
                .toList();
    }

    static String label(String name) {
        String lower = name.strip().toLowerCase(Locale.ROOT);
        return SINGULAR.getOrDefault(lower, lower);
    }
}
