package dev.vigil.perception.vision.ocr;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The recogniser's classes and their greedy CTC decoding. Class 0 is the CTC blank, classes 1..n the
 * lines of the key file in order, class n + 1 a space (PaddleOCR's {@code use_space_char}): 6625
 * classes for {@code ppocr_keys_v1.txt}'s 6623 lines.
 */
final class CtcAlphabet {

    /** A decoded line: the text and the mean probability of the characters kept (0 when none). */
    record Reading(String text, double score) {
    }

    private final String[] symbols;

    CtcAlphabet(List<String> keys) {
        symbols = new String[keys.size() + 2];
        symbols[0] = "";
        for (int i = 0; i < keys.size(); i++) {
            symbols[i + 1] = keys.get(i);
        }
        symbols[keys.size() + 1] = " ";
    }

    /** Reads a key file: UTF-8, one character a line; only line ends are stripped (a line may be a space). */
    static CtcAlphabet read(Path keys) throws IOException {
        String all = Files.readString(keys, StandardCharsets.UTF_8);
        return new CtcAlphabet(all.lines().toList());
    }

    /** How many classes the recogniser must output for this alphabet. */
    int classes() {
        return symbols.length;
    }

    /**
     * Greedy decoding of {@code steps × classes()} probabilities starting at {@code offset}: the most
     * probable class of each step, repeats merged, blanks dropped.
     */
    Reading decode(float[] probabilities, int offset, int steps) {
        int classes = symbols.length;
        StringBuilder text = new StringBuilder();
        double sum = 0;
        int kept = 0;
        int previous = -1;
        for (int t = 0; t < steps; t++) {
            int base = offset + t * classes;
            int best = 0;
            float bestP = probabilities[base];
            for (int c = 1; c < classes; c++) {
                if (probabilities[base + c] > bestP) {
                    bestP = probabilities[base + c];
                    best = c;
                }
            }
            if (best != 0 && best != previous) {
                text.append(symbols[best]);
                sum += bestP;
                kept++;
            }
            previous = best;
        }
        return new Reading(text.toString(), kept == 0 ? 0 : Math.min(1, sum / kept));
    }
}
