package dev.vigil.agent.message;

/**
 * A component that had failed ({@link ComponentError}) works again, e.g. a microphone that came back.
 *
 * @param component the component, as its error named it
 * @param message   one line
 * @param atNanos   session time when it came back
 */
public record ComponentRecovered(String component, String message, long atNanos) {
}
