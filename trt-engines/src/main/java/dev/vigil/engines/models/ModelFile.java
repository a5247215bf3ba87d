package dev.vigil.engines.models;

import java.nio.file.Path;

/** A model on disk, verified against its manifest. */
public record ModelFile(ModelManifest manifest, Path path) {
}
