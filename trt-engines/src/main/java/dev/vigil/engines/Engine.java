package dev.vigil.engines;

import java.util.Map;

/**
 * A loaded model. One thread at a time (callers run it on their worker); implementations guard
 * against concurrent misuse but do not make it fast.
 */
public interface Engine extends AutoCloseable {

    /** The model's name in its manifest. */
    String model();

    /** The backend actually running it, e.g. {@code onnxruntime-cpu}. */
    String backend();

    Map<String, TensorSpec> inputs();

    Map<String, TensorSpec> outputs();

    /** Runs the model and returns newly allocated outputs. */
    Map<String, Tensor> run(Map<String, Tensor> inputs) throws EngineException;

    /**
     * Runs the model writing into the caller's output tensors: a loop that reuses its tensors makes
     * no allocation and no copy per call.
     */
    void runInto(Map<String, Tensor> inputs, Map<String, Tensor> outputs) throws EngineException;

    @Override
    void close();
}
