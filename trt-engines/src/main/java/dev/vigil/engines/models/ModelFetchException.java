package dev.vigil.engines.models;

/**
 * A model could not be made available locally. The message is one line naming the model, where it
 * was fetched from, and what went wrong.
 */
public class ModelFetchException extends Exception {

  public ModelFetchException(String message) {
    super(message);
  }

  public ModelFetchException(String message, Throwable cause) {
    super(message, cause);
  }
}
