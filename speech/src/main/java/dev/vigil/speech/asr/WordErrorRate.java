package dev.vigil.speech.asr;

import java.util.Arrays;
import java.util.List;

/**
 * Word error rate: the fewest word substitutions, deletions and insertions that turn a hypothesis
 * into its reference (Levenshtein distance over words), divided by the reference's word count. Both
 * texts must already be normalised alike (lower case, no punctuation): this only splits on spaces.
 *
 * @param errors          substitutions + deletions + insertions
 * @param referenceWords  words in the reference
 */
public record WordErrorRate(int errors, int referenceWords) {

    /** Scores one hypothesis against its reference. */
    public static WordErrorRate of(String reference, String hypothesis) {
        List<String> ref = words(reference);
        List<String> hyp = words(hypothesis);
        // One row of the edit-distance table at a time: distance from ref[0..i) to hyp[0..j).
        int[] previous = new int[hyp.size() + 1];
        int[] current = new int[hyp.size() + 1];
        Arrays.setAll(previous, j -> j);
        for (int i = 1; i <= ref.size(); i++) {
            current[0] = i;
            for (int j = 1; j <= hyp.size(); j++) {
                int substitute = previous[j - 1] + (ref.get(i - 1).equals(hyp.get(j - 1)) ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return new WordErrorRate(previous[hyp.size()], ref.size());
    }

    /** The sum over several utterances: overall WER weights each by its length. */
    public WordErrorRate plus(WordErrorRate other) {
        return new WordErrorRate(errors + other.errors, referenceWords + other.referenceWords);
    }

    /** Errors per reference word; 0 for an empty reference with an empty hypothesis. */
    public double rate() {
        return referenceWords == 0 ? errors : errors / (double) referenceWords;
    }

    private static List<String> words(String text) {
        String t = text.strip();
        return t.isEmpty() ? List.of() : List.of(t.split("\\s+"));
    }
}
