package dev.vigil.speech.tts;

/**
 * Receives one utterance's audio and its end. Calls come on the {@link Tts}'s worker pool, one at
 * a time, in order; utterances of one {@code Tts} are reported in the order they were spoken. The
 * one exception: if the pool rejects the work, {@link #failed} comes at once on the thread that
 * called {@link Tts#speak}, as there is no worker to report it.
 *
 * <p>Every method must return quickly and must not wait for the thread that may call
 * {@link Synthesis#cancel()}: cancel waits for an {@code audio} call in progress so that none can
 * happen after it returns. Hand the samples to a queue and return.
 */
public interface TtsListener {

    /**
     * The next piece of audio. {@code chunkIndex} is the position of the text chunk it speaks,
     * from 0, and never decreases; chunks with nothing speakable give no call, so indices may skip,
     * and an engine that streams within a chunk may deliver one chunk in several calls sharing an
     * index and text. The flite and espeak-ng engines deliver one call per chunk.
     *
     * @param samples    mono 16-bit PCM at {@code sampleRate}; owned by the listener from now on
     * @param chunkText  the text this audio speaks, as it appeared in the answer (whitespace
     *                   collapsed), so the caller knows what was said if it is cut off
     */
    void audio(String utteranceId, int chunkIndex, short[] samples, int sampleRate, String chunkText);

    /**
     * The utterance is over: all its audio was delivered, or {@code cancelled} is true because
     * {@link Synthesis#cancel()} returned before this call. Called exactly once unless
     * {@link #failed} is.
     */
    void done(String utteranceId, boolean cancelled);

    /**
     * The engine could not speak the utterance; some audio may have come before. {@code message}
     * is one line, fit to log or show. Instead of {@link #done}, never as well.
     */
    void failed(String utteranceId, String message);
}
