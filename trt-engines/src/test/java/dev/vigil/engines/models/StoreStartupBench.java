package dev.vigil.engines.models;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What resolving cached models costs at start-up: every model of the given {@code models.yaml}
 * files, resolved from the environment's cache ({@link ModelStore#fromEnvironment()}), several
 * rounds, each with a fresh store (as each start has). Models not in the cache are left out, so
 * nothing is downloaded. Prints one line per round and the median.
 *
 * <p>{@code java -cp ... dev.vigil.engines.models.StoreStartupBench ROUNDS MODELS_YAML...}
 */
public final class StoreStartupBench {

  public static void main(String[] args) throws Exception {
    int rounds = Integer.parseInt(args[0]);
    List<ModelManifest> cached = new ArrayList<>();
    ModelStore probe = ModelStore.fromEnvironment();
    long bytes = 0;
    for (String yaml : Arrays.copyOfRange(args, 1, args.length)) {
      try (InputStream in = Files.newInputStream(Path.of(yaml))) {
        for (ModelManifest m : ModelCatalog.parse(yaml, in)) {
          Path file = probe.modelPath(m);
          if (!(m.source() instanceof LocalSource) && Files.isRegularFile(file)) {
            cached.add(m);
            bytes += Files.size(file);
          }
        }
      }
    }
    System.out.printf("%d cached models, %.1f MB: %s%n", cached.size(), bytes / 1e6,
        cached.stream().map(ModelManifest::name).toList());
    double[] ms = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      ModelStore store = ModelStore.fromEnvironment();
      long t0 = System.nanoTime();
      for (ModelManifest m : cached) {
        store.resolve(m);
      }
      ms[r] = (System.nanoTime() - t0) / 1e6;
      System.out.printf("round %d: %.1f ms%n", r + 1, ms[r]);
    }
    Arrays.sort(ms);
    System.out.printf("median %.1f ms, min %.1f ms, max %.1f ms over %d rounds%n",
        ms[rounds / 2], ms[0], ms[rounds - 1], rounds);
  }
}
