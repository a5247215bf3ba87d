package dev.vigil.perception.audio.frontend;

import dev.vigil.perception.audio.vad.VoiceActivityModel;

/**
 * A fake, named as such: wraps the real Silero model and throws on chosen calls, because an ONNX
 * Runtime failure in mid-stream cannot be caused on demand.
 */
public final class FailingVoiceActivityModel implements VoiceActivityModel {

    private final VoiceActivityModel real;
    private final int failOnCall;
    private int calls;

    public FailingVoiceActivityModel(VoiceActivityModel real, int failOnCall) {
        this.real = real;
        this.failOnCall = failOnCall;
    }

    @Override
    public int windowSize() {
        return real.windowSize();
    }

    @Override
    public float speechProbability(float[] window) throws Exception {
        if (++calls == failOnCall) {
            throw new IllegalStateException("injected engine failure on call " + calls);
        }
        return real.speechProbability(window);
    }

    @Override
    public void reset() {
        real.reset();
    }

    @Override
    public void close() {
        real.close();
    }
}
