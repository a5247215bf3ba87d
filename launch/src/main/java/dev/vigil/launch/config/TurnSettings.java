package dev.vigil.launch.config;

import dev.vigil.agent.duplex.FloorSettings;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static dev.vigil.launch.config.SettingException.check;

/**
 * Turn taking and interruption ({@code turn:} in vigil.yaml). Plain values rather than the duplex
 * core's {@code FloorSettings}, whose shape is still changing; the run command builds one from these.
 *
 * @param unitMillis              length of a perception unit, ms (default 1000): the duplex model
 *                                decides once per unit; must be positive
 * @param falseInterruptionMillis a barge-in whose speech ends within this time of its onset without
 *                                any word recognised is a false interruption (cough, "mm-hm"): the
 *                                robot restates what it had not said yet; ms, default 2000, ≥ 0
 * @param minInterruptionMillis   user speech needed before a barge-in counts, ms; default 0: at voice
 *                                onset; ≥ 0
 * @param minWordConfidence       recognised words below this confidence (0–1) do not count as words;
 *                                default 0.3
 * @param fillers                 words that are not a turn ("uh", "mm-hm", …): single lower-case
 *                                words, since heard words are lower-cased before the comparison
 * @param confirmationTimeoutMillis how long a yes/no question the robot asked waits for its answer
 *                                before it expires, ms; default 8000; must be positive
  * @param incompleteWaitMillis    words that cannot end a command ("turn to the…") wait this long
 *                                after the turn ended for the rest, ms; default 1200; ≥ 0 (0: no wait)
 * @param extensionWindowMillis   a whole command that could still grow ("go forward" + a distance,
 *                                "turn left" + an angle) waits this long before it is acted on, ms;
 *                                default 800; ≥ 0 (0: no wait)
 * @param stopConfidence          a barge-in that brought no recognised words is scored against the stop
 *                                words (0–1); at or above this it was "stop" (the robot stops, a {@code stop}
 *                                intent), below it a cough or backchannel; default 0.05; ≥ 0; above 1: off
 */
public record TurnSettings(int unitMillis, int falseInterruptionMillis, int minInterruptionMillis,
                           float minWordConfidence, List<String> fillers, int confirmationTimeoutMillis,
                           int incompleteWaitMillis, int extensionWindowMillis, float stopConfidence) {

    /** The filler words of the duplex core's {@code FloorSettings.defaults()}, in its order. */
    public static final List<String> DEFAULT_FILLERS =
            List.of("uh", "um", "er", "ah", "oh", "hm", "hmm", "mm", "mhm", "mm-hm", "uh-huh", "huh");

    /** @throws IllegalArgumentException a value out of range, naming its key */
    public TurnSettings {
        check(unitMillis > 0, "unit_ms", "must be positive, was " + unitMillis);
        check(falseInterruptionMillis >= 0, "false_interruption_ms", "must not be negative, was " + falseInterruptionMillis);
        check(minInterruptionMillis >= 0, "min_interruption_ms", "must not be negative, was " + minInterruptionMillis);
        check(minWordConfidence >= 0 && minWordConfidence <= 1, "min_word_confidence",
                "must be between 0 and 1, was " + minWordConfidence);
        check(fillers != null, "fillers", "must be a list of words (write [] for none)");
        fillers = new ArrayList<>(fillers);
        for (int i = 0; i < fillers.size(); i++) {
            String word = fillers.get(i);
            String key = "fillers[" + i + "]";
            SettingException.text(word, key);
            check(word.chars().noneMatch(Character::isWhitespace), key,
                    "must be a single word, was \"" + word + "\"");
            check(word.equals(word.toLowerCase(Locale.ROOT)), key,
                    "must be lower case (heard words are lower-cased before the comparison), was \"" + word + "\"");
        }
        fillers = List.copyOf(fillers);
        check(confirmationTimeoutMillis > 0, "confirmation_timeout_ms", "must be positive, was " + confirmationTimeoutMillis);
        check(incompleteWaitMillis >= 0, "incomplete_wait_ms", "must not be negative, was " + incompleteWaitMillis);
        check(extensionWindowMillis >= 0, "extension_window_ms", "must not be negative, was " + extensionWindowMillis);
        check(stopConfidence >= 0, "stop_confidence", "must not be negative (above 1 turns the check off), was "
                + stopConfidence);
    }

    /**
     * 1000 ms units, 2000 ms false interruptions, barge-in at onset, 0.3 word confidence, 8 s
     * confirmations, 1.2 s for the rest of an incomplete command, 0.8 s for an extension, 0.05 stop
     * confidence.
     */
    public static TurnSettings defaults() {
        return new TurnSettings(1000, 2000, 0, 0.3f, DEFAULT_FILLERS, 8000,
                FloorSettings.DEFAULT_INCOMPLETE_WAIT_MILLIS, FloorSettings.DEFAULT_EXTENSION_WINDOW_MILLIS,
                FloorSettings.DEFAULT_STOP_CONFIDENCE);
    }
}
