package dev.vigil.engines.models;

/** Where a model's bytes come from. */
public sealed interface ModelSource permits NpmSource, MavenSource, LocalSource {

  /** The model file's own name, which the cache keeps it under. */
  String fileName();

  /** Short human-readable form, e.g. {@code npm @ricky0123/vad-web@0.0.31}. */
  String describe();
}
