package dev.vigil.engines;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Native libraries that ship inside jars, copied once into Vigil's cache
 * ({@code <cache>/native/<jar name>/}) instead of into {@code java.io.tmpdir} at every start, as the
 * libraries' own loaders do: nothing is left in {@code /tmp} when a run is killed, later starts skip
 * the copy (OpenCV's is 65 MB), and a {@code /tmp} mounted {@code noexec} does not matter. A copy whose
 * size differs from the jar's is written again; a new version of the jar has a new folder.
 */
public final class NativeLibraries {

    private NativeLibraries() {
    }

    /**
     * The cached copy of {@code resource} (an absolute resource name), written if missing or stale.
     *
     * @param anchor a class of the jar that holds the library
     * @return the library's path, or {@code null} when the jar has no such resource
     * @throws IOException the cache cannot be written
     */
    public static Path extract(Class<?> anchor, String resource) throws IOException {
        return extract(anchor, resource, VigilDirs.fromEnvironment().cache().resolve("native"));
    }

    static Path extract(Class<?> anchor, String resource, Path nativeDir) throws IOException {
        URL url = anchor.getResource(resource);
        if (url == null) {
            return null;
        }
        URLConnection connection = url.openConnection();
        long size = connection.getContentLengthLong();
        Path dir = nativeDir.resolve(origin(anchor));
        Path target = dir.resolve(resource.substring(resource.lastIndexOf('/') + 1));
        if (Files.isRegularFile(target) && size >= 0 && Files.size(target) == size) {
            return target;
        }
        Files.createDirectories(dir);
        // Written whole, then moved: another process loading the library at once never sees half a file.
        Path part = Files.createTempFile(dir, "." + target.getFileName(), ".part");
        try {
            try (InputStream in = connection.getInputStream()) {
                Files.copy(in, part, StandardCopyOption.REPLACE_EXISTING);
            }
            try {
                Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(part);
        }
        return target;
    }

    /** The name of the jar {@code anchor} came from, without {@code .jar}: it carries the version. */
    static String origin(Class<?> anchor) {
        try {
            var source = anchor.getProtectionDomain().getCodeSource();
            if (source != null) {
                Path location = Path.of(source.getLocation().toURI());
                String name = location.getFileName().toString();
                if (name.endsWith(".jar")) {
                    return name.substring(0, name.length() - ".jar".length());
                }
            }
        } catch (URISyntaxException | RuntimeException e) {
            // An unusual class loader: fall through to the package name.
        }
        return anchor.getPackageName();
    }
}
