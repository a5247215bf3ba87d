package dev.vigil.engines;

/** An engine could not load or run; the message names the model and the problem in one line. */
public class EngineException extends Exception {

    public EngineException(String message) {
        super(message);
    }

    public EngineException(String message, Throwable cause) {
        super(message, cause);
    }
}
