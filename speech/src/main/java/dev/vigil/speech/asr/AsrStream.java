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

    /**
     * {@link #finish}, with the recogniser's other readings of the utterance after it, best first,
     * where it keeps them (a beam search's n-best): for a second listen that may find a reading of
     * use where the best was not. The default: the final alone.
     */
    default java.util.List<Transcript> finishWithAlternatives(long endNanos) {
        return java.util.List.of(finish(endNanos));
    }

    /**
     * Blocks until the decoder has taken in all audio accepted so far and published every partial
     * result that audio gives. Live recognition never calls it (the decoder keeps up on its own
     * threads); a lockstep replay does after each {@link #accept}, so that when and what partials say
     * depends only on the audio, not on how fast the decoding threads ran. An engine that decodes on
     * the caller's thread returns at once (the default). Returns at once, too, once the stream has
     * ended, been cancelled or its decoder failed (the failure comes out of {@link #finish}).
     */
    default void awaitDecoded() {
    }

    /** Drops the utterance; returns at once. */
    void cancel();
}
