package dev.vigil.perception.audio.aec;

/**
 * Removes the loudspeaker's signal from the microphone's, one frame at a time. Stateful: frames must
 * arrive in order, each microphone frame with the speaker frame played at the same time.
 */
public interface EchoCanceller extends AutoCloseable {

    /** Samples per frame that {@link #process} takes. */
    int frameSize();

    /**
     * @param mic     microphone samples, {@link #frameSize()} long
     * @param speaker loudspeaker samples for the same instant (zeros when nothing played)
     * @param out     receives the cleaned microphone signal; may be {@code mic} itself
     */
    void process(short[] mic, short[] speaker, short[] out);

    /**
     * {@link #process}, with the residual-echo suppression stage's output left out when
     * {@code suppressResidual} is false: {@code out} then receives the adaptive filter's output alone,
     * while the stage still follows the signal (its noise and echo estimates stay current for the
     * frames that need it). A canceller without such a stage ignores the flag.
     */
    default void process(short[] mic, short[] speaker, short[] out, boolean suppressResidual) {
        process(mic, speaker, out);
    }

    /** Forgets the learned echo path, e.g. after the audio device changed. */
    void reset();

    @Override
    void close();

    /** The microphone signal untouched: what the front end uses when echo cancellation is turned off. */
    static EchoCanceller disabled(int frameSize) {
        return new EchoCanceller() {
            @Override
            public int frameSize() {
                return frameSize;
            }

            @Override
            public void process(short[] mic, short[] speaker, short[] out) {
                if (out != mic) {
                    System.arraycopy(mic, 0, out, 0, frameSize);
                }
            }

            @Override
            public void reset() {
            }

            @Override
            public void close() {
            }
        };
    }
}
