package dev.vigil.ros.transport;

/** The DDS layer refused: no participant, a topic or type it would not create, a write that failed. One line. */
public final class RosException extends Exception {

    public RosException(String message) {
        super(message);
    }

    public RosException(String message, Throwable cause) {
        super(message, cause);
    }
}
