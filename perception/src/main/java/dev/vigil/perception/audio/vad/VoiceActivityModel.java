package dev.vigil.perception.audio.vad;

/**
 * A model that scores fixed-size windows of 16 kHz audio for speech. Stateful (it carries context
 * from one window to the next); one stream per instance.
 */
public interface VoiceActivityModel extends AutoCloseable {

    /** Samples per window at 16 kHz. */
    int windowSize();

    /**
     * @param window {@link #windowSize()} samples in [-1, 1]
     * @return the probability that the window holds speech
     * @throws Exception when the engine fails; the caller survives it and resets the model
     */
    float speechProbability(float[] window) throws Exception;

    /** Forgets the context, e.g. after an engine failure or a gap in the audio. */
    void reset();

    @Override
    void close();
}
