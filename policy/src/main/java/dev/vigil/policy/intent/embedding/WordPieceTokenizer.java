package dev.vigil.policy.intent.embedding;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * BERT's uncased WordPiece tokenizer, configured from a HuggingFace {@code tokenizer.json}.
 *
 * <p>Reproduces what the HuggingFace {@code BertNormalizer} + {@code BertPreTokenizer} +
 * {@code WordPiece} pipeline does for single sentences: drop control characters, lower-case, strip
 * accents, put spaces around CJK ideographs, split on whitespace and punctuation, then split each
 * word greedily into the longest vocabulary pieces, continuation pieces prefixed with {@code ##}. A
 * word with any piece missing from the vocabulary becomes {@code [UNK]} as a whole, as in BERT.
 *
 * <p>Immutable and thread-safe.
 */
public final class WordPieceTokenizer {

    private final Map<String, Integer> vocab;
    private final String unkToken;
    private final String continuationPrefix;
    private final int maxCharsPerWord;
    private final int maxLength;
    private final boolean lowercase;
    private final boolean stripAccents;
    private final int clsId;
    private final int sepId;
    private final int unkId;

    private WordPieceTokenizer(Map<String, Integer> vocab, String unkToken, String continuationPrefix,
                               int maxCharsPerWord, int maxLength, boolean lowercase, boolean stripAccents) {
        this.vocab = Map.copyOf(vocab);
        this.unkToken = unkToken;
        this.continuationPrefix = continuationPrefix;
        this.maxCharsPerWord = maxCharsPerWord;
        this.maxLength = maxLength;
        this.lowercase = lowercase;
        this.stripAccents = stripAccents;
        this.clsId = idOf("[CLS]");
        this.sepId = idOf("[SEP]");
        this.unkId = idOf(unkToken);
    }

    /** Reads a HuggingFace {@code tokenizer.json} whose model is WordPiece. */
    public static WordPieceTokenizer load(Path tokenizerJson) throws IOException {
        try (InputStream in = Files.newInputStream(tokenizerJson)) {
            return load(tokenizerJson.toString(), in);
        }
    }

    /**
     * Reads a HuggingFace {@code tokenizer.json} whose model is WordPiece.
     *
     * @param source names the file in error messages
     */
    public static WordPieceTokenizer load(String source, InputStream tokenizerJson) throws IOException {
        JsonNode root = new ObjectMapper().readTree(tokenizerJson);
        JsonNode model = root.path("model");
        if (!"WordPiece".equals(model.path("type").asText())) {
            throw new IOException(source + ": model type is '" + model.path("type").asText()
                    + "', expected 'WordPiece'");
        }
        JsonNode vocabNode = model.path("vocab");
        if (!vocabNode.isObject() || vocabNode.isEmpty()) {
            throw new IOException(source + ": model.vocab is missing or empty");
        }
        Map<String, Integer> vocab = new HashMap<>(vocabNode.size() * 2);
        for (Map.Entry<String, JsonNode> e : vocabNode.properties()) {
            vocab.put(e.getKey(), e.getValue().asInt());
        }
        JsonNode normalizer = root.path("normalizer");
        boolean lowercase = normalizer.path("lowercase").asBoolean(true);
        // HuggingFace: a null strip_accents follows lowercase, as in the original BERT uncased.
        JsonNode strip = normalizer.path("strip_accents");
        boolean stripAccents = strip.isBoolean() ? strip.asBoolean() : lowercase;
        // BERT's position embeddings stop at 512 tokens; the file may ask for fewer.
        int maxLength = root.path("truncation").path("max_length").asInt(512);
        return new WordPieceTokenizer(
                vocab,
                model.path("unk_token").asText("[UNK]"),
                model.path("continuing_subword_prefix").asText("##"),
                model.path("max_input_chars_per_word").asInt(100),
                maxLength,
                lowercase,
                stripAccents);
    }

    /** The ids of {@code [CLS]} + the text's word pieces + {@code [SEP]}, cut to the model's maximum length. */
    public Encoding encode(String text) {
        List<String> pieces = tokenize(text);
        int n = Math.min(pieces.size(), maxLength - 2);
        long[] ids = new long[n + 2];
        ids[0] = clsId;
        for (int i = 0; i < n; i++) {
            ids[i + 1] = vocab.getOrDefault(pieces.get(i), unkId);
        }
        ids[n + 1] = sepId;
        long[] mask = new long[ids.length];
        Arrays.fill(mask, 1);
        return new Encoding(ids, mask, new long[ids.length]);
    }

    /** The word pieces of {@code text}, without special tokens. */
    public List<String> tokenize(String text) {
        List<String> pieces = new ArrayList<>();
        for (String word : splitWords(normalize(text))) {
            wordPieces(word, pieces);
        }
        return pieces;
    }

    /** The id of a vocabulary entry. */
    public int idOf(String token) {
        Integer id = vocab.get(token);
        if (id == null) {
            throw new IllegalArgumentException("token '" + token + "' is not in the vocabulary");
        }
        return id;
    }

    public int vocabularySize() {
        return vocab.size();
    }

    public int maxLength() {
        return maxLength;
    }

    private String normalize(String text) {
        StringBuilder clean = new StringBuilder(text.length() + 8);
        text.codePoints().forEach(cp -> {
            if (cp == 0 || cp == 0xFFFD || isControl(cp)) {
                return;
            }
            if (isWhitespace(cp)) {
                clean.append(' ');
            } else if (isCjk(cp)) {
                clean.append(' ').appendCodePoint(cp).append(' ');
            } else {
                clean.appendCodePoint(cp);
            }
        });
        String s = clean.toString();
        if (lowercase) {
            s = s.toLowerCase(Locale.ROOT);
        }
        if (stripAccents) {
            String decomposed = Normalizer.normalize(s, Normalizer.Form.NFD);
            StringBuilder out = new StringBuilder(decomposed.length());
            decomposed.codePoints()
                    .filter(cp -> Character.getType(cp) != Character.NON_SPACING_MARK)
                    .forEach(out::appendCodePoint);
            s = out.toString();
        }
        return s;
    }

    private static List<String> splitWords(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (isWhitespace(cp)) {
                flush(word, words);
            } else if (isPunctuation(cp)) {
                flush(word, words);
                words.add(new String(Character.toChars(cp)));
            } else {
                word.appendCodePoint(cp);
            }
        }
        flush(word, words);
        return words;
    }

    private static void flush(StringBuilder word, List<String> words) {
        if (!word.isEmpty()) {
            words.add(word.toString());
            word.setLength(0);
        }
    }

    private void wordPieces(String word, List<String> out) {
        if (word.codePointCount(0, word.length()) > maxCharsPerWord) {
            out.add(unkToken);
            return;
        }
        int mark = out.size();
        int start = 0;
        while (start < word.length()) {
            int end = word.length();
            String piece = null;
            while (start < end) {
                String candidate = word.substring(start, end);
                if (start > 0) {
                    candidate = continuationPrefix + candidate;
                }
                if (vocab.containsKey(candidate)) {
                    piece = candidate;
                    break;
                }
                end = word.offsetByCodePoints(end, -1);
            }
            if (piece == null) {
                out.subList(mark, out.size()).clear();
                out.add(unkToken);
                return;
            }
            out.add(piece);
            start = end;
        }
    }

    // Character classes as BERT defines them, which differ from Java's in places: tab, newline and
    // carriage return are whitespace, not control; all ASCII non-alphanumerics count as punctuation.
    private static boolean isWhitespace(int cp) {
        return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r'
                || Character.getType(cp) == Character.SPACE_SEPARATOR;
    }

    private static boolean isControl(int cp) {
        if (cp == '\t' || cp == '\n' || cp == '\r') {
            return false;
        }
        int type = Character.getType(cp);
        return type == Character.CONTROL || type == Character.FORMAT
                || type == Character.PRIVATE_USE || type == Character.SURROGATE
                || type == Character.UNASSIGNED;
    }

    private static boolean isPunctuation(int cp) {
        if ((cp >= 33 && cp <= 47) || (cp >= 58 && cp <= 64) || (cp >= 91 && cp <= 96)
                || (cp >= 123 && cp <= 126)) {
            return true;
        }
        return switch (Character.getType(cp)) {
            case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION,
                    Character.START_PUNCTUATION, Character.END_PUNCTUATION,
                    Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
                    Character.OTHER_PUNCTUATION -> true;
            default -> false;
        };
    }

    private static boolean isCjk(int cp) {
        return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF)
                || (cp >= 0x20000 && cp <= 0x2A6DF) || (cp >= 0x2A700 && cp <= 0x2B73F)
                || (cp >= 0x2B740 && cp <= 0x2B81F) || (cp >= 0x2B820 && cp <= 0x2CEAF)
                || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x2F800 && cp <= 0x2FA1F);
    }
}
