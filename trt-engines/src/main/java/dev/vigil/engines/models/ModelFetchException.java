package dev.vigil.engines.models;

/** A model could not be had: one line naming the model, where from, and why. */
public final class ModelFetchException extends Exception {

    public ModelFetchException(String message) {
        super(message);
    }
}
