package dev.vigil.speech.asr;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The CMU Pronouncing Dictionary as Sphinx4's US English model ships it ({@code cmudict-en-us.dict} in
 * sphinx4-data: "word  P H O N E S", alternatives as "word(2)", 133 k words), read once.
 */
final class Pronunciations {

    static final String DICTIONARY = "/edu/cmu/sphinx/models/en-us/cmudict-en-us.dict";
    private static final Map<String, List<String[]>> PHONES = load();

    private Pronunciations() {
    }

    /** Whether the dictionary has {@code word} (lower case). */
    static boolean has(String word) {
        return PHONES.containsKey(word);
    }

    /** The word's pronunciations (phones without stress marks); empty when the dictionary lacks it. */
    static List<String[]> of(String word) {
        return PHONES.getOrDefault(word, List.of());
    }

    private static Map<String, List<String[]>> load() {
        Map<String, List<String[]>> phones = new HashMap<>(150_000);
        try (InputStream in = Pronunciations.class.getResourceAsStream(DICTIONARY)) {
            if (in == null) {
                throw new IllegalStateException("the pronouncing dictionary " + DICTIONARY + " is missing (sphinx4-data)");
            }
            new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().forEach(line -> {
                String[] parts = line.strip().split("\\s+");
                if (parts.length < 2) {
                    return;
                }
                int alt = parts[0].indexOf('(');
                String word = alt < 0 ? parts[0] : parts[0].substring(0, alt);
                String[] sounds = new String[parts.length - 1];
                for (int i = 1; i < parts.length; i++) {
                    sounds[i - 1] = parts[i].replaceAll("[0-9]", "");
                }
                phones.computeIfAbsent(word, w -> new ArrayList<>(1)).add(sounds);
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.copyOf(phones);
    }
}
