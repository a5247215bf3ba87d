package dev.vigil.engines.tensorrt;

import dev.vigil.engines.EngineException;
import dev.vigil.engines.VigilDirs;
import dev.vigil.engines.models.CacheFiles;
import dev.vigil.engines.models.Sha256;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.io.Writer;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * Serialised TensorRT plans, one per model and {@link PlanKey}:
 *
 * <pre>
 *   &lt;root&gt;/&lt;model&gt;/&lt;key id&gt;/model.plan        the plan
 *   &lt;root&gt;/&lt;model&gt;/&lt;key id&gt;/model.plan.meta   its size and SHA-256, and the key in words
 * </pre>
 *
 * <p>A plan is used only when its size and SHA-256 match the meta file beside it: a corrupt or
 * truncated plan (a full disk, a crash while copying) handed to TensorRT can crash the process in
 * native code, so it is hashed before every use (tens of MB, a few tens of ms) and, when it does not
 * match, deleted and built again. The plan is moved into place before its meta file, so a plan
 * without one is an unfinished write and is rebuilt too.
 */
public final class PlanCache {

  private static final System.Logger LOG = System.getLogger(PlanCache.class.getName());
  static final String PLAN = "model.plan";
  static final String META = "model.plan.meta";

  private final Path root;

  /** A cache under {@code root} (created when a plan is first written). */
  public PlanCache(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  /** The default cache: {@code engines/tensorrt} under {@link VigilDirs#cache()}. */
  public static PlanCache fromEnvironment() {
    return new PlanCache(VigilDirs.fromEnvironment().cache().resolve("engines").resolve("tensorrt"));
  }

  public Path root() {
    return root;
  }

  /** Writes a plan, e.g. TensorRT's {@code buildSerializedNetwork} output. */
  @FunctionalInterface
  public interface PlanBuilder {
    void build(OutputStream plan) throws EngineException, IOException;
  }

  /** Where the plan of {@code model} for {@code key} lives, whether or not it is there. */
  public Path planPath(String model, PlanKey key) {
    return root.resolve(model).resolve(key.id()).resolve(PLAN);
  }

  /**
   * The cached plan, verified against its meta file; a corrupt, truncated or unfinished one is
   * logged and deleted, and then absent.
   */
  public Optional<Path> find(String model, PlanKey key) {
    Path plan = planPath(model, key);
    Path meta = plan.resolveSibling(META);
    if (!Files.exists(plan) && !Files.exists(meta)) {
      return Optional.empty();
    }
    String problem = problem(plan, meta);
    if (problem == null) {
      return Optional.of(plan);
    }
    LOG.log(Level.WARNING, "model ''{0}'': cached TensorRT plan {1} is {2}; deleting it to build it"
        + " again", model, plan, problem);
    CacheFiles.deleteQuietly(meta);
    CacheFiles.deleteQuietly(plan);
    return Optional.empty();
  }

  /**
   * The cached plan for {@code key}, or one {@code builder} writes now (kept for next time).
   *
   * @throws EngineException the builder's, or the plan cannot be written (naming the path)
   */
  public Path getOrBuild(String model, PlanKey key, PlanBuilder builder) throws EngineException {
    Optional<Path> cached = find(model, key);
    if (cached.isPresent()) {
      return cached.get();
    }
    Path plan = planPath(model, key);
    Path partial = null;
    try {
      partial = CacheFiles.partialFor(plan);
      MessageDigest sha = Sha256.digest();
      try (OutputStream out = new DigestOutputStream(Files.newOutputStream(partial), sha)) {
        builder.build(out);
      }
      long size = Files.size(partial);
      CacheFiles.moveIntoPlace(partial, plan);
      writeMeta(plan.resolveSibling(META), size, Sha256.hex(sha), key);
      return plan;
    } catch (IOException e) {
      throw new EngineException("model '" + model + "': cannot write the TensorRT plan " + plan
          + ": " + e.getMessage(), e);
    } finally {
      CacheFiles.deleteQuietly(partial);
    }
  }

  /**
   * Deletes the plan of {@code model} for {@code key}: for a plan that matched its meta file but that
   * TensorRT would not load (written by a TensorRT whose version the key does not tell apart).
   */
  public void evict(String model, PlanKey key) {
    Path plan = planPath(model, key);
    LOG.log(Level.WARNING, "model ''{0}'': TensorRT cannot load the cached plan {1}; deleting it"
        + " to build it again", model, plan);
    CacheFiles.deleteQuietly(plan.resolveSibling(META));
    CacheFiles.deleteQuietly(plan);
  }

  /** The key ids of the plans cached for {@code model}, verified or not. */
  public List<String> keys(String model) {
    Path dir = root.resolve(model);
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> keys = Files.list(dir)) {
      return keys.filter(k -> Files.exists(k.resolve(PLAN))).map(k -> k.getFileName().toString())
          .sorted().toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  /** Why {@code plan} is not to be used, or null when it matches its meta file. */
  private static String problem(Path plan, Path meta) {
    if (!Files.isRegularFile(plan)) {
      return "missing (its meta file is left)";
    }
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(meta, StandardCharsets.UTF_8)) {
      p.load(in);
    } catch (IOException | IllegalArgumentException e) {
      return "without a readable meta file (an unfinished write)";
    }
    try {
      long size = Long.parseLong(p.getProperty("size", ""));
      long actual = Files.size(plan);
      if (actual != size) {
        return "truncated or grown (" + actual + " bytes, " + size + " written)";
      }
      String sha = Sha256.of(plan);
      if (!sha.equals(p.getProperty("sha256"))) {
        return "corrupt (sha256 " + sha + ", " + p.getProperty("sha256") + " written)";
      }
      return null;
    } catch (NumberFormatException e) {
      return "described by a broken meta file";
    } catch (IOException e) {
      return "unreadable (" + e.getMessage() + ")";
    }
  }

  private static void writeMeta(Path meta, long size, String sha256, PlanKey key)
      throws IOException {
    Properties p = new Properties();
    p.setProperty("size", Long.toString(size));
    p.setProperty("sha256", sha256);
    p.setProperty("model_sha256", key.modelSha256());
    p.setProperty("tensorrt", key.tensorRtVersion());
    p.setProperty("compute_capability", key.computeCapability());
    p.setProperty("precision", key.precision().name());
    p.setProperty("profiles", key.profiles().toString());
    Path partial = CacheFiles.partialFor(meta);
    try {
      try (Writer out = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
        p.store(out, "vigil TensorRT plan");
      }
      CacheFiles.moveIntoPlace(partial, meta);
    } finally {
      CacheFiles.deleteQuietly(partial);
    }
  }
}
