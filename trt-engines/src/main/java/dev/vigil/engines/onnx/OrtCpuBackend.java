package dev.vigil.engines.onnx;

import dev.vigil.engines.Engine;
import dev.vigil.engines.EngineException;
import dev.vigil.engines.EngineOptions;
import dev.vigil.engines.models.ModelFile;
import dev.vigil.engines.spi.Availability;
import dev.vigil.engines.spi.EngineBackend;
import java.util.Set;

/** ONNX Runtime on the CPU: runs everywhere the ONNX Runtime jar has a native library for. */
public final class OrtCpuBackend implements EngineBackend {

  @Override
  public String name() {
    return OnnxRuntimeEngine.BACKEND;
  }

  @Override
  public Set<String> formats() {
    return Set.of("onnx");
  }

  /** Loading the native library is the test: it fails where the jar has no binary. */
  @Override
  public Availability probe() {
    return OnnxRuntimeEngine.unavailableReason()
        .map(Availability::unavailable)
        .orElse(Availability.ok());
  }

  @Override
  public Engine open(ModelFile model, EngineOptions options) throws EngineException {
    return OnnxRuntimeEngine.open(model, options);
  }
}
