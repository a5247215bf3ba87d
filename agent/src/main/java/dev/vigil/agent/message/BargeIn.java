package dev.vigil.agent.message;

/**
 * The user started speaking while the robot spoke, and the robot yielded the floor.
 *
 * @param onsetNanos   the user's voice onset as detected
 * @param atNanos      when the stop was decided
 * @param utteranceId  the robot utterance that was cut
 */
public record BargeIn(long onsetNanos, long atNanos, String utteranceId) {
}
