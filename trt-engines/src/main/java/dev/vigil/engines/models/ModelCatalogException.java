package dev.vigil.engines.models;

/**
 * A model manifest is malformed, duplicated, or a requested model is not in the catalog. The
 * message is one line naming the resource or model and the problem.
 *
 * <p>Unchecked: manifests ship inside Vigil's own jars, so this is a packaging or configuration
 * mistake found at startup, not a condition callers recover from.
 */
public class ModelCatalogException extends RuntimeException {

  public ModelCatalogException(String message) {
    super(message);
  }

  public ModelCatalogException(String message, Throwable cause) {
    super(message, cause);
  }
}
