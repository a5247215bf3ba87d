package dev.vigil.engines.testing;

import dev.vigil.engines.models.ModelCatalog;
import dev.vigil.engines.models.ModelFetchException;
import dev.vigil.engines.models.ModelFile;
import dev.vigil.engines.models.ModelManifest;
import dev.vigil.engines.models.ModelStore;
import java.nio.file.Path;

/**
 * The real Silero VAD v5 from npm, for tests that need a model to run rather than to fetch.
 *
 * <p>Kept in {@code target/test-model-cache}, so it downloads once per clean build; the store's own
 * tests fetch into fresh directories instead.
 */
public final class SileroModel {

  public static final String NAME = "silero-vad-v5";
  public static final String SHA256 =
      "2623a2953f6ff3d2c1e61740c6cdb7168133479b267dfef114a4a3cc5bdd788f";
  /** Of the npm tarball {@code @ricky0123/vad-web-0.0.31.tgz}. */
  public static final String TARBALL_SHA256 =
      "d1a211cf1a2ed26297da52cc08de79e75d79838a274bfc6de546feb1f828c940";

  private static ModelFile file;

  private SileroModel() {}

  public static ModelManifest manifest() {
    return ModelCatalog.load().get(NAME);
  }

  public static synchronized ModelFile file() throws ModelFetchException {
    if (file == null) {
      ModelStore store = new ModelStore(
          Path.of("target", "test-model-cache"),
          ModelStore.DEFAULT_NPM_REGISTRY,
          ModelStore.DEFAULT_MAVEN_REPO);
      file = store.resolve(manifest());
    }
    return file;
  }
}
