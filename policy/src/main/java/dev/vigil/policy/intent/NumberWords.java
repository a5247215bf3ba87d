package dev.vigil.policy.intent;

import dev.vigil.agent.vocabulary.Vocabulary;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Spoken English numbers, both ways: the recogniser writes "two point five", robots want 2.5, and
 * replies are spoken, so they go back to words.
 *
 * <p>Understands cardinals up to the millions ("twenty five", "a hundred and twenty"), decimals
 * ("two point five", "point five"), halves ("half", "one and a half"), "a couple", and digits
 * ("10", "2.5") for recognisers that write them.
 */
public final class NumberWords {

    /** A number found in a word sequence: its value and how many words it took. */
    public record Parsed(double value, int words) {
    }

    // The number words are the vocabulary's (dev.vigil.agent.vocabulary), which the command grammar
    // is made from too.
    private static final String[] SMALL_WORDS = Vocabulary.builtIn().numbers().ones().toArray(String[]::new);
    private static final String[] TENS_WORDS = tensByValue(Vocabulary.builtIn().numbers().tens());
    private static final Map<String, Integer> SMALL = index(SMALL_WORDS, 1);
    private static final Map<String, Integer> TENS = index(TENS_WORDS, 10);

    private NumberWords() {}

    /** {@code ["", "", twenty, …, ninety]}: indexed by the tens digit. */
    private static String[] tensByValue(List<String> tens) {
        String[] out = new String[10];
        out[0] = "";
        out[1] = "";
        for (int i = 0; i < tens.size(); i++) {
            out[i + 2] = tens.get(i);
        }
        return out;
    }

    private static Map<String, Integer> index(String[] words, int step) {
        Map<String, Integer> out = new HashMap<>();
        for (int i = 0; i < words.length; i++) {
            if (!words[i].isEmpty()) {
                out.put(words[i], i * step);
            }
        }
        return Map.copyOf(out);
    }

    /** The number spelled by all of {@code text}, e.g. "twenty five" → 25; empty if it is not one. */
    public static Optional<Double> parse(String text) {
        List<String> words = List.of(text.strip().toLowerCase(Locale.ROOT).split("\\s+"));
        return parse(words, 0).filter(p -> p.words() == words.size()).map(Parsed::value);
    }

    /**
     * The longest number starting at {@code words[from]}, e.g. {@code [go, twenty, five, meters]}
     * from 1 → 25 over 2 words.
     *
     * <p>"a" and "an" count as one ("a meter", "a hundred"): whether that reading makes sense
     * depends on what follows, which the caller knows.
     */
    public static Optional<Parsed> parse(List<String> words, int from) {
        int i = from;
        double value;
        if (i >= words.size()) {
            return Optional.empty();
        }
        String first = words.get(i);
        Optional<Double> digits = digits(first);
        if (digits.isPresent()) {
            value = digits.get();
            i++;
            // Whisper writes "one hundred and eighty" as "100 and 80": hundreds, "and", the rest.
            if (value >= 100 && value % 100 == 0 && i + 1 < words.size() && words.get(i).equals("and")
                    && !isArticle(words.get(i + 1))) {
                Optional<Double> rest = digits(words.get(i + 1));
                long[] spelled = rest.isEmpty() ? cardinal(words, i + 1) : null;
                double below = rest.orElse(spelled == null ? -1 : (double) spelled[0]);
                if (below >= 1 && below < 100 && below == Math.rint(below)) {
                    value += below;
                    i += rest.isPresent() ? 2 : 1 + (int) spelled[1];
                }
            }
        } else if (isTwoHeardAsTo(words, i)) {
            value = 2;
            i++;
        } else if (first.equals("half")) {
            // "half a meter": the article belongs to the number.
            value = 0.5;
            i++;
            if (i < words.size() && isArticle(words.get(i))) {
                i++;
            }
            return Optional.of(new Parsed(value, i - from));
        } else if (first.equals("point")) {
            value = 0;
        } else if ((first.equals("a") || first.equals("an")) && i + 1 < words.size()
                && words.get(i + 1).equals("couple")) {
            // "a couple of meters"
            i += 2;
            if (i < words.size() && words.get(i).equals("of")) {
                i++;
            }
            return Optional.of(new Parsed(2, i - from));
        } else {
            long[] whole = cardinal(words, i);
            if (whole == null) {
                return Optional.empty();
            }
            value = whole[0];
            i += (int) whole[1];
        }
        // Decimals: "two point five", "point seven five"; digits after "point" are read one by one.
        if (i + 1 < words.size() && words.get(i).equals("point") && digitWord(words.get(i + 1)) >= 0) {
            StringBuilder fraction = new StringBuilder();
            int j = i + 1;
            while (j < words.size() && digitWord(words.get(j)) >= 0) {
                fraction.append(digitWord(words.get(j)));
                j++;
            }
            value += Double.parseDouble("0." + fraction);
            i = j;
        } else if (first.equals("point")) {
            return Optional.empty();
        }
        // "one and a half"
        if (i + 2 < words.size() && words.get(i).equals("and") && isArticle(words.get(i + 1))
                && words.get(i + 2).equals("half")) {
            value += 0.5;
            i += 3;
        }
        return Optional.of(new Parsed(value, i - from));
    }

