package dev.vigil.engines;

import dev.vigil.engines.models.ModelFile;
import dev.vigil.engines.onnx.OnnxRuntimeEngine;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Opens engines, choosing the backend for each model. */
public final class Engines {

  private static final System.Logger LOG = System.getLogger(Engines.class.getName());

  /** Every backend this build has, in fallback order: the last resort comes last. */
  private static final List<Backend> BACKENDS = List.of(new OnnxRuntimeCpu());

  private Engines() {}

  /**
   * Opens {@code model} on the first usable backend among, in order: {@code options}' preferred
   * backends, the manifest's backends, then any backend that runs the model's format. Skipping a
   * backend that the options or manifest asked for is logged, so a missing GPU backend is visible.
   */
  public static Engine open(ModelFile model, EngineOptions options) throws EngineException {
    String name = model.manifest().name();
    String format = model.manifest().format();
    Set<String> knownFormats = new TreeSet<>();
    BACKENDS.forEach(b -> knownFormats.addAll(b.formats()));
    if (!knownFormats.contains(format)) {
      throw new EngineException(
          "model '" + name + "' (" + model.path() + "): unknown model format '" + format
              + "' (known: " + String.join(", ", knownFormats) + ")");
    }

    Set<String> asked = new LinkedHashSet<>(options.preferredBackends());
    asked.addAll(model.manifest().backends());
    Set<String> candidates = new LinkedHashSet<>(asked);
    BACKENDS.forEach(b -> candidates.add(b.name()));

    Map<String, String> skipped = new LinkedHashMap<>();
    for (String candidate : candidates) {
      Optional<Backend> backend =
          BACKENDS.stream().filter(b -> b.name().equals(candidate)).findFirst();
      String why;
      if (backend.isEmpty()) {
        why = "not available in this build";
      } else if (!backend.get().formats().contains(format)) {
        why = "does not run format '" + format + "'";
      } else {
        why = backend.get().unavailableReason().orElse(null);
      }
      if (why != null) {
        skipped.put(candidate, why);
        continue;
      }
      logFallbacks(name, candidate, skipped, asked, options);
      return backend.get().open(model, options);
    }
    throw new EngineException(
        "model '" + name + "': no backend can run it here ("
            + skipped.entrySet().stream()
                .map(e -> e.getKey() + ": " + e.getValue())
                .collect(Collectors.joining("; "))
            + ")");
  }

  /** The backends this build has, whether or not they work on this machine. */
  public static List<String> backends() {
    return BACKENDS.stream().map(Backend::name).toList();
  }

  private static void logFallbacks(
      String model,
      String chosen,
      Map<String, String> skipped,
      Set<String> asked,
      EngineOptions options) {
    List<String> missed = new ArrayList<>();
    skipped.forEach(
        (backend, why) -> {
          if (asked.contains(backend)) {
            missed.add("'" + backend + "' (" + why + ")");
          }
        });
    if (missed.isEmpty()) {
      return;
    }
    // The user asking for a backend and not getting it deserves more attention than a manifest
    // listing a GPU backend first on a machine without one.
    boolean userAsked = skipped.keySet().stream().anyMatch(options.preferredBackends()::contains);
    LOG.log(
        userAsked ? Level.WARNING : Level.INFO,
        "model ''{0}'': skipping {1} {2}; using ''{3}''",
        model,
        missed.size() == 1 ? "backend" : "backends",
        String.join(", ", missed),
        chosen);
  }

  private static final class OnnxRuntimeCpu implements Backend {
    @Override
    public String name() {
      return OnnxRuntimeEngine.BACKEND;
    }

    @Override
    public Set<String> formats() {
      return Set.of("onnx");
    }

    @Override
    public Optional<String> unavailableReason() {
      return OnnxRuntimeEngine.unavailableReason();
    }

    @Override
    public Engine open(ModelFile model, EngineOptions options) throws EngineException {
      return OnnxRuntimeEngine.open(model, options);
    }
  }
}
