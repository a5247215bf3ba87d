package dev.vigil.agent.message;

/**
 * How much of a robot utterance really reached the loudspeaker, reported once per utterance when it
 * ends or is cut — also when none of it played (flushed while queued, or its synthesis gave no
 * audio: then {@code playedMillis} is 0 and start and end are when that was known). A pause does not
 * end an utterance: one that resumes is reported once, at its real end.
 *
 * @param utteranceId   the {@link Say} it came from
 * @param text          the whole text that was to be said
 * @param playedText    the part that was played (whole chunks, and the played share of the cut one)
 * @param startNanos    first sample played
 * @param endNanos      last sample played
 * @param playedMillis  audio played
 * @param truncated     cut before its end (barge-in, stop), or never played
 */
public record UtterancePlayed(String utteranceId, String text, String playedText, long startNanos, long endNanos,
                              long playedMillis, boolean truncated) {
}
