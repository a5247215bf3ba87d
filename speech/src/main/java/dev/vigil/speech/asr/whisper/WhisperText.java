package dev.vigil.speech.asr.whisper;

import java.text.Normalizer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.zip.Deflater;
import java.util.regex.Pattern;

/**
 * Whisper's written English turned into the words the rest of Vigil reads: what
 * {@link dev.vigil.agent.message.Transcript#text()} promises (lower case, no punctuation).
 * "Go forward 10 meters." becomes "go forward 10 meters"; "Mr. Dashwood's" becomes "mr dashwood's".
 * Whisper's annotations of non-speech, in brackets or parentheses ("[Music]", "(laughs)"), are not
 * words anybody said and go, as in Whisper's own English normaliser.
 * <p>
 * Digits stay digits: turning "10" into "ten" is number-word conversion, which belongs to a
 * maintained library (ICU4J's spell-out rules), not here; the grammar tier writes words, so a
 * cross-check must map one onto the other first. Likewise abbreviations stay as written ("mr").
 */
public final class WhisperText {

    /** Punctuation between digits that is part of the number: "10.5", "3:30". Thousands commas go. */
    private static final Pattern THOUSANDS = Pattern.compile("(?<=\\d),(?=\\d{3}\\b)");
    /** Anything that is not a letter, a digit, an apostrophe or a decimal point / time colon between digits. */
    private static final Pattern NOT_WORD = Pattern.compile("(?!(?<=\\d)[.:](?=\\d))[^\\p{L}\\p{N}']");
    /** An apostrophe not inside a word: quotes, not "don't". */
    private static final Pattern LOOSE_APOSTROPHE = Pattern.compile("(?<!\\p{L})'|'(?!\\p{L})");
    /** "[Music]", "(upbeat music)", "<|endoftext|>". */
    private static final Pattern ANNOTATION = Pattern.compile("\\[[^\\]]*\\]|\\([^)]*\\)|<[^>]*>");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private WhisperText() {
    }

    /** Lower case, words and numbers separated by single spaces, no punctuation; "" for blank text. */
    public static String normalise(String raw) {
        // NFKC folds full-width forms and ligatures; curly apostrophes are their own characters.
        String text = Normalizer.normalize(raw, Normalizer.Form.NFKC).replace('\u2019', '\'').replace('\u2018', '\'')
                .toLowerCase(Locale.ROOT);
        text = ANNOTATION.matcher(text).replaceAll(" ");
        text = THOUSANDS.matcher(text).replaceAll("");
        text = NOT_WORD.matcher(text).replaceAll(" ");
        text = LOOSE_APOSTROPHE.matcher(text).replaceAll(" ");
        return SPACES.matcher(text).replaceAll(" ").strip();
    }

    /**
     * UTF-8 bytes of the text over its zlib-compressed bytes: Whisper's own test for a decode that
     * looped ("4, 4, 4, 4, …" compresses far better than language). Ordinary sentences score about
     * 1; Whisper's reference transcriber rejects a decode above 2.4.
     */
    public static double compressionRatio(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length == 0) {
            return 0;
        }
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION);
        try {
            deflater.setInput(bytes);
            deflater.finish();
            byte[] out = new byte[bytes.length + 64];
            int compressed = 0;
            while (!deflater.finished()) {
                compressed += deflater.deflate(out);
            }
            return bytes.length / (double) compressed;
        } finally {
            deflater.end();
        }
    }
}
