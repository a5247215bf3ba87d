package dev.vigil.engines.models;

import java.nio.file.Path;
import java.util.Objects;

/** A model on local disk, verified against its manifest, ready for an engine to load. */
public record ModelFile(ModelManifest manifest, Path path) {

  public ModelFile {
    Objects.requireNonNull(manifest, "manifest");
    Objects.requireNonNull(path, "path");
  }

  public String name() {
    return manifest.name();
  }
}
