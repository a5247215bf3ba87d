package dev.vigil.agent.message;

/**
 * What the recogniser heard in one user utterance so far (partial) or in all of it (final).
 *
 * @param text        the words, lower case, no punctuation; empty when nothing was recognised
 * @param isFinal     false for a partial result that may still change
 * @param confidence  0..1, the recogniser's own estimate
 * @param startNanos  session time where the utterance's audio starts
 * @param endNanos    session time of the last audio this result covers
 * @param language    BCP-47 tag, e.g. {@code en-US}
 */
public record Transcript(String text, boolean isFinal, float confidence, long startNanos, long endNanos,
                         String language) {
}
