package dev.vigil.engines;

import java.util.Map;

/**
 * One loaded model, ready to run.
 *
 * <p>An engine is used by one thread at a time: callers run it on a worker pool and hand it from
 * task to task. Implementations still serialise {@link #run} and {@link #runInto} internally, so
 * misuse costs waiting, not corrupted state.
 */
public interface Engine extends AutoCloseable {

  /** The model's name, as in its manifest; error messages lead with it. */
  String model();

  /** The backend that runs the model, e.g. {@code "onnxruntime-cpu"}. */
  String backend();

  /** Inputs by name, in the model's order. */
  Map<String, TensorSpec> inputs();

  /** Outputs by name, in the model's order. */
  Map<String, TensorSpec> outputs();

  /**
   * Runs the model once and returns every output in freshly allocated tensors.
   *
   * @param inputs every model input by name
   */
  Map<String, Tensor> run(Map<String, Tensor> inputs) throws EngineException;

  /**
   * Runs the model once, writing into the caller's output tensors.
   *
   * <p>For per-frame loops: pass the same tensors every call and the engine neither allocates nor
   * copies. Only the outputs named in {@code outputs} are computed; their shapes must be what the
   * model produces for these inputs.
   */
  void runInto(Map<String, Tensor> inputs, Map<String, Tensor> outputs) throws EngineException;

  /** Releases native resources; the engine cannot be used afterwards. */
  @Override
  void close();
}
