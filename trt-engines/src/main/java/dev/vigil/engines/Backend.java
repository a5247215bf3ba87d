package dev.vigil.engines;

import dev.vigil.engines.models.ModelFile;
import java.util.Optional;
import java.util.Set;

/** One way of running models, as {@link Engines} sees it when choosing. */
interface Backend {

  /** The name manifests and options use, e.g. {@code "onnxruntime-cpu"}. */
  String name();

  /** Model formats (manifest {@code format:} values) this backend can load. */
  Set<String> formats();

  /** Empty when the backend works on this machine; otherwise why it does not, in a few words. */
  Optional<String> unavailableReason();

  Engine open(ModelFile model, EngineOptions options) throws EngineException;
}
