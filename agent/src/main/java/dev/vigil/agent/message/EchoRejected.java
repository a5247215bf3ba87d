package dev.vigil.agent.message;

/**
 * Voice activity that the echo-aware detector attributed to the robot's own voice and did not report
 * as the user speaking. Published for telemetry and the console; nothing acts on it.
 *
 * @param atNanos       session time of the window
 * @param probability   the voice-activity probability of the window
 * @param reason        why it was judged echo, in a few words
 */
public record EchoRejected(long atNanos, float probability, String reason) {
}
