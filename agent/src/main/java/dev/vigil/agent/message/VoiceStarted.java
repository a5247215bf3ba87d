package dev.vigil.agent.message;

/**
 * The user started speaking (control lane).
 *
 * @param onsetNanos         where the speech starts in the audio (start of the first speech window)
 * @param detectedNanos      session time of the audio at which the decision was made; detection delay
 *                           is {@code detectedNanos - true onset}
 * @param probability        the voice-activity probability that crossed the threshold
 * @param duringRobotSpeech  the user started while the robot was talking (its turn, pauses between
 *                           words included)
 */
public record VoiceStarted(long onsetNanos, long detectedNanos, float probability, boolean duringRobotSpeech) {
}
