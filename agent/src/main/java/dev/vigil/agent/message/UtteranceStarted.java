package dev.vigil.agent.message;

/**
 * The first sample of a robot utterance left the loudspeaker.
 *
 * @param utteranceId the {@code Say} it came from
 * @param text        the whole text of the utterance
 * @param atNanos     session time of its first sample at the device
 */
public record UtteranceStarted(String utteranceId, String text, long atNanos) {
}
