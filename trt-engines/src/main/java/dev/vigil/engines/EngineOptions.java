package dev.vigil.engines;

import java.util.List;

/**
 * How to open an engine.
 *
 * @param intraOpThreads threads one model run may use
 * @param preferredBackends backends to try first, best first; empty to follow the model's manifest
 */
public record EngineOptions(int intraOpThreads, List<String> preferredBackends) {

  public EngineOptions {
    if (intraOpThreads < 1) {
      throw new IllegalArgumentException(
          "intraOpThreads must be at least 1, got " + intraOpThreads);
    }
    preferredBackends = List.copyOf(preferredBackends);
  }

  /**
   * One thread per run: the agent runs several engines side by side on as few as two cores, and
   * extra intra-op threads would only fight each other for them.
   */
  public static EngineOptions defaults() {
    return new EngineOptions(1, List.of());
  }

  public EngineOptions withIntraOpThreads(int threads) {
    return new EngineOptions(threads, preferredBackends);
  }

  public EngineOptions withPreferredBackends(List<String> backends) {
    return new EngineOptions(intraOpThreads, backends);
  }
}
