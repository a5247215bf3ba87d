package dev.vigil.engines.models;

import java.util.List;

/**
 * What Vigil knows about a model before it has it.
 *
 * @param sha256   hex SHA-256 of the model file itself (not of the archive it comes in)
 * @param backends preferred backends in order, e.g. {@code [tensorrt, onnxruntime-cpu]}
 */
public record ModelManifest(String name, String format, String sha256, String licence, ModelSource source,
                            List<String> backends, String description) {

    /** The file name the model gets in the cache. */
    public String fileName() {
        String path;
        if (source instanceof ModelSource.NpmSource npm) {
            path = npm.path();
        } else if (source instanceof ModelSource.MavenSource maven) {
            path = maven.path();
        } else {
            path = ((ModelSource.LocalSource) source).path().getFileName().toString();
        }
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
