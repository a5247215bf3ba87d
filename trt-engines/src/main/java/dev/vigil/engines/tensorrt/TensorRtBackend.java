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
 * <p>Building and running plans is not written yet: {@link #open} fails with that reason and the
 * engine layer falls back to the next backend. {@link PlanCache} holds the plans when it is.
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
    throw new EngineException("model '" + model.name() + "': building TensorRT plans is not"
        + " implemented in this version (" + TensorRtHost.probe() + ")");
  }
}
