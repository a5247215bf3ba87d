package dev.vigil.launch.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the agent's events go ({@code events:} in vigil.yaml).
 *
 * @param file null (default): nowhere; {@code "-"}: standard output; otherwise the path of a JSON
 *             Lines file, one event per line. In a file, a relative path is relative to that file's
 *             folder.
 */
public record EventSettings(String file) {

    /** The {@code file} value that means standard output. */
    public static final String STDOUT = "-";

    /** @throws IllegalArgumentException an empty file name */
    public EventSettings {
        SettingException.optionalText(file, "file");
    }

    /** No event log. */
    public static EventSettings defaults() {
        return new EventSettings(null);
    }

    /** Whether events go to standard output. */
    public boolean toStdout() {
        return STDOUT.equals(file);
    }

    /** The JSON Lines file events are written to, if any (not for standard output). */
    public Optional<Path> filePath() {
        return file == null || toStdout() ? Optional.empty() : Optional.of(Path.of(file));
    }
}
