package dev.vigil.agent.message;

/**
 * Stop talking now (control lane): flush the loudspeaker (a pause ends with it) and cancel
 * synthesis; the duplex core drops replies still being decided. Sent when a barge-in's words arrive
 * and on the stop intent; it never waits behind audio.
 *
 * @param reason  e.g. {@code barge-in}, {@code stop}
 * @param atNanos session time of the decision
 */
public record StopSpeaking(String reason, long atNanos) {
}
