package dev.vigil.agent.message;

/**
 * A failure that a component survived: the loop went on, degraded. Every one is counted in telemetry
 * and listed in reports.
 *
 * @param component the failing component, e.g. {@code vad}, {@code aec}, {@code tts}
 * @param message   one line naming the problem
 * @param atNanos   session time when it happened
 */
public record ComponentError(String component, String message, long atNanos) {

    /** The first line of a failure's message (its class name when it has none), for {@code message}. */
    public static String oneLine(Throwable failure) {
        String message = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        return message.lines().findFirst().orElse(message).strip();
    }
}
