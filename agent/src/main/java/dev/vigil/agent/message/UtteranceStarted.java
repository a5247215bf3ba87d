package dev.vigil.agent.message;

/**
 * The first sample of a robot utterance reached the loudspeaker. Published by whatever drives the
 * loudspeaker, once per utterance (a paused utterance that resumes does not start again).
 *
 * @param utteranceId the {@link Say} it came from, or the name of a scripted line
 * @param text        the whole text to be said (empty when unknown)
 * @param atNanos     session time of that sample
 */
public record UtteranceStarted(String utteranceId, String text, long atNanos) {
}
