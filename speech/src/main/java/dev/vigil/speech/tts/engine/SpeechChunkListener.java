package dev.vigil.speech.tts.engine;

/**
 * Receives audio while an engine is still synthesizing, so playback can start before the whole
 * utterance exists.
 */
@FunctionalInterface
public interface SpeechChunkListener {

    /**
     * @param samples the next mono 16-bit chunk; owned by the listener
     * @param last    whether this is the final chunk of the utterance
     * @return {@code false} to stop synthesis now, e.g. because the user barged in
     */
    boolean onChunk(short[] samples, int sampleRate, boolean last);
}
