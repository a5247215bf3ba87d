package dev.vigil.engines.bench;

import dev.vigil.engines.Engine;
import dev.vigil.engines.EngineException;
import dev.vigil.engines.Tensor;
import java.util.Arrays;
import java.util.Map;

/**
 * Wall-clock time of one {@link Engine#run} on the calling thread, after warm-up runs.
 *
 * @param runs timed runs
 * @param medianMs median, milliseconds
 * @param p95Ms 95th percentile (nearest rank), milliseconds
 * @param minMs fastest run, milliseconds
 * @param maxMs slowest run, milliseconds
 */
public record Latency(int runs, double medianMs, double p95Ms, double minMs, double maxMs) {

  /**
   * Runs {@code engine} {@code warmup} times untimed, then {@code runs} times timed.
   *
   * @throws IllegalArgumentException fewer than one timed run, or negative warm-up
   * @throws EngineException a run failed
   */
  public static Latency measure(Engine engine, Map<String, Tensor> inputs, int warmup, int runs)
      throws EngineException {
    if (runs < 1 || warmup < 0) {
      throw new IllegalArgumentException("need at least one timed run and no negative warm-up, got "
          + runs + " runs, " + warmup + " warm-up");
    }
    for (int i = 0; i < warmup; i++) {
      engine.run(inputs);
    }
    double[] ms = new double[runs];
    for (int i = 0; i < runs; i++) {
      long t0 = System.nanoTime();
      engine.run(inputs);
      ms[i] = (System.nanoTime() - t0) / 1e6;
    }
    return of(ms);
  }

  /** Summarises times in milliseconds (at least one). */
  public static Latency of(double[] ms) {
    double[] sorted = ms.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    double p95 = sorted[Math.max(0, (int) Math.ceil(0.95 * n) - 1)];
    return new Latency(n, median, p95, sorted[0], sorted[n - 1]);
  }
}
