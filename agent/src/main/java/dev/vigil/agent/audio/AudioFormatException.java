package dev.vigil.agent.audio;

import java.nio.file.Path;

/**
 * An audio file that cannot be decoded. The message is a single line, {@code <path>: <problem>},
 * written to be shown to a user as-is.
 */
public final class AudioFormatException extends Exception {

    private final transient Path file;
    private final String problem;

    public AudioFormatException(Path file, String problem) {
        super(file + ": " + oneLine(problem));
        this.file = file;
        this.problem = oneLine(problem);
    }

    /** The file that failed to decode. */
    public Path file() {
        return file;
    }

    /** The message without the path prefix. */
    public String problem() {
        return problem;
    }

    // Messages can embed text lifted from the file itself; a stray newline would split the
    // user-facing line and break log parsers.
    private static String oneLine(String s) {
        return s.replace('\r', ' ').replace('\n', ' ');
    }
}
