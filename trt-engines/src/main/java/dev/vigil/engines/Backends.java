package dev.vigil.engines;

import dev.vigil.engines.BackendChoice.Skipped;
import dev.vigil.engines.models.ModelFile;
import dev.vigil.engines.spi.Availability;
import dev.vigil.engines.spi.EngineBackend;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * A set of backends and the choice among them: for each model, the first backend in its preference
 * that is available here and loads the model wins. Probes run once per backend and are remembered;
 * each distinct choice is logged once ({@link BackendChoice#describe()}) and kept for
 * {@link #choices()}.
 *
 * <p>The preference is {@link EngineOptions#preferredBackends()} when set, else
 * {@link EngineOptions#DEFAULT_BACKENDS}; then the backends the model's manifest lists; then any
 * other backend that runs the model's format, so ONNX Runtime CPU is always the last resort for an
 * ONNX model.
 */
public final class Backends {

  private static final System.Logger LOG = System.getLogger(Engines.class.getName());

  private final List<EngineBackend> backends;
  private final Map<String, Availability> probes = new ConcurrentHashMap<>();
  private final Map<String, BackendChoice> choices = new ConcurrentHashMap<>();
  private final Set<BackendChoice> logged = ConcurrentHashMap.newKeySet();

  private Backends(List<EngineBackend> backends) {
    Map<String, EngineBackend> byName = new LinkedHashMap<>();
    for (EngineBackend b : backends) {
      EngineBackend earlier = byName.putIfAbsent(b.name(), b);
      if (earlier != null) {
        throw new IllegalArgumentException("two backends are called '" + b.name() + "': "
            + earlier.getClass().getName() + " and " + b.getClass().getName());
      }
    }
    this.backends = List.copyOf(byName.values());
  }

  /** Exactly these backends, in this order (tests, embedding). */
  public static Backends of(List<? extends EngineBackend> backends) {
    return new Backends(List.copyOf(backends));
  }

  /**
   * Every {@link EngineBackend} registered in {@code META-INF/services} visible to {@code loader},
   * in class path order. A plug-in that cannot be instantiated is logged and left out.
   */
  public static Backends discover(ClassLoader loader) {
    List<EngineBackend> found = new ArrayList<>();
    var it = ServiceLoader.load(EngineBackend.class, loader).iterator();
    while (true) {
      try {
        if (!it.hasNext()) {
          break;
        }
        found.add(it.next());
      } catch (ServiceConfigurationError e) {
        LOG.log(Level.WARNING, "an engine backend plug-in cannot be loaded: {0}", e.getMessage());
      }
    }
    return new Backends(found);
  }

  /** The backends' names, whether or not they work here. */
  public List<String> names() {
    return backends.stream().map(EngineBackend::name).toList();
  }

  /** The backend called {@code name}, if there is one. */
  public Optional<EngineBackend> backend(String name) {
    return backends.stream().filter(b -> b.name().equals(name)).findFirst();
  }

  /** Whether {@code name} can load models here; probed on the first call, then remembered. */
  public Availability availability(String name) {
    return probes.computeIfAbsent(name, n -> backend(n)
        .map(Backends::probe)
        .orElseGet(() -> Availability.unavailable("not in this build")));
  }

  private static Availability probe(EngineBackend b) {
    try {
      return b.probe();
    } catch (RuntimeException | LinkageError e) {
      return Availability.unavailable("probe failed: " + e);
    }
  }

  /** Every backend's availability here, in discovery order. */
  public Map<String, Availability> availabilities() {
    Map<String, Availability> all = new LinkedHashMap<>();
    names().forEach(n -> all.put(n, availability(n)));
    return all;
  }

  /**
   * The backends to try for {@code model}, best first (see the class comment).
   *
   * @throws EngineException a preferred backend that does not exist in this build, or a format no
   *     backend runs
   */
  public List<String> preference(ModelFile model, EngineOptions options) throws EngineException {
    String format = model.manifest().format();
    Set<String> knownFormats = new TreeSet<>();
    backends.forEach(b -> knownFormats.addAll(b.formats()));
    if (!knownFormats.contains(format)) {
      throw new EngineException("model '" + model.name() + "' (" + model.path()
          + "): unknown model format '" + format + "' (known: " + String.join(", ", knownFormats)
          + ")");
    }
    for (String asked : options.preferredBackends()) {
      if (backend(asked).isEmpty()) {
        throw new EngineException("model '" + model.name() + "': unknown backend '" + asked
            + "' in the preferred backends (known: " + String.join(", ", names()) + ")");
      }
    }
    Set<String> order = new LinkedHashSet<>(options.preferredBackends().isEmpty()
        ? EngineOptions.DEFAULT_BACKENDS : options.preferredBackends());
    order.addAll(model.manifest().backends());
    backends.stream().filter(b -> b.formats().contains(format)).forEach(b -> order.add(b.name()));
    return List.copyOf(order);
  }

  /**
   * Opens {@code model} on the first backend in its {@link #preference} that is available here and
   * loads it, and records the choice.
   *
   * @throws EngineException one line: the preference is invalid, or no backend could load the model
   *     (the only backend's own message when one tried, else every backend's reason)
   */
  public Engine open(ModelFile model, EngineOptions options) throws EngineException {
    String format = model.manifest().format();
    List<Skipped> skipped = new ArrayList<>();
    List<EngineException> failures = new ArrayList<>();
    for (String name : preference(model, options)) {
      Optional<EngineBackend> backend = backend(name);
      if (backend.isEmpty()) {
        skipped.add(new Skipped(name, "not in this build"));
        continue;
      }
      if (!backend.get().formats().contains(format)) {
        // Only worth a word when someone asked for it by name.
        if (options.preferredBackends().contains(name)) {
          skipped.add(new Skipped(name, "does not run format '" + format + "'"));
        }
        continue;
      }
      Availability availability = availability(name);
      if (!availability.available()) {
        skipped.add(new Skipped(name, availability.reason()));
        continue;
      }
      Engine engine;
      try {
        engine = backend.get().open(model, options);
      } catch (EngineException e) {
        failures.add(e);
        skipped.add(new Skipped(name, "failed to load: " + e.getMessage()));
        continue;
      }
      record(new BackendChoice(model.name(), name, skipped), options);
      return engine;
    }
    if (failures.size() == 1) {
      throw failures.get(0);
    }
    throw new EngineException("model '" + model.name() + "': no backend can run it here ("
        + skipped.stream().map(s -> s.backend() + ": " + s.reason())
            .collect(Collectors.joining("; ")) + ")",
        failures.isEmpty() ? null : failures.get(failures.size() - 1));
  }

  /** The latest choice made for {@code model}, if it was opened. */
  public Optional<BackendChoice> choice(String model) {
    return Optional.ofNullable(choices.get(model));
  }

  /** The latest choice for every model opened so far, by model name. */
  public List<BackendChoice> choices() {
    return choices.values().stream()
        .sorted(java.util.Comparator.comparing(BackendChoice::model)).toList();
  }

  private void record(BackendChoice choice, EngineOptions options) {
    choices.put(choice.model(), choice);
    if (choice.skipped().isEmpty() || !logged.add(choice)) {
      return;
    }
    // The user asking for a backend and not getting it deserves more attention than the default
    // preference's GPU backends on a machine without a GPU.
    boolean userAsked = choice.skipped().stream()
        .anyMatch(s -> options.preferredBackends().contains(s.backend()));
    LOG.log(userAsked ? Level.WARNING : Level.INFO, "{0}", choice.describe());
  }
}
