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
 * @param incompleteWaitMillis      words that cannot end a command ("turn to the…") wait this long,
 *                                  from the end of the turn (the recogniser's final result), for the
 *                                  rest; then they are answered as they are. 0: no wait
 * @param extensionWindowMillis     a whole command that could still grow ("go forward" + a distance)
 *                                  waits this long, from the end of the turn, before it is acted on.
 *                                  0: no wait
 * @throws IllegalArgumentException if a duration is not positive (the waits: negative) or the
 *                                  confidence is not in 0..1
 */
public record FloorSettings(int unitMillis, int falseInterruptionMillis, float minWordConfidence, Set<String> fillers,
                            int confirmationTimeoutMillis, int incompleteWaitMillis, int extensionWindowMillis) {

    public static final int DEFAULT_CONFIRMATION_TIMEOUT_MILLIS = 8000;
    public static final int DEFAULT_INCOMPLETE_WAIT_MILLIS = 1200;
    public static final int DEFAULT_EXTENSION_WINDOW_MILLIS = 800;

    public FloorSettings {
        if (unitMillis <= 0 || falseInterruptionMillis <= 0 || confirmationTimeoutMillis <= 0) {
            throw new IllegalArgumentException("floor durations must be positive: unit " + unitMillis
                    + " ms, false interruption " + falseInterruptionMillis + " ms, confirmation "
                    + confirmationTimeoutMillis + " ms");
        }
        if (incompleteWaitMillis < 0 || extensionWindowMillis < 0) {
            throw new IllegalArgumentException("end-of-turn waits must not be negative: incomplete "
                    + incompleteWaitMillis + " ms, extension " + extensionWindowMillis + " ms");
        }
        if (!(minWordConfidence >= 0 && minWordConfidence <= 1)) {
            throw new IllegalArgumentException("word confidence is 0..1, was " + minWordConfidence);
        }
        fillers = Set.copyOf(fillers);
    }

    /** With the default end-of-turn waits. */
    public FloorSettings(int unitMillis, int falseInterruptionMillis, float minWordConfidence, Set<String> fillers,
                         int confirmationTimeoutMillis) {
        this(unitMillis, falseInterruptionMillis, minWordConfidence, fillers, confirmationTimeoutMillis,
                DEFAULT_INCOMPLETE_WAIT_MILLIS, DEFAULT_EXTENSION_WINDOW_MILLIS);
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
        return new FloorSettings(unitMillis, millis, minWordConfidence, fillers, confirmationTimeoutMillis,
                incompleteWaitMillis, extensionWindowMillis);
    }

    public FloorSettings withConfirmationTimeoutMillis(int millis) {
        return new FloorSettings(unitMillis, falseInterruptionMillis, minWordConfidence, fillers, millis,
                incompleteWaitMillis, extensionWindowMillis);
    }

    /** These settings with other end-of-turn waits (ms, ≥ 0). */
    public FloorSettings withEndOfTurnWaits(int incompleteMillis, int extensionMillis) {
        return new FloorSettings(unitMillis, falseInterruptionMillis, minWordConfidence, fillers,
                confirmationTimeoutMillis, incompleteMillis, extensionMillis);
    }
}
