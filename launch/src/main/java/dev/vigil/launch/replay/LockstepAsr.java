package dev.vigil.launch.replay;

import dev.vigil.agent.message.Transcript;
import dev.vigil.speech.asr.Asr;
import dev.vigil.speech.asr.AsrStream;

import java.util.function.Consumer;

/**
 * A recogniser for a lockstep replay: each piece of audio it is fed is decoded, and its partial
 * results are published, before {@link AsrStream#accept} returns. The recognition worker counts that
 * call as work in flight, so the replay's clock moves on only after the decoder has caught up; what a
 * partial says and when it arrives then depend on the audio alone, not on how fast the decoding
 * threads ran (they decide a barge-in's words and the stop fast path). Live runs and real-time
 * replays use the recogniser as it is.
 */
final class LockstepAsr implements Asr {

    private final Asr asr;

    LockstepAsr(Asr asr) {
        this.asr = asr;
    }

    @Override
    public String language() {
        return asr.language();
    }

    @Override
    public AsrStream open(long startNanos, Consumer<Transcript> partials) {
        AsrStream stream = asr.open(startNanos, partials);
        return new AsrStream() {
            @Override
            public void accept(short[] pcm16k) {
                stream.accept(pcm16k);
                stream.awaitDecoded();
            }

            @Override
            public Transcript finish(long endNanos) {
                return stream.finish(endNanos);
            }

            @Override
            public void awaitDecoded() {
                stream.awaitDecoded();
            }

            @Override
            public void cancel() {
                stream.cancel();
            }
        };
    }

    @Override
    public void close() {
        asr.close();
    }
}
