package dev.vigil.perception.audio.vad;

import java.util.Optional;

/**
 * Turns per-window decisions into voice segments: {@code onsetWindows} speech windows in a row start
 * one, {@code hangoverMillis} of silence ends it, and the first quiet window after speech inside one
 * is reported as a pause (the segment may yet go on). Pure state machine, no I/O, no clock: times
 * come from the audio.
 */
public final class VoiceSegmenter {

    /** What a window changed. */
    public sealed interface Transition permits Started, Paused, Stopped {
    }

    /**
     * @param onsetNanos    start of the first speech window less the pre-roll
     * @param detectedNanos end of the deciding window
     */
    public record Started(long onsetNanos, long detectedNanos, float probability) implements Transition {
    }

    /**
     * The first window without speech after speech, inside a segment: it ends at
     * {@code lastSpeechEndNanos} if the quiet lasts the hangover, and goes on otherwise.
     *
     * @param detectedNanos end of the quiet window
     */
    public record Paused(long onsetNanos, long lastSpeechEndNanos, long detectedNanos) implements Transition {
    }

    /** @param endNanos end of the last speech window; @param detectedNanos end of the deciding window */
    public record Stopped(long onsetNanos, long endNanos, long detectedNanos) implements Transition {
    }

    private final VadSettings settings;
    private final long hangoverNanos;
    private final long preRollNanos;
    private long previousEndNanos;
    private boolean speaking;
    private int speechRun;
    private long runStartNanos;
    private long onsetNanos;
    private long lastSpeechEndNanos;
    /** A {@link Paused} was reported since the last speech window. */
    private boolean pauseReported;

    public VoiceSegmenter(VadSettings settings) {
        this.settings = settings;
        this.hangoverNanos = settings.hangoverMillis() * 1_000_000L;
        this.preRollNanos = settings.preRollMillis() * 1_000_000L;
    }

    public boolean speaking() {
        return speaking;
    }

    /**
     * @param startNanos  start of the window
     * @param endNanos    end of the window
     * @param probability the model's speech probability
     * @param voiceAllowed false when the window must not count as the user's voice (judged echo); it
     *                    then counts as silence
     */
    public Optional<Transition> accept(long startNanos, long endNanos, float probability, boolean voiceAllowed) {
        return accept(startNanos, endNanos, probability, voiceAllowed, false);
    }

    /**
     * As {@link #accept(long, long, float, boolean)}.
     *
     * @param otherVoice the window carries a voice that is evidently not the robot's (a pitch the
     *                   loudspeaker did not play): it counts as speech from the model's
     *                   {@code stopThreshold} on. Over the robot's residual echo the model is less sure
     *                   of a short word ("stop" at 0.61 then 0.47 under an echo 6 dB above the robot's
     *                   signal); the pitch is the second, independent evidence
     */
    public Optional<Transition> accept(long startNanos, long endNanos, float probability, boolean voiceAllowed,
                                       boolean otherVoice) {
        if (!speaking) {
            if (voiceAllowed && countsAsSpeech(probability, otherVoice)) {
                if (speechRun++ == 0) {
                    runStartNanos = startNanos;
                }
                if (speechRun >= settings.onsetWindows() || probability >= settings.confidentOnset()) {
                    speaking = true;
                    onsetNanos = Math.max(previousEndNanos, Math.max(0, runStartNanos - preRollNanos));
                    lastSpeechEndNanos = endNanos;
                    pauseReported = false;
                    return Optional.of(new Started(onsetNanos, endNanos, probability));
                }
            } else {
                speechRun = 0;
            }
            return Optional.empty();
        }
        if (voiceAllowed && countsAsSpeech(probability, otherVoice)) {
            lastSpeechEndNanos = endNanos;
            pauseReported = false;
            return Optional.empty();
        }
        if (endNanos - lastSpeechEndNanos >= hangoverNanos) {
            return Optional.of(stop(endNanos));
        }
        if (!pauseReported) {
            pauseReported = true;
            return Optional.of(new Paused(onsetNanos, lastSpeechEndNanos, endNanos));
        }
        return Optional.empty();
    }

    /**
     * Whether a window with this probability counts as speech now, if its voice is allowed: from the
     * model's start threshold outside a segment (its stop threshold for another voice, see
     * {@link #accept(long, long, float, boolean, boolean)}), from its stop threshold inside one.
     */
    public boolean countsAsSpeech(float probability, boolean otherVoice) {
        return probability >= (speaking || otherVoice ? settings.stopThreshold() : settings.startThreshold());
    }

    /** Ends an open segment at the end of the stream (or before a reset). */
    public Optional<Transition> flush(long nowNanos) {
        return speaking ? Optional.of(stop(nowNanos)) : Optional.empty();
    }

    private Stopped stop(long detectedNanos) {
        speaking = false;
        speechRun = 0;
        previousEndNanos = lastSpeechEndNanos;
        return new Stopped(onsetNanos, lastSpeechEndNanos, detectedNanos);
    }
}
