package dev.vigil.speech.asr;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The CMU Pronouncing Dictionary as Sphinx4's US English model ships it ({@code cmudict-en-us.dict} in
 * sphinx4-data: "word  P H O N E S", alternatives as "word(2)", 133 k words), read once.
 */
final class Pronunciations {

    static final String DICTIONARY = "/edu/cmu/sphinx/models/en-us/cmudict-en-us.dict";
    /**
     * Word → its pronunciations as one string, phones without stress marks, alternatives joined by
     * '|' ("L EH F T"): one string per word keeps the 133 k entries at a fraction of the memory and
     * start-up time of a phone array each; only the few words a final differs in are ever split.
     */
    private static final Map<String, String> PHONES = load();

    private Pronunciations() {
    }

    /** Whether the dictionary has {@code word} (lower case). */
    static boolean has(String word) {
        return PHONES.containsKey(word);
    }

    /** The word's pronunciations (phones without stress marks); empty when the dictionary lacks it. */
    static List<String[]> of(String word) {
        String all = PHONES.get(word);
        if (all == null) {
            return List.of();
        }
        List<String[]> out = new ArrayList<>(1);
        for (String one : all.split("\\|")) {
            out.add(one.split(" "));
        }
        return out;
    }

    private static Map<String, String> load() {
        Map<String, String> phones = new HashMap<>(200_000);
        try (InputStream in = Pronunciations.class.getResourceAsStream(DICTIONARY)) {
            if (in == null) {
                throw new IllegalStateException("the pronouncing dictionary " + DICTIONARY + " is missing (sphinx4-data)");
            }
            new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().forEach(line -> {
                int space = line.indexOf(' ');
                if (space <= 0) {
                    return;
                }
                int alt = line.indexOf('(');
                String word = line.substring(0, alt > 0 && alt < space ? alt : space);
                StringBuilder sounds = new StringBuilder(line.length() - space);
                for (int i = space; i < line.length(); i++) {
                    char c = line.charAt(i);
                    if (c == ' ' || c == '\t') {
                        if (!sounds.isEmpty() && sounds.charAt(sounds.length() - 1) != ' ') {
                            sounds.append(' ');
                        }
                    } else if (!Character.isDigit(c)) {
                        sounds.append(c);
                    }
                }
                String pronunciation = sounds.toString().strip();
                if (!pronunciation.isEmpty()) {
                    phones.merge(word, pronunciation, (a, b) -> a + "|" + b);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Collections.unmodifiableMap(phones);
    }
}