    /** {value, words} of a whole number below a billion, or null. */
    private static long[] cardinal(List<String> words, int from) {
        int i = from;
        long total = 0;
        long group = 0;
        boolean any = false;
        // What may come next: after "twenty", a unit; after "five", only a multiplier.
        boolean unitAllowed = true;
        boolean tensAllowed = true;
        while (i < words.size()) {
            String w = words.get(i);
            Integer small = SMALL.get(w);
            Integer tens = TENS.get(w);
            if ((w.equals("a") || w.equals("an")) && !any) {
                // "a hundred", or "a" alone meaning one; the caller decides if "a" alone makes sense.
                small = 1;
            }
            if (small != null && unitAllowed && (small < 10 || tensAllowed)) {
                group += small;
                unitAllowed = false;
                tensAllowed = false;
            } else if (tens != null && tensAllowed) {
                group += tens;
                tensAllowed = false;
                unitAllowed = true;
            } else if (w.equals("hundred") && any && group > 0 && group < 10) {
                group *= 100;
                unitAllowed = true;
                tensAllowed = true;
            } else if ((w.equals("thousand") || w.equals("million")) && any && group > 0) {
                total += group * (w.equals("thousand") ? 1_000 : 1_000_000);
                group = 0;
                unitAllowed = true;
                tensAllowed = true;
            } else if (w.equals("and") && any && i + 1 < words.size()
                    && (SMALL.containsKey(words.get(i + 1)) || TENS.containsKey(words.get(i + 1)))
                    && (group % 100 == 0) && (group > 0 || total > 0) && unitAllowed) {
                // "a hundred and five"; not "one and a half", which the caller reads
                i++;
                continue;
            } else {
                break;
            }
            any = true;
            i++;
        }
        return any ? new long[] {total + group, i - from} : null;
    }

    private static Optional<Double> digits(String w) {
        if (w.isEmpty() || !Character.isDigit(w.charAt(0))) {
            return Optional.empty();
        }
        try {
            return Optional.of(Double.parseDouble(w));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static int digitWord(String w) {
        if (w.equals("oh")) {
            return 0;
        }
        Integer v = SMALL.get(w);
        return v != null && v < 10 ? v : -1;
    }

    /**
     * "to" (or "too") where only the number two makes sense: before "and a half" or "point" and a
     * digit. Whisper writes "two and a half meters" as "to and a half meters" now and then.
     */
    private static boolean isTwoHeardAsTo(List<String> words, int i) {
        String w = words.get(i);
        if (!w.equals("to") && !w.equals("too")) {
            return false;
        }
        boolean half = i + 3 < words.size() && words.get(i + 1).equals("and") && isArticle(words.get(i + 2))
                && words.get(i + 3).equals("half");
        boolean decimal = i + 2 < words.size() && words.get(i + 1).equals("point") && digitWord(words.get(i + 2)) >= 0;
        return half || decimal;
    }

    private static boolean isArticle(String w) {
        return w.equals("a") || w.equals("an");
    }

    /**
     * {@code value} as a speech synthesiser should say it: 10 → "ten", 2.5 → "two point five",
     * 0.25 → "zero point two five". Rounds to two decimals.
     */
    public static String toWords(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("cannot say " + value);
        }
        BigDecimal v = BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros();
        String sign = v.signum() < 0 ? "minus " : "";
        v = v.abs();
        long whole = v.longValue();
        String out = sign + cardinalWords(whole);
        BigDecimal fraction = v.subtract(BigDecimal.valueOf(whole));
        if (fraction.signum() != 0) {
            StringBuilder b = new StringBuilder(out).append(" point");
            for (char c : fraction.toPlainString().substring(2).toCharArray()) {
                b.append(' ').append(SMALL_WORDS[c - '0']);
            }
            out = b.toString();
        }
        return out;
    }

    private static String cardinalWords(long n) {
        if (n < 20) {
            return SMALL_WORDS[(int) n];
        }
        if (n < 100) {
            return TENS_WORDS[(int) (n / 10)] + (n % 10 == 0 ? "" : " " + SMALL_WORDS[(int) (n % 10)]);
        }
        if (n < 1000) {
            return SMALL_WORDS[(int) (n / 100)] + " hundred" + (n % 100 == 0 ? "" : " and " + cardinalWords(n % 100));
        }
        if (n < 1_000_000) {
            return cardinalWords(n / 1000) + " thousand" + (n % 1000 == 0 ? "" : " " + cardinalWords(n % 1000));
        }
        return cardinalWords(n / 1_000_000) + " million"
                + (n % 1_000_000 == 0 ? "" : " " + cardinalWords(n % 1_000_000));
    }
}
