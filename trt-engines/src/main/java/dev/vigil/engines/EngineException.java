package dev.vigil.engines;

/** A model could not be loaded or run; the message names the model and says why, on one line. */
public class EngineException extends Exception {

  public EngineException(String message) {
    super(message);
  }

  public EngineException(String message, Throwable cause) {
    super(message, cause);
  }
}
