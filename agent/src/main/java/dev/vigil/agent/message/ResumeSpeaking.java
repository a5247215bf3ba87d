package dev.vigil.agent.message;

/**
 * Play on what {@link PauseSpeaking} held, from the sample where it stopped (control lane). Sent when
 * a barge-in turned out false (no words came); nothing is synthesized again.
 *
 * @param reason  e.g. {@code false-interruption}
 * @param atNanos session time of the decision
 */
public record ResumeSpeaking(String reason, long atNanos) {
}
