package dev.vigil.agent.message;

/**
 * The user stopped speaking (control lane).
 *
 * @param onsetNanos     the onset of the segment that ended (matches {@link VoiceStarted#onsetNanos()})
 * @param endNanos       end of the last speech window: where recognition's audio ends
 * @param detectedNanos  session time of the audio at which the silence was long enough to decide
 * @param speechEndNanos the front end's estimate of where the speech itself ended, from the audio's
 *                       level (at most 200 ms before {@code endNanos}, never after it): the voice model
 *                       scores a word's decay as speech for a window or two. Live measures of a turn
 *                       start here.
 */
public record VoiceStopped(long onsetNanos, long endNanos, long detectedNanos, long speechEndNanos) {

    public VoiceStopped {
        if (speechEndNanos > endNanos) {
            throw new IllegalArgumentException("speech cannot end (" + speechEndNanos
                    + " ns) after its last speech window (" + endNanos + " ns)");
        }
    }

    /** A segment whose speech is taken to end with its last speech window. */
    public VoiceStopped(long onsetNanos, long endNanos, long detectedNanos) {
        this(onsetNanos, endNanos, detectedNanos, endNanos);
    }
}
