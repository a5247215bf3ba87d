package dev.vigil.speech.tts.engine;

/** A speech engine is missing, failed or produced output we cannot use; the message is one line. */
public final class SynthesisException extends RuntimeException {

    public SynthesisException(String message) {
        super(message);
    }

    public SynthesisException(String message, Throwable cause) {
        super(message, cause);
    }
}
