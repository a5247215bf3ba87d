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
 * @param tier        which recogniser's words these are (docs/architecture.md, "Recognition: two tiers")
 * @param openText    on a final of the {@link Tier#GRAMMAR grammar}: what the open tier heard in the same
 *                    audio (normalised like {@code text}, possibly empty), for the policy to check the
 *                    grammar's words against; null when the open tier did not decode it (none
 *                    configured, it failed, or a partial result)
 */
public record Transcript(String text, boolean isFinal, float confidence, long startNanos, long endNanos,
                         String language, Tier tier, String openText) {

    /**
     * The two tiers of recognition. Only the grammar's words, with its strict decoder or the open tier
     * agreeing on the act, may move the robot; the open tier's words are what the person said as far
     * as Whisper can tell, unverified (it writes words on a cough, and fluent nonsense on reversed
     * speech).
     */
    public enum Tier {
        /** The command grammar (Sphinx4): strict, streaming, the path for motion. */
        GRAMMAR,
        /** The open-vocabulary recogniser (Whisper tiny): everything the grammar has no words for. */
        OPEN;

        /** The tier as events and reports name it: {@code grammar}, {@code open}. */
        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public Transcript {
        if (tier == null) {
            throw new IllegalArgumentException("a transcript's tier is GRAMMAR or OPEN, not null");
        }
    }

    /** A transcript of the grammar tier, not checked by the open tier. */
    public Transcript(String text, boolean isFinal, float confidence, long startNanos, long endNanos, String language) {
        this(text, isFinal, confidence, startNanos, endNanos, language, Tier.GRAMMAR, null);
    }

    /** A transcript of {@code tier}, not checked by the other. */
    public Transcript(String text, boolean isFinal, float confidence, long startNanos, long endNanos, String language,
                      Tier tier) {
        this(text, isFinal, confidence, startNanos, endNanos, language, tier, null);
    }

    /** This transcript with the open tier's words for the same audio. */
    public Transcript withOpenText(String heard) {
        return new Transcript(text, isFinal, confidence, startNanos, endNanos, language, tier, heard);
    }
}
