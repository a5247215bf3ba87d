package dev.vigil.policy.watch;

/**
 * A standing request to speak up when something is seen: "tell me when we reach floor 16".
 *
 * @param id           {@code w1}, {@code w2}, … in order of creation in the session
 * @param text         the request as the user said it, or as configured
 * @param condition    what is waited for
 * @param alert        what the robot says when it fires, e.g. "We've reached floor 16."
 * @param createdNanos session time it was made
 * @param expiresNanos session time it ends unfired ({@link Long#MAX_VALUE}: never)
 * @param interrupts   its alert cuts the robot's own speech (true by default) or waits for its end
 * @param repeat       fires again each time the condition comes back after it stopped holding
 *                     (false by default: fires once, then ends)
 */
public record Watch(String id, String text, Condition condition, String alert, long createdNanos, long expiresNanos,
                    boolean interrupts, boolean repeat) {

    public Watch {
        if (id == null || text == null || condition == null || alert == null || alert.isBlank()) {
            throw new IllegalArgumentException("a watch has an id, a text, a condition and an alert");
        }
    }
}
