package dev.vigil.perception.audio.vad;

import dev.vigil.engines.Engine;
import dev.vigil.engines.EngineException;
import dev.vigil.engines.Tensor;

import java.nio.FloatBuffer;
import java.util.Map;

/**
 * Silero VAD v5 on any {@link Engine}. Each call feeds 512 new samples preceded by the last 64 of the
 * previous window (as silero-vad's own wrapper does, so an onset straddling two windows is seen
 * whole) and carries the recurrent state across calls. Input and output tensors are allocated once.
 * <p>
 * The recurrent state drifts during long non-speech stretches: measured here, after four seconds of
 * silence following speech, the vowel of a clearly spoken "thank you" scored 0.1–0.3 where a fresh
 * state scores 0.9. So after {@value #QUIET_WINDOWS_BEFORE_RESET} windows (about a second) of
 * confident non-speech the state starts afresh, which is what the model sees at the start of any
 * stream.
 */
public final class SileroVad implements VoiceActivityModel {

    public static final String MODEL = "silero-vad-v5";
    public static final int WINDOW = 512;
    private static final int CONTEXT = 64;
    static final int QUIET_WINDOWS_BEFORE_RESET = 31;
    private static final float QUIET = 0.15f;

    private final Engine engine;
    private final Tensor input = Tensor.allocateFloats(1, CONTEXT + WINDOW);
    private final Tensor state = Tensor.allocateFloats(2, 1, 128);
    private final Tensor stateOut = Tensor.allocateFloats(2, 1, 128);
    private final Tensor probability = Tensor.allocateFloats(1, 1);
    private final Map<String, Tensor> inputs;
    private final Map<String, Tensor> outputs;
    private final float[] context = new float[CONTEXT];
    private int quietWindows;

    public SileroVad(Engine engine) {
        this.engine = engine;
        this.inputs = Map.of("input", input, "state", state, "sr", Tensor.scalarLong(16_000));
        this.outputs = Map.of("output", probability, "stateN", stateOut);
    }

    @Override
    public int windowSize() {
        return WINDOW;
    }

    @Override
    public float speechProbability(float[] window) throws EngineException {
        if (window.length != WINDOW) {
            throw new IllegalArgumentException("Silero VAD takes " + WINDOW + " samples, got " + window.length);
        }
        FloatBuffer in = input.floats();
        in.put(context).put(window);
        System.arraycopy(window, WINDOW - CONTEXT, context, 0, CONTEXT);
        engine.runInto(inputs, outputs);
        state.floats().put(stateOut.floats());
        float p = probability.floats().get(0);
        quietWindows = p < QUIET ? quietWindows + 1 : 0;
        if (quietWindows >= QUIET_WINDOWS_BEFORE_RESET) {
            reset();
        }
        return p;
    }

    @Override
    public void reset() {
        FloatBuffer s = state.floats();
        while (s.hasRemaining()) {
            s.put(0f);
        }
        java.util.Arrays.fill(context, 0f);
        quietWindows = 0;
    }

    @Override
    public void close() {
        engine.close();
    }
}
