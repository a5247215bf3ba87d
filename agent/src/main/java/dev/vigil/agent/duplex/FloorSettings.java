package dev.vigil.agent.duplex;

import java.util.Set;

/**
 * Turn-taking settings, in one place.
 *
 * @param unitMillis                length of a perception unit (MiniCPM-o decides once per 1 s
 *                                  unit); also the model's deadline: a unit it cannot start on
 *                                  within this long after the unit's end is a deadline miss
 * @param falseInterruptionMillis   a barge-in pauses the robot; if no word is recognised within this
 *                                  time of the user's voice onset (and, for speech longer than that,
 *                                  of its end), it was a false interruption (cough, "mm-hm") and the
 *                                  held audio plays on
 * @param minWordConfidence         recognised words below this confidence do not count as words
 * @param fillers                   words that are not a turn ("uh", "mm-hm", …)
 * @param confirmationTimeoutMillis a yes/no question the robot asked ("Did you want me to turn
 *                                  left?") expires this long after it was asked; a later "yes" is a
 *                                  new turn and moves nothing
 * @throws IllegalArgumentException if a duration is not positive or the confidence is not in 0..1
 */
public record FloorSettings(int unitMillis, int falseInterruptionMillis, float minWordConfidence, Set<String> fillers,
                            int confirmationTimeoutMillis) {

    public static final int DEFAULT_CONFIRMATION_TIMEOUT_MILLIS = 8000;

    public FloorSettings {
        if (unitMillis <= 0 || falseInterruptionMillis <= 0 || confirmationTimeoutMillis <= 0) {
            throw new IllegalArgumentException("floor durations must be positive: unit " + unitMillis
                    + " ms, false interruption " + falseInterruptionMillis + " ms, confirmation "
                    + confirmationTimeoutMillis + " ms");
        }
        if (!(minWordConfidence >= 0 && minWordConfidence <= 1)) {
            throw new IllegalArgumentException("word confidence is 0..1, was " + minWordConfidence);
        }
        fillers = Set.copyOf(fillers);
    }

    /** The settings before confirmations expired on their own: the default confirmation timeout. */
    public FloorSettings(int unitMillis, int falseInterruptionMillis, float minWordConfidence, Set<String> fillers) {
        this(unitMillis, falseInterruptionMillis, minWordConfidence, fillers, DEFAULT_CONFIRMATION_TIMEOUT_MILLIS);
    }

    public static FloorSettings defaults() {
        return new FloorSettings(1000, 2000, 0.3f,
                Set.of("uh", "um", "er", "ah", "oh", "hm", "hmm", "mm", "mhm", "mm-hm", "uh-huh", "huh"));
    }

    public FloorSettings withFalseInterruptionMillis(int millis) {
        return new FloorSettings(unitMillis, millis, minWordConfidence, fillers, confirmationTimeoutMillis);
    }

    public FloorSettings withConfirmationTimeoutMillis(int millis) {
        return new FloorSettings(unitMillis, falseInterruptionMillis, minWordConfidence, fillers, millis);
    }
}
