package dev.vigil.launch.config;

/**
 * A configuration that cannot be used. The message is one line: the source (a file name,
 * {@code --set}, a flag), the key path when there is one, and the problem, e.g.
 * {@code vigil.yaml: hearing.vad.start_threshold: expected a number, got "high"}.
 */
public final class ConfigException extends Exception {

    private final String source;
    private final String keyPath;
    private final String problem;

    /**
     * @param source  where the setting came from: a file as the user named it, {@code --set}, a flag
     * @param keyPath dotted key path ({@code hearing.vad.start_threshold}, {@code turn.fillers[2]}),
     *                a place such as {@code line 3, column 7}, or empty when the whole source is wrong
     * @param problem what is wrong; line breaks are flattened so the message stays one line
     */
    public ConfigException(String source, String keyPath, String problem) {
        super(source + (keyPath == null || keyPath.isEmpty() ? "" : ": " + keyPath) + ": "
                + problem.replaceAll("\\s*\\R\\s*", " ").strip());
        this.source = source;
        this.keyPath = keyPath == null ? "" : keyPath;
        this.problem = problem;
    }

    /** The file as the user named it, {@code --set}, or the flag that gave the value. */
    public String source() {
        return source;
    }

    /** The dotted key path, a place in the file, or empty. */
    public String keyPath() {
        return keyPath;
    }

    /** What is wrong, without the source and key path. */
    public String problem() {
        return problem;
    }
}
