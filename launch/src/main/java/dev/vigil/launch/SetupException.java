package dev.vigil.launch;

/**
 * A problem the user can fix (a missing system library, a wrong option); the message says what and
 * how. Exit code 2.
 */
public final class SetupException extends Exception {

    public SetupException(String message) {
        super(message);
    }
}
