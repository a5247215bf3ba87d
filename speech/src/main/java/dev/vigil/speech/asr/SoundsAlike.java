package dev.vigil.speech.asr;

import dev.vigil.agent.vocabulary.Vocabulary;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The open tier's words for a segment, read against the grammar's: where the two differ in one word
 * only, and the open tier's word sounds like the grammar's (one phone apart in the CMU Pronouncing
 * Dictionary, a word of three phones or more, not a number), the open tier is taken to have heard the
 * grammar's word. Whisper tiny writes "turn lift" for a synthetic "turn left" now and then (L IH F T
 * for L EH F T), and the cross-check then asked "Did you want me to turn left?" about a clear
 * command. Numbers never count as alike: "forty" and "fourteen" are one phone apart.
 * <p>
 * {@link #mayHaveBeen} is also the policy's test for reading one of the open tier's words as one of
 * the robot's ({@code IntentRecognizer}'s respelling: "the charging duck" as "dock").
 */
public final class SoundsAlike {

    /** The vocabulary's number words (zero to nineteen, the tens) and the words that build larger ones. */
    private static final Set<String> NUMBER_WORDS = numberWords();
    private static final int MIN_PHONES = 3;

    private SoundsAlike() {
    }

    /**
     * {@code open} as heard against {@code grammar}: unchanged, or (lower case, without punctuation) with
     * its one differing word replaced by the grammar's word it sounds like.
     *
     * @param grammar the command grammar's words for the segment
     * @param open    the open tier's words for the same audio
     */
    static String heardAs(String grammar, String open) {
        List<String> said = words(grammar);
        List<String> heard = words(open);
        if (said.isEmpty() || said.size() != heard.size()) {
            return open;
        }
        int differing = -1;
        for (int i = 0; i < said.size(); i++) {
            if (!said.get(i).equals(heard.get(i))) {
                if (differing >= 0) {
                    return open;
                }
                differing = i;
            }
        }
        if (differing < 0 || !alike(said.get(differing), heard.get(differing))) {
            return open;
        }
        String[] out = heard.toArray(String[]::new);
        out[differing] = said.get(differing);
        return String.join(" ", out);
    }

    /**
     * Whether the open tier's {@code heard} word may have been {@code word} said: {@link #alike}, the
     * robot's word three phones or longer. For {@code IntentRecognizer}'s {@code soundAlike}.
     */
    public static boolean mayHaveBeen(String heard, String word) {
        return alike(word, heard);
    }

    /** One phone apart at most (stress ignored), the grammar's word three phones or longer, neither a number. */
    static boolean alike(String word, String other) {
        if (isNumber(word) || isNumber(other)) {
            return false;
        }
        for (String[] a : Pronunciations.of(word)) {
            if (a.length < MIN_PHONES) {
                continue;
            }
            for (String[] b : Pronunciations.of(other)) {
                if (distance(a, b) <= 1) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Set<String> numberWords() {
        Vocabulary.Numbers numbers = Vocabulary.builtIn().numbers();
        Set<String> words = new HashSet<>(numbers.ones());
        words.addAll(numbers.tens());
        words.addAll(List.of("hundred", "thousand", "half", "a", "an"));
        return Set.copyOf(words);
    }

    private static boolean isNumber(String word) {
        return NUMBER_WORDS.contains(word) || word.chars().anyMatch(Character::isDigit);
    }

    /** Edit distance between two phone sequences. */
    private static int distance(String[] a, String[] b) {
        int[] previous = new int[b.length + 1];
        int[] current = new int[b.length + 1];
        for (int j = 0; j <= b.length; j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length; i++) {
            current[0] = i;
            for (int j = 1; j <= b.length; j++) {
                int substitute = previous[j - 1] + (a[i - 1].equals(b[j - 1]) ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length];
    }

    private static List<String> words(String text) {
        String clean = text == null ? "" : text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9' ]", " ").strip();
        return clean.isEmpty() ? List.of() : Arrays.asList(clean.split("\\s+"));
    }
}
