package dev.vigil.engines.opencv;

import dev.vigil.engines.Engine;
import dev.vigil.engines.EngineException;
import dev.vigil.engines.EngineOptions;
import dev.vigil.engines.models.ModelFile;
import dev.vigil.engines.spi.Availability;
import dev.vigil.engines.spi.EngineBackend;
import java.util.Set;

/**
 * OpenCV's DNN module on the CPU ({@code org.openpnp:opencv} 4.9, natives bundled for linux x86-64 and
 * ARMv8, macOS, Windows): runs TFLite models, MediaPipe's detectors among them. See {@link OpenCvDnnEngine}
 * for the tensors it takes and gives.
 */
public final class OpenCvDnnBackend implements EngineBackend {

  /** This backend's name in preferences and manifests. */
  public static final String NAME = "opencv-dnn";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Set<String> formats() {
    return Set.of("tflite");
  }

  /** Loading OpenCV's native library is the test. */
  @Override
  public Availability probe() {
    return OpenCvNatives.failure().map(Availability::unavailable).orElse(Availability.ok());
  }

  @Override
  public Engine open(ModelFile model, EngineOptions options) throws EngineException {
    return OpenCvDnnEngine.open(model, options);
  }
}
