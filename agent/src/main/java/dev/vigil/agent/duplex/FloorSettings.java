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
 * @param stopConfidence            a barge-in whose words the recogniser did not catch is scored
 *                                  against "stop" (0–1, a frame-normalised likelihood ratio:
 *                                  the speech module's {@code StopWordSpotter}); at or above this it
 *                                  was "stop", below it a cough or backchannel (a false interruption);
 *                                  above 1 turns the check off
 * @throws IllegalArgumentException if a duration is not positive (the waits: negative), the word
 *                                  confidence is not in 0..1 or the stop confidence is negative
 */
public record FloorSettings(int unitMillis, int falseInterruptionMillis, float minWordConfidence, Set<String> fillers,
                            int confirmationTimeoutMillis, int incompleteWaitMillis, int extensionWindowMillis,
                            float stopConfidence) {

    public static final int DEFAULT_CONFIRMATION_TIMEOUT_MILLIS = 8000;
    public static final int DEFAULT_INCOMPLETE_WAIT_MILLIS = 1200;
    public static final int DEFAULT_EXTENSION_WINDOW_MILLIS = 800;
    /** Between the stops and the coughs and backchannels measured (docs/performance.md, "Stop over a reply"). */
    public static final float DEFAULT_STOP_CONFIDENCE = 0.05f;

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
        if (!(stopConfidence >= 0)) {
            throw new IllegalArgumentException("stop confidence must not be negative, was " + stopConfidence);
        }
        fillers = Set.copyOf(fillers);
    }

    /** The settings before confirmations expired, turns waited for their meaning and stops were spotted: their defaults. */
    public FloorSettings(int unitMillis, int falseInterruptionMillis, float minWordConfidence, Set<String> fillers) {
        this(unitMillis, falseInterruptionMillis, minWordConfidence, fillers, DEFAULT_CONFIRMATION_TIMEOUT_MILLIS,
                DEFAULT_INCOMPLETE_WAIT_MILLIS, DEFAULT_EXTENSION_WINDOW_MILLIS, DEFAULT_STOP_CONFIDENCE);
    }

    public static FloorSettings defaults() {
        return new FloorSettings(1000, 2000, 0.3f,
                Set.of("uh", "um", "er", "ah", "oh", "hm", "hmm", "mm", "mhm", "mm-hm", "uh-huh", "huh"));
    }

    public FloorSettings withFalseInterruptionMillis(int millis) {
        return new FloorSettings(unitMillis, millis, minWordConfidence, fillers, confirmationTimeoutMillis,
                incompleteWaitMillis, extensionWindowMillis, stopConfidence);
    }

    public FloorSettings withConfirmationTimeoutMillis(int millis) {
        return new FloorSettings(unitMillis, falseInterruptionMillis, minWordConfidence, fillers, millis,
                incompleteWaitMillis, extensionWindowMillis, stopConfidence);
    }

    /** These settings with other end-of-turn waits (ms, ≥ 0). */
    public FloorSettings withEndOfTurnWaits(int incompleteMillis, int extensionMillis) {
        return new FloorSettings(unitMillis, falseInterruptionMillis, minWordConfidence, fillers,
                confirmationTimeoutMillis, incompleteMillis, extensionMillis, stopConfidence);
    }

    /** These settings with another stop confidence (0–1; above 1: the check is off). */
    public FloorSettings withStopConfidence(float confidence) {
        return new FloorSettings(unitMillis, falseInterruptionMillis, minWordConfidence, fillers,
                confirmationTimeoutMillis, incompleteWaitMillis, extensionWindowMillis, confidence);
    }
}
