package dev.vigil.speech.asr;

import dev.vigil.agent.message.Transcript;

/** One utterance being recognised. */
public interface AsrStream {

    /** More audio, 16 kHz mono 16-bit; cheap: the decoder takes it on its own thread. */
    void accept(short[] pcm16k);

    /**
     * No more audio: waits for the decoder and returns the final result (empty text when nothing was
     * recognised). Blocking: call it on a worker.
     */
    Transcript finish(long endNanos);

    /** Drops the utterance; returns at once. */
    void cancel();
}
