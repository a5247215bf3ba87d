package dev.vigil.engines;

import dev.vigil.engines.models.ModelFile;
import dev.vigil.engines.spi.Availability;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Opens engines, choosing the backend for each model among the plug-ins installed on the class
 * path ({@link Backends#discover}, the {@code dev.vigil.engines.spi.EngineBackend} services). See
 * {@link Backends} for the order in which they are tried.
 */
public final class Engines {

  private Engines() {}

  /** The class path's backends, discovered on first use. */
  public static Backends installed() {
    return Installed.BACKENDS;
  }

  /**
   * Opens {@code model} on the first backend in its preference that is available here and loads it.
   * The choice, with why the backends before it were skipped, is logged once per model (WARNING when
   * a backend the options named was skipped, else INFO) and kept for {@link #choices()}.
   *
   * @throws EngineException one line naming the model: unknown format, a preferred backend this build
   *     does not have, or no backend could load it
   */
  public static Engine open(ModelFile model, EngineOptions options) throws EngineException {
    return installed().open(model, options);
  }

  /** The backends this build has, whether or not they work on this machine, in discovery order. */
  public static List<String> backends() {
    return installed().names();
  }

  /** Every installed backend's availability here (probed once per process). */
  public static Map<String, Availability> availabilities() {
    return installed().availabilities();
  }

  /** The backend chosen for {@code model} the last time it was opened, if it was. */
  public static Optional<BackendChoice> choice(String model) {
    return installed().choice(model);
  }

  /**
   * The choice for every model opened so far in this process, by model name: for reports, events,
   * diagnostics.
   */
  public static List<BackendChoice> choices() {
    return installed().choices();
  }

  private static final class Installed {
    static final Backends BACKENDS = Backends.discover(loader());

    private static ClassLoader loader() {
      ClassLoader context = Thread.currentThread().getContextClassLoader();
      return context != null ? context : Engines.class.getClassLoader();
    }
  }
}
