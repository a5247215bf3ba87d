package dev.vigil.perception.vision;

/** A vision engine could not process a frame, or could not be loaded. The message names the engine. */
public class VisionException extends RuntimeException {

    public VisionException(String message) {
        super(message);
    }

    public VisionException(String message, Throwable cause) {
        super(message, cause);
    }
}
