package dev.vigil.speech.asr.whisper;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The tokens Whisper's decoder is forced to start with: {@code <|startofprev|>}, the prompt's words,
 * {@code <|startoftranscript|> <|notimestamps|>}, as Whisper's reference transcriber builds them from
 * its {@code initial_prompt}. Whisper takes the prompt as the text that came before, and writes what
 * follows in its words and style: given the robot's vocabulary ({@code Vocabulary#promptText}) it
 * writes "pivot", "swivel" and "proceed" where it wrote "give it", "wivel" and "prose".
 * <p>
 * <b>Tokens.</b> The graph carries the detokenizer's vocabulary but not the BPE merge table, so no
 * tokenizer library can reproduce GPT-2's exact split here. Each piece of GPT-2's pre-tokenizer (a
 * word with its leading space, a number, punctuation) is split greedily into the longest tokens the
 * vocabulary has: a valid token sequence that decodes to the same text, which is all a prompt needs
 * (Whisper's decoder reads it, it is never compared with anything). Special tokens are looked up by
 * their text in the graph's {@code added_tokens}.
 * <p>
 * Whisper's reference keeps at most {@value #MAX_PROMPT_TOKENS} prompt tokens (half its 448-token
 * context, less one); a longer prompt is cut at a piece boundary.
 *
 * @param ids  every forced token, specials included; {@code max_length} must exceed their count, and
 *             every sequence the beam search returns starts with them
 * @param text the prompt text kept
 */
record DecoderPrompt(int[] ids, String text) {

    /** Whisper's reference: {@code n_text_ctx // 2 - 1} prompt tokens at most. */
    static final int MAX_PROMPT_TOKENS = 223;

    /** GPT-2's pre-tokenizer pattern (contractions, letters, digits, other, spaces). */
    private static final Pattern PIECES = Pattern.compile(
            "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+");

    /**
     * The forced tokens for {@code prompt}; with no prompt (null or blank), {@code <|startoftranscript|>}
     * alone, which is what the graph's beam search starts from when given nothing.
     *
     * @throws IllegalArgumentException one line: a character the vocabulary has no token for, or the
     *                                  graph lacks a special token
     */
    static DecoderPrompt of(String prompt, WhisperGraph.Vocabulary vocabulary) {
        int start = vocabulary.special("<|startoftranscript|>");
        if (prompt == null || prompt.isBlank()) {
            return new DecoderPrompt(new int[] {start}, "");
        }
        Map<String, Integer> ids = new HashMap<>();
        List<String> tokens = vocabulary.tokens();
        for (int i = 0; i < tokens.size(); i++) {
            ids.putIfAbsent(tokens.get(i), i);
        }
        List<Integer> out = new ArrayList<>();
        out.add(vocabulary.special("<|startofprev|>"));
        StringBuilder kept = new StringBuilder();
        Matcher pieces = PIECES.matcher(" " + prompt.strip());
        while (pieces.find()) {
            List<Integer> piece = greedy(byteLevel(pieces.group(), vocabulary.byteToChar()), ids, pieces.group());
            if (out.size() - 1 + piece.size() > MAX_PROMPT_TOKENS) {
                System.getLogger(DecoderPrompt.class.getName()).log(System.Logger.Level.WARNING,
                        "whisper: the prompt is longer than the " + MAX_PROMPT_TOKENS + " tokens Whisper takes;"
                                + " cut before \"" + pieces.group().strip() + "\"");
                break;
            }
            out.addAll(piece);
            kept.append(pieces.group());
        }
        out.add(start);
        out.add(vocabulary.special("<|notimestamps|>"));
        return new DecoderPrompt(out.stream().mapToInt(Integer::intValue).toArray(), kept.toString().strip());
    }

    /** How many of {@link #ids} are forced: {@code max_length} counts them. */
    int length() {
        return ids.length;
    }

    /** The piece in GPT-2's byte-level alphabet: each UTF-8 byte as the char the vocabulary writes it with. */
    private static String byteLevel(String piece, char[] byteToChar) {
        StringBuilder s = new StringBuilder();
        for (byte b : piece.getBytes(StandardCharsets.UTF_8)) {
            s.append(byteToChar[b & 0xff]);
        }
        return s.toString();
    }

    private static List<Integer> greedy(String piece, Map<String, Integer> ids, String original) {
        List<Integer> out = new ArrayList<>();
        int at = 0;
        while (at < piece.length()) {
            int end = piece.length();
            while (end > at && !ids.containsKey(piece.substring(at, end))) {
                end--;
            }
            if (end == at) {
                throw new IllegalArgumentException("the Whisper prompt's '" + original.strip()
                        + "' has a character the model's vocabulary has no token for");
            }
            out.add(ids.get(piece.substring(at, end)));
            at = end;
        }
        return out;
    }
}
