package dev.vigil.engines.models;

import dev.vigil.engines.VigilDirs;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Where the model store keeps its files and fetches from, and how long it waits: the store's
 * configuration, and the cache layout that follows from it.
 *
 * <pre>
 *   archives/npm/&lt;package&gt;/&lt;name&gt;-&lt;version&gt;.tgz     downloaded once, shared by its models
 *   archives/maven/&lt;groupId&gt;/&lt;artifact&gt;-&lt;version&gt;.jar
 *   &lt;model&gt;/&lt;first 12 hex of sha256&gt;/&lt;file name&gt;          the verified model
 * </pre>
 *
 * @param cacheDir absolute, normalised cache directory
 * @param npmRegistry npm registry base URL, without a trailing slash
 * @param mavenRepo Maven repository base URL, without a trailing slash
 * @param connectTimeout longest wait for a connection to a registry
 * @param readTimeout longest wait for the next bytes of a response, headers or body: a download
 *     that stalls for this long fails
 * @param progressEvery shortest time between two progress lines of a download
 */
record StoreConfig(Path cacheDir, URI npmRegistry, URI mavenRepo, Duration connectTimeout,
    Duration readTimeout, Duration progressEvery) {

  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  /** Between two reads, not for the whole body: a slow link still gets all the time it needs. */
  static final Duration READ_TIMEOUT = Duration.ofSeconds(30);
  /** Often enough to see a slow link move, rarely enough not to flood the terminal. */
  static final Duration PROGRESS_EVERY = Duration.ofSeconds(2);

  StoreConfig {
    cacheDir = Objects.requireNonNull(cacheDir, "cacheDir").toAbsolutePath().normalize();
    npmRegistry = withoutTrailingSlash(Objects.requireNonNull(npmRegistry, "npmRegistry"));
    mavenRepo = withoutTrailingSlash(Objects.requireNonNull(mavenRepo, "mavenRepo"));
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(readTimeout, "readTimeout");
    Objects.requireNonNull(progressEvery, "progressEvery");
  }

  /**
   * Cache in {@code VIGIL_MODEL_CACHE}, else the {@code models} folder of {@link VigilDirs#cache()};
   * registries from {@code VIGIL_NPM_REGISTRY} and {@code VIGIL_MAVEN_REPO}, else the public ones.
   *
   * @throws IllegalArgumentException a registry variable that is not a URL
   */
  static StoreConfig fromEnvironment(Map<String, String> env, Path accountHome) {
    Path cache;
    String explicit = env.get("VIGIL_MODEL_CACHE");
    if (explicit != null && !explicit.isBlank()) {
      cache = Path.of(explicit);
    } else {
      cache = VigilDirs.fromEnvironment(env, accountHome).cache().resolve("models");
    }
    return new StoreConfig(cache,
        uriFrom(env, "VIGIL_NPM_REGISTRY", ModelStore.DEFAULT_NPM_REGISTRY),
        uriFrom(env, "VIGIL_MAVEN_REPO", ModelStore.DEFAULT_MAVEN_REPO),
        CONNECT_TIMEOUT, READ_TIMEOUT, PROGRESS_EVERY);
  }

  /** The URL of the archive holding the model, or the local file's URI. */
  URI sourceUri(ModelSource source) {
    if (source instanceof NpmSource npm) {
      return URI.create(npmRegistry + "/" + npm.packageName() + "/-/" + npm.tarballName());
    } else if (source instanceof MavenSource mvn) {
      return URI.create(mavenRepo + "/" + mvn.groupId().replace('.', '/') + "/"
          + mvn.artifactId() + "/" + mvn.version() + "/" + mvn.jarName());
    }
    return ((LocalSource) source).path().toUri();
  }

  /** Where the verified model lives once resolved; for a local source, the file itself. */
  Path modelPath(ModelManifest m) {
    if (m.source() instanceof LocalSource local) {
      return local.path();
    }
    return cacheDir.resolve(m.name()).resolve(m.sha256().substring(0, 12))
        .resolve(m.source().fileName());
  }

  /** Where the downloaded archive of an npm or Maven source is kept. */
  Path archivePath(ModelSource source) {
    Path archives = cacheDir.resolve("archives");
    if (source instanceof NpmSource npm) {
      return archives.resolve("npm").resolve(npm.packageName()).resolve(npm.tarballName());
    }
    MavenSource mvn = (MavenSource) source;
    return archives.resolve("maven").resolve(mvn.groupId()).resolve(mvn.jarName());
  }

  private static URI uriFrom(Map<String, String> env, String key, URI fallback) {
    String v = env.get(key);
    if (v == null || v.isBlank()) {
      return fallback;
    }
    try {
      return URI.create(v.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(key + "='" + v + "' is not a URL: " + e.getMessage(), e);
    }
  }

  private static URI withoutTrailingSlash(URI uri) {
    String s = uri.toString();
    return s.endsWith("/") ? URI.create(s.substring(0, s.length() - 1)) : uri;
  }
}
