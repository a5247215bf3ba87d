package dev.vigil.launch.video;

import java.nio.file.Path;

/** A video that cannot be read; the message is one line naming the file and the reason. */
public final class VideoException extends Exception {

    private final String problem;

    /** @param problem what is wrong with {@code file}, one line */
    public VideoException(Path file, String problem) {
        super(file + ": " + problem);
        this.problem = problem;
    }

    /** The reason alone, without the file's name. */
    public String problem() {
        return problem;
    }
}
