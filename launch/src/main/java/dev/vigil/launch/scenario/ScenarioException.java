package dev.vigil.launch.scenario;

import java.nio.file.Path;

/** A scenario that cannot be used; the message is one line naming the file, the place and the problem. */
public final class ScenarioException extends Exception {

    public ScenarioException(Path file, String where, String problem) {
        super(file + (where == null || where.isEmpty() ? "" : ": " + where) + ": " + problem);
    }

    public ScenarioException(String message) {
        super(message);
    }
}
