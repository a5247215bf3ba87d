package dev.vigil.engines.spi;

import dev.vigil.engines.Engine;
import dev.vigil.engines.EngineException;
import dev.vigil.engines.EngineOptions;
import dev.vigil.engines.models.ModelFile;
import java.util.Set;

/**
 * One way of running models: a plug-in found with {@link java.util.ServiceLoader} through
 * {@code META-INF/services/dev.vigil.engines.spi.EngineBackend}. Implementations need a public
 * no-argument constructor that does no native work: loading libraries belongs in {@link #probe()},
 * which the engine layer calls at most once per process.
 */
public interface EngineBackend {

  /** The name preferences and manifests use, e.g. {@code "onnxruntime-cpu"}, {@code "tensorrt"}. */
  String name();

  /** Model formats (manifest {@code format:} values) this backend can load, e.g. {@code "onnx"}. */
  Set<String> formats();

  /**
   * Whether this backend can load models on this host: loads its native libraries and looks for its
   * device. Must not throw; a failure is an {@link Availability#unavailable(String) unavailable}
   * answer with the reason.
   */
  Availability probe();

  /**
   * Loads {@code model}. Called only after {@link #probe()} said available.
   *
   * @throws EngineException one line naming the model and the problem; the engine layer then tries
   *     the next backend in the model's preference
   */
  Engine open(ModelFile model, EngineOptions options) throws EngineException;
}
