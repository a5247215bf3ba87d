package dev.vigil.agent.message;

/**
 * Stop talking now (control lane): flush the loudspeaker and cancel synthesis. Sent on barge-in and
 * on the stop intent; it never waits behind audio.
 *
 * @param reason  e.g. {@code barge-in}, {@code stop}
 * @param atNanos session time of the decision
 */
public record StopSpeaking(String reason, long atNanos) {
}
