package dev.vigil.engines.models;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A file the user points at, such as a TensorRT plan built for their own GPU. It is used in place,
 * never copied into the cache.
 */
public record LocalSource(Path path) implements ModelSource {

  public LocalSource {
    Objects.requireNonNull(path, "path");
  }

  @Override
  public String fileName() {
    return String.valueOf(path.getFileName());
  }

  @Override
  public String describe() {
    return "local " + path;
  }
}
