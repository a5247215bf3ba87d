package dev.vigil.speech.tts;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Splits an answer into chunks that can each be synthesized and played on their own, so the first
 * audio leaves while the rest is still being made.
 *
 * <p>The rules, in order:
 *
 * <ol>
 *   <li>Sentences are those of {@link BreakIterator#getSentenceInstance(Locale)} for {@code locale}
 *       (ends at {@code . ! ? …} before a space and a capital or the end, at {@code 。！？}; not inside
 *       a number or word such as {@code 2.5} or {@code example.com}, nor before a lower-case word, as
 *       in "e.g. a wrench" or "5 p.m. on"), each line on its own (an answer's list items and headings
 *       need their pause). Vigil's own exceptions: a period after a title ({@code Dr.}, {@code St.},
 *       {@code e.g.}), a single-letter initial or a list number ({@code 1.}) does not end a sentence.
 *   <li>The first chunk is short: a sentence over {@code firstChunkWords + 2} words gives up its
 *       first clause (up to {@code firstChunkWords + 4} words), or else about
 *       {@code firstChunkWords} words ending before a conjunction or preposition, or else exactly
 *       {@code firstChunkWords} words. That chunk is what the listener waits for.
 *   <li>A sentence over {@code longSentenceWords} words is cut at clause breaks ({@code , ; :},
 *       dashes, {@code ，、；：}); clauses are packed back together up to {@code longSentenceWords}
 *       words so speech is not needlessly choppy, and a clause over {@code maxChunkWords} words is
 *       cut near its middle, before a conjunction or preposition where there is one.
 *   <li>Cuts fall only between words, so a number ({@code 3,000}, {@code 2.5}, {@code 3:45}) or an
 *       abbreviation is never split. Whitespace is trimmed and collapsed; chunks without a letter
 *       or digit (emoji, stray punctuation) are dropped, so emoji-only text gives no chunks.
 * </ol>
 *
 * <p>A "word" is a whitespace-separated token with a letter or digit in it, or two Han or kana
 * characters: Mandarin is written without spaces and speaks about two characters in the time
 * English speaks a word.
 *
 * @param firstChunkWords   about how many words the first chunk holds when its sentence is long
 * @param longSentenceWords sentences longer than this are cut at clauses
 * @param maxChunkWords     clauses longer than this are cut between words
 * @param locale            the language of the text, for the JDK's sentence boundaries
 */
public record TextChunker(int firstChunkWords, int longSentenceWords, int maxChunkWords, Locale locale) {

    /** Tuned for flite: a 6-word first chunk is about 2 s of audio, synthesized in ~20 ms. */
    public static final TextChunker DEFAULT = new TextChunker(6, 12, 20);

    // Every line break, CR LF included, ends a sentence; BreakIterator ends one only after a terminator.
    private static final Pattern LINE_BREAK = Pattern.compile("\r\n|[\n\r\u2028\u2029\u0085]");

    // A period after these never ends a sentence: they introduce what follows.
    private static final Set<String> NEVER_FINAL = Set.of(
            "mr", "mrs", "ms", "mx", "dr", "prof", "st", "mt", "gen", "col", "capt", "lt", "sgt", "rev",
            "hon", "gov", "sen", "rep", "pres", "fr", "messrs", "mme", "e.g", "i.e", "vs", "cf", "viz",
            "approx", "ca", "fig", "figs", "vol", "pp", "eq");

    // Cutting just before these sounds like a phrase boundary rather than a stumble.
    private static final Set<String> PHRASE_STARTERS = Set.of(
            "and", "but", "or", "nor", "so", "yet", "because", "which", "who", "whom", "whose", "where",
            "when", "while", "that", "then", "if", "unless", "until", "although", "though", "since",
            "after", "before", "to", "with", "without", "in", "on", "at", "for", "from", "of", "by",
            "about", "into", "through", "over", "under", "between", "past", "near", "toward",
            "towards", "than", "as");

    public TextChunker {
        if (firstChunkWords < 2 || longSentenceWords < firstChunkWords || maxChunkWords < longSentenceWords) {
            throw new IllegalArgumentException("chunk sizes must satisfy 2 <= first <= long <= max, got "
                    + firstChunkWords + ", " + longSentenceWords + ", " + maxChunkWords);
        }
        Objects.requireNonNull(locale, "locale");
    }

    /** English text with the given sizes. */
    public TextChunker(int firstChunkWords, int longSentenceWords, int maxChunkWords) {
        this(firstChunkWords, longSentenceWords, maxChunkWords, Locale.ENGLISH);
    }

    /** These sizes for text in {@code language} (a BCP 47 tag such as {@code zh}). */
    public TextChunker forLanguage(String language) {
        return new TextChunker(firstChunkWords, longSentenceWords, maxChunkWords, Locale.forLanguageTag(language));
    }

