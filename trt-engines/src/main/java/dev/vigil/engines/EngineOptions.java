package dev.vigil.engines;

import java.util.List;

/**
 * How to open an engine.
 *
 * @param intraOpThreads threads one model run may use
 * @param preferredBackends backends to try, best first; empty for {@link #DEFAULT_BACKENDS}. The
 *     model's manifest backends, then any backend that runs its format, follow them.
 * @param precision what GPU backends may compute in ({@link Precision#FP16} by default); part of a
 *     TensorRT plan's cache key
 */
public record EngineOptions(int intraOpThreads, List<String> preferredBackends, Precision precision) {

  /** The preference when none is given: TensorRT, then ONNX Runtime on CUDA, then on the CPU. */
  public static final List<String> DEFAULT_BACKENDS =
      List.of("tensorrt", "onnxruntime-cuda", "onnxruntime-cpu");

  public EngineOptions {
    if (intraOpThreads < 1) {
      throw new IllegalArgumentException(
          "intraOpThreads must be at least 1, got " + intraOpThreads);
    }
    preferredBackends = List.copyOf(preferredBackends);
    java.util.Objects.requireNonNull(precision, "precision");
  }

  /** Options with the default precision, {@link Precision#FP16}. */
  public EngineOptions(int intraOpThreads, List<String> preferredBackends) {
    this(intraOpThreads, preferredBackends, Precision.FP16);
  }

  /**
   * One thread per run: the agent runs several engines side by side on as few as two cores, and
   * extra intra-op threads would only fight each other for them.
   */
  public static EngineOptions defaults() {
    return new EngineOptions(1, List.of());
  }

  public EngineOptions withIntraOpThreads(int threads) {
    return new EngineOptions(threads, preferredBackends, precision);
  }

  public EngineOptions withPreferredBackends(List<String> backends) {
    return new EngineOptions(intraOpThreads, backends, precision);
  }

  public EngineOptions withPrecision(Precision p) {
    return new EngineOptions(intraOpThreads, preferredBackends, p);
  }
}
