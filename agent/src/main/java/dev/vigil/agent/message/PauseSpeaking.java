package dev.vigil.agent.message;

/**
 * Hold everything the robot is about to say, now (control lane): playback goes silent where it is,
 * queued audio and synthesis in progress are kept. Sent at the user's voice onset over the robot;
 * {@link ResumeSpeaking} plays the held audio on from where it stopped, {@link StopSpeaking} drops it.
 *
 * @param reason  e.g. {@code barge-in}
 * @param atNanos session time of the decision
 */
public record PauseSpeaking(String reason, long atNanos) {
}