    /** The chunks of {@code text}, in speaking order; empty when there is nothing to say. */
    public List<String> split(String text) {
        List<String> chunks = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return chunks;
        }
        for (String sentence : sentences(text)) {
            Sentence s = new Sentence(sentence);
            if (s.weight(0, s.size()) > 0) {
                chunkSentence(s, chunks);
            }
        }
        return chunks;
    }

    private void chunkSentence(Sentence s, List<String> chunks) {
        int from = 0;
        if (chunks.isEmpty() && s.weight(0, s.size()) > firstChunkWords + 2) {
            int cut = firstCut(s);
            if (cut > 0) {
                s.emit(0, cut, chunks);
                from = cut;
            }
        }
        if (s.weight(from, s.size()) <= longSentenceWords) {
            s.emit(from, s.size(), chunks);
            return;
        }
        // Greedy packing of clauses; a tiny clause ("yes," "too.") rides along even past the limit.
        int start = from;
        int end = from;
        for (int cut : clauseEnds(s, from)) {
            double packed = s.weight(start, cut);
            if (end > start && packed > longSentenceWords && s.weight(end, cut) >= 3
                    && s.weight(start, end) >= 3) {
                emitBounded(s, start, end, chunks);
                start = end;
            }
            end = cut;
        }
        emitBounded(s, start, s.size(), chunks);
    }

    /** Token indices just after each clause break from {@code from}, ending with the sentence end. */
    private static List<Integer> clauseEnds(Sentence s, int from) {
        List<Integer> ends = new ArrayList<>();
        for (int k = from + 1; k < s.size(); k++) {
            if (s.clauseBreakBefore(k)) {
                ends.add(k);
            }
        }
        ends.add(s.size());
        return ends;
    }

    private int firstCut(Sentence s) {
        double total = s.weight(0, s.size());
        for (int k = 1; k < s.size(); k++) {
            double head = s.weight(0, k);
            if (head > firstChunkWords + 4) {
                break;
            }
            if (s.clauseBreakBefore(k) && head >= 1 && total - head >= 2) {
                return k;
            }
        }
        int phrase = nearestCut(s, 0, s.size(), firstChunkWords, 2, true);
        return phrase > 0 ? phrase : nearestCut(s, 0, s.size(), firstChunkWords, 0, false);
    }

    /** Emits tokens {@code [from, to)}, cutting clauses over {@code maxChunkWords} near even parts. */
    private void emitBounded(Sentence s, int from, int to, List<String> chunks) {
        double weight = s.weight(from, to);
        while (weight > maxChunkWords) {
            int parts = (int) Math.ceil(weight / maxChunkWords);
            double target = weight / parts;
            int cut = nearestCut(s, from, to, target, 3, true);
            if (cut < 0) {
                cut = nearestCut(s, from, to, target, 0, false);
            }
            if (cut < 0) {
                break;
            }
            s.emit(from, cut, chunks);
            from = cut;
            weight = s.weight(from, to);
        }
        s.emit(from, to, chunks);
    }

    /**
     * The cut in {@code (from, to)} whose head weighs closest to {@code target} (within
     * {@code slack}), leaving at least 2 words after it; before a phrase starter if
     * {@code phraseOnly}; -1 if none.
     */
    private static int nearestCut(Sentence s, int from, int to, double target, double slack, boolean phraseOnly) {
        int best = -1;
        double bestDistance = Double.MAX_VALUE;
        double total = s.weight(from, to);
        for (int k = from + 1; k < to; k++) {
            double head = s.weight(from, k);
            double distance = Math.abs(head - target);
            if (head < 1 || total - head < 2 || distance > slack + 0.5 || (phraseOnly && !s.phraseStartsAt(k))) {
                continue;
            }
            // Ties go to the earlier cut: the sooner audio can start.
            if (distance < bestDistance) {
                best = k;
                bestDistance = distance;
            }
        }
        return best;
    }

    // ---- Sentences -------------------------------------------------------------------------------

    /**
     * Lines, each cut at the sentence boundaries of {@link BreakIterator} for {@link #locale}, less
     * the boundaries Vigil does not speak as one: the JDK ends a sentence at every period followed by
     * a space and a capital, so "Dr. Smith", "J. Jones" and a list's "1. Go" would be cut.
     */
    private List<String> sentences(String text) {
        List<String> sentences = new ArrayList<>();
        BreakIterator boundaries = BreakIterator.getSentenceInstance(locale);
        for (String line : LINE_BREAK.split(text, -1)) {
            boundaries.setText(line);
            int start = 0;
            for (int end = boundaries.next(); end != BreakIterator.DONE; end = boundaries.next()) {
                if (end == line.length() || endsSentence(line, end) && !keepsWithNext(line.substring(start, end))) {
                    sentences.add(line.substring(start, end));
                    start = end;
                }
            }
        }
        return sentences;
    }

    // The JDK also ends a sentence inside "./run", "a/.../b" or "?)`,"; a spoken one ends before a space
    // or, in Chinese and Japanese, at a full-width terminator or before the next character.
    private static boolean endsSentence(String line, int end) {
        char last = line.charAt(end - 1);
        return Character.isWhitespace(last) || "。！？｡".indexOf(last) >= 0 || isCjk(line.codePointAt(end));
    }

    /** Whether a sentence the JDK ended at a single period in fact runs on: a title, an initial, a list number. */
    private static boolean keepsWithNext(String sentence) {
        String s = sentence.stripTrailing();
        if (!s.endsWith(".") || s.endsWith("..")) {
            return false;
        }
        int terminator = s.length() - 1;
        int from = terminator;
        while (from > 0 && !Character.isWhitespace(s.charAt(from - 1))) {
            from--;
        }
        while (from < terminator && !Character.isLetterOrDigit(s.charAt(from))) {
            from++; // opening quotes and brackets: ("Dr.
        }
        String word = s.substring(from, terminator);
        if (word.isEmpty()) {
            return false;
        }
        if (NEVER_FINAL.contains(word.toLowerCase(Locale.ROOT))) {
            return true;
        }
        if (word.codePointCount(0, word.length()) == 1 && Character.isLetter(word.codePointAt(0))) {
            return true; // an initial: "J. Smith"
        }
        return s.substring(0, terminator).strip().chars().allMatch(Character::isDigit); // "1. Go left"
    }

    private static boolean isClosing(char c) {
        return "\"')]}\u201d\u2019\u00bb\u300d\u300f\uff09\u3011\u3015\u3009\u300b".indexOf(c) >= 0;
    }

    private static boolean isCjk(int codePoint) {
        Character.UnicodeScript script = Character.UnicodeScript.of(codePoint);
        return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA;
    }

    // ---- Words within a sentence -----------------------------------------------------------------

    /** One sentence cut into words; a cut at index k falls between word k-1 and word k. */
    private static final class Sentence {

        private final String text;
        private final List<int[]> spans = new ArrayList<>(); // [start, end) of each word
        private final double[] cumulative; // cumulative[k]: weight of words [0, k)

        Sentence(String text) {
            this.text = text;
            tokenize();
            cumulative = new double[spans.size() + 1];
            for (int k = 0; k < spans.size(); k++) {
                cumulative[k + 1] = cumulative[k] + weightOf(word(k));
            }
        }

        int size() {
            return spans.size();
        }

        double weight(int from, int to) {
            return cumulative[to] - cumulative[from];
        }

        void emit(int from, int to, List<String> chunks) {
            if (from < to && weight(from, to) > 0) {
                chunks.add(text.substring(spans.get(from)[0], spans.get(to - 1)[1]).strip().replaceAll("\\s+", " "));
            }
        }

        boolean clauseBreakBefore(int k) {
            String previous = word(k - 1);
            int end = previous.length();
            while (end > 0 && isClosing(previous.charAt(end - 1))) {
                end--;
            }
            if (end == 0) {
                return false;
            }
            char last = previous.charAt(end - 1);
            return ",;:，、；：—–―".indexOf(last) >= 0 || previous.substring(0, end).equals("-")
                    || previous.substring(0, end).endsWith("--");
        }

        boolean phraseStartsAt(int k) {
            String word = word(k);
            int end = 0;
            while (end < word.length() && Character.isLetter(word.charAt(end))) {
                end++;
            }
            return end == word.length() && PHRASE_STARTERS.contains(word.toLowerCase(Locale.ROOT));
        }

        private String word(int k) {
            int[] span = spans.get(k);
            return text.substring(span[0], span[1]);
        }

        private static double weightOf(String word) {
            int first = word.codePointAt(0);
            if (isCjk(first)) {
                return 0.5;
            }
            return word.codePoints().anyMatch(Character::isLetterOrDigit) ? 1 : 0;
        }

        /**
         * Words are whitespace-separated, except that each Han or kana character is its own word
         * and a dash between words ("there—it") ends the word before it. Punctuation written
         * directly after a word stays with it, so no chunk starts with a comma.
         */
        private void tokenize() {
            int start = -1;
            int i = 0;
            int n = text.length();
            while (i < n) {
                int c = text.codePointAt(i);
                int next = i + Character.charCount(c);
                if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                    start = close(start, i);
                } else if (isCjk(c) && Character.isLetter(c)) {
                    start = close(start, i);
                    spans.add(new int[] {i, next});
                } else if (start < 0 && !Character.isLetterOrDigit(c) && !spans.isEmpty()
                        && spans.get(spans.size() - 1)[1] == i && !isOpening(c)) {
                    spans.get(spans.size() - 1)[1] = next; // "好，" "word," stay whole
                } else if (isWordDash(c, i, next)) {
                    if (start < 0) {
                        start = i;
                    }
                    start = close(start, next);
                } else if (start < 0) {
                    start = i;
                }
                i = next;
            }
            close(start, n);
        }

        private int close(int start, int end) {
            if (start >= 0 && end > start) {
                spans.add(new int[] {start, end});
            }
            return -1;
        }

        private boolean isWordDash(int c, int at, int next) {
            if (c != '—' && c != '–' && c != '―') {
                return false;
            }
            // 10–20 is a range, said as one phrase.
            boolean digitBefore = at > 0 && Character.isDigit(text.charAt(at - 1));
            boolean digitAfter = next < text.length() && Character.isDigit(text.charAt(next));
            return !(digitBefore && digitAfter);
        }

        private static boolean isOpening(int c) {
            return "\"'([{\u201c\u2018\u00ab\u300c\u300e\uff08\u3010".indexOf(c) >= 0;
        }
    }
}
