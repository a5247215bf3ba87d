package dev.vigil.launch;

/** Something the machine lacks (a system library, a model); the message says how to fix it. */
public final class SetupException extends Exception {

    public SetupException(String message) {
        super(message);
    }
}
