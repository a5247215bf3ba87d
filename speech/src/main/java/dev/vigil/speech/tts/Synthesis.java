package dev.vigil.speech.tts;

/** One utterance handed to {@link Tts#speak}: the handle to stop it with. */
public interface Synthesis {

    /**
     * Stops the utterance: no {@link TtsListener#audio} call happens after this returns (one in
     * progress is waited for), synthesis stops within the current chunk, and the listener gets
     * {@code done(id, true)}. Returns at once otherwise; safe from any thread, from inside a
     * listener call, more than once, and after the utterance ended (then it does nothing).
     */
    void cancel();

    /** Whether {@link #cancel()} was called before the utterance ended. */
    boolean cancelled();

    String utteranceId();
}
