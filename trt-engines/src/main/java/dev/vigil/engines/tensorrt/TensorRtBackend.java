package dev.vigil.engines.tensorrt;

import dev.vigil.engines.Engine;
import dev.vigil.engines.EngineException;
import dev.vigil.engines.EngineOptions;
import dev.vigil.engines.models.ModelFile;
import dev.vigil.engines.spi.Availability;
import dev.vigil.engines.spi.EngineBackend;
import java.util.Set;

/**
 * TensorRT through JavaCPP's JNI bindings ({@code org.bytedeco:tensorrt:10.6-1.5.11}). The default
 * build carries the bindings' classes only, so the probe says which native piece is missing; with
 * {@code -Ptensorrt} it loads the JNI bridges, which need {@code libnvinfer.so.10} and CUDA 12 from
 * the host, then asks CUDA for a device.
 *
 * <p>{@link #open} builds the model's plan, or finds it in the {@link PlanCache#fromEnvironment()
 * plan cache}, and runs it ({@link TensorRtEngine}). Written and compiled without a GPU: not yet run
 * on one.
 */
public final class TensorRtBackend implements EngineBackend {

  public static final String NAME = "tensorrt";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Set<String> formats() {
    return Set.of("onnx");
  }

  @Override
  public Availability probe() {
    return TensorRtHost.probe().availability();
  }

  @Override
  public Engine open(ModelFile model, EngineOptions options) throws EngineException {
    try {
      return TensorRtEngine.open(model, options, PlanCache.fromEnvironment());
    } catch (RuntimeException | LinkageError e) {
      // A binding that does not match the host's library (a missing symbol) or a fault in code that
      // has not yet run on a GPU: the model falls back to the next backend instead of failing.
      throw unexpected(model.name(), e);
    }
  }

  /**
   * A fault in the bindings or in the engine's own code as {@code model}'s error, opening or running.
   * Here, not in {@link TensorRtEngine}, since that class itself may be what fails to link.
   */
  static EngineException unexpected(String model, Throwable e) {
    return new EngineException("model '" + model + "': TensorRT failed unexpectedly: " + e, e);
  }
}
