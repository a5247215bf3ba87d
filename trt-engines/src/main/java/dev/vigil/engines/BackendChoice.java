package dev.vigil.engines;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Which backend runs a model, and why each backend before it in the model's preference was passed
 * over: for the log (once per model), the run report, events and diagnostics.
 *
 * @param model the model's name, as in its manifest
 * @param chosen the backend that loaded it, e.g. {@code "onnxruntime-cpu"}
 * @param skipped the backends tried or passed over before it, in preference order
 */
public record BackendChoice(String model, String chosen, List<Skipped> skipped) {

  /**
   * A backend that did not get the model.
   *
   * @param backend its name
   * @param reason why, in a few words: no GPU, library missing, version mismatch, failed to load
   */
  public record Skipped(String backend, String reason) {
    public Skipped {
      Objects.requireNonNull(backend, "backend");
      Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String toString() {
      return "'" + backend + "' (" + reason + ")";
    }
  }

  public BackendChoice {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(chosen, "chosen");
    skipped = List.copyOf(skipped);
  }

  /** One line: {@code model 'm': using 'b'; skipped 'a' (why)}. */
  public String describe() {
    String line = "model '" + model + "': using '" + chosen + "'";
    if (skipped.isEmpty()) {
      return line;
    }
    return line + "; skipped " + skipped.stream().map(Skipped::toString)
        .collect(Collectors.joining(", "));
  }
}
