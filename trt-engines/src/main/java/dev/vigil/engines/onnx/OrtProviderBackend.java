package dev.vigil.engines.onnx;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import dev.vigil.engines.Engine;
import dev.vigil.engines.EngineException;
import dev.vigil.engines.EngineOptions;
import dev.vigil.engines.models.ModelFile;
import dev.vigil.engines.spi.Availability;
import dev.vigil.engines.spi.EngineBackend;
import java.util.EnumSet;
import java.util.Set;

/**
 * ONNX Runtime with a GPU execution provider. Only the {@code onnxruntime_gpu} build (Maven profile
 * {@code -Pgpu}, linux-x64 with CUDA 12) has one; the default CPU build answers that it has none.
 * The probe also adds the provider to a throw-away session options, which loads its shared library
 * and so finds a missing CUDA or TensorRT library; a missing device shows when a session is made,
 * and the engine layer then falls back to the next backend.
 */
public abstract class OrtProviderBackend implements EngineBackend {

  private final String name;
  private final OrtProvider provider;
  private final String label;
  private final OnnxRuntimeEngine.SessionSetup setup;

  OrtProviderBackend(String name, OrtProvider provider, String label,
      OnnxRuntimeEngine.SessionSetup setup) {
    this.name = name;
    this.provider = provider;
    this.label = label;
    this.setup = setup;
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final Set<String> formats() {
    return Set.of("onnx");
  }

  @Override
  public final Availability probe() {
    var cpu = OnnxRuntimeEngine.unavailableReason();
    if (cpu.isPresent()) {
      return Availability.unavailable(cpu.get());
    }
    EnumSet<OrtProvider> providers = OrtEnvironment.getAvailableProviders();
    if (!providers.contains(provider)) {
      return Availability.unavailable("onnxruntime CPU build, no " + label
          + " provider; " + Availability.buildHint("gpu"));
    }
    try (OrtSession.SessionOptions so = new OrtSession.SessionOptions()) {
      setup.apply(so);
      return Availability.ok();
    } catch (OrtException | RuntimeException | LinkageError e) {
      String m = String.valueOf(e.getMessage()).strip().lines().findFirst().orElse("");
      int at = m.indexOf(" - message: ");
      if (at >= 0) {
        m = m.substring(at + " - message: ".length()).strip();
      }
      // ONNX Runtime names the missing library (libcublasLt.so.12, libcudnn.so.9) in its own log
      // on stderr, not in the exception.
      return Availability.unavailable(label + " provider cannot load (" + m + "): CUDA 12 or cuDNN 9"
          + " libraries missing, or no GPU; ONNX Runtime's log above names the library");
    }
  }

  @Override
  public final Engine open(ModelFile model, EngineOptions options) throws EngineException {
    return OnnxRuntimeEngine.open(model.name(), model.path(), options, name, setup);
  }

  /** ONNX Runtime's CUDA execution provider on GPU 0. */
  public static final class Cuda extends OrtProviderBackend {
    public Cuda() {
      super("onnxruntime-cuda", OrtProvider.CUDA, "CUDA", so -> so.addCUDA(0));
    }
  }

  /**
   * ONNX Runtime's TensorRT execution provider on GPU 0, CUDA for the nodes TensorRT does not take.
   */
  public static final class TensorRt extends OrtProviderBackend {
    public TensorRt() {
      super("onnxruntime-tensorrt", OrtProvider.TENSOR_RT, "TensorRT", so -> {
        so.addTensorrt(0);
        so.addCUDA(0);
      });
    }
  }
}
