package dev.vigil.engines.tensorrt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.engines.EngineException;
import dev.vigil.engines.InputShapeRange;
import dev.vigil.engines.Precision;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plan cache with stand-in plans: what it does to the bytes does not need a GPU. */
class PlanCacheTest {

  private static final String SILERO = "2623a2953f6ff3d2c1e61740c6cdb7168133479b267dfef114a4a3cc5bdd788f";
  private static final String OTHER = "30a86f5731181461d08021402766601e4302a9b9b9666be8aff402696339cdff";
  private static final InputShapeRange AUDIO = new InputShapeRange("input", new long[] {1, 576},
      new long[] {1, 576}, new long[] {4, 576});
  private static final PlanKey KEY = new PlanKey(SILERO, "10.3.0", "8.7", Precision.FP16,
      List.of(AUDIO));

  @TempDir Path root;
  private final AtomicInteger builds = new AtomicInteger();
  private final byte[] plan = "a serialised TensorRT engine, for the test's purpose".repeat(500)
      .getBytes(StandardCharsets.UTF_8);

  private Path getOrBuild(PlanCache cache) throws EngineException {
    return cache.getOrBuild("silero-vad-v5", KEY, out -> {
      builds.incrementAndGet();
      out.write(plan);
    });
  }

  @Test
  void aChangedModelPrecisionTensorRtGpuOrProfileIsANewKey() {
    assertThat(new PlanKey(SILERO, "10.3.0", "8.7", Precision.FP16, List.of(AUDIO)).id())
        .isEqualTo(KEY.id()).hasSize(20);
    assertThat(List.of(
        new PlanKey(OTHER, "10.3.0", "8.7", Precision.FP16, List.of(AUDIO)),
        new PlanKey(SILERO, "10.6.0", "8.7", Precision.FP16, List.of(AUDIO)),
        new PlanKey(SILERO, "10.3.0", "8.9", Precision.FP16, List.of(AUDIO)),
        new PlanKey(SILERO, "10.3.0", "8.7", Precision.FP32, List.of(AUDIO)),
        new PlanKey(SILERO, "10.3.0", "8.7", Precision.FP16, List.of()),
        new PlanKey(SILERO, "10.3.0", "8.7", Precision.FP16, List.of(new InputShapeRange("input",
            new long[] {1, 576}, new long[] {1, 576}, new long[] {8, 576})))))
        .extracting(PlanKey::id)
        .doesNotContain(KEY.id())
        .doesNotHaveDuplicates();
  }

  @Test
  void aPlanIsBuiltOnceAndThenServedFromTheCache() throws Exception {
    PlanCache cache = new PlanCache(root);
    Path built = getOrBuild(cache);
    assertThat(built).isEqualTo(root.resolve("silero-vad-v5/" + KEY.id() + "/model.plan"));
    assertThat(Files.readAllBytes(built)).isEqualTo(plan);
    assertThat(built.resolveSibling("model.plan.meta")).content()
        .contains("size=" + plan.length, "precision=FP16", "tensorrt=10.3.0",
            "compute_capability=8.7");

    assertThat(getOrBuild(new PlanCache(root))).isEqualTo(built);
    assertThat(builds).hasValue(1);
    assertThat(cache.keys("silero-vad-v5")).containsExactly(KEY.id());
  }

  @Test
  void aCorruptCachedPlanIsDetectedAndRebuilt() throws Exception {
    PlanCache cache = new PlanCache(root);
    Path built = getOrBuild(cache);
    byte[] flipped = plan.clone();
    flipped[100] ^= 0x20;
    Files.write(built, flipped);

    assertThat(Files.readAllBytes(getOrBuild(cache))).isEqualTo(plan);
    assertThat(builds).hasValue(2);
  }

  @Test
  void aTruncatedCachedPlanIsDetectedAndRebuilt() throws Exception {
    PlanCache cache = new PlanCache(root);
    Path built = getOrBuild(cache);
    Files.write(built, Arrays.copyOf(plan, plan.length / 2));

    assertThat(cache.find("silero-vad-v5", KEY)).isEmpty();
    assertThat(built).doesNotExist();
    assertThat(Files.readAllBytes(getOrBuild(cache))).isEqualTo(plan);
    assertThat(builds).hasValue(2);
  }

  @Test
  void aPlanWithoutItsMetaFileOrWithABrokenOneIsRebuilt() throws Exception {
    PlanCache cache = new PlanCache(root);
    Path built = getOrBuild(cache);
    Path meta = built.resolveSibling("model.plan.meta");

    Files.delete(meta);
    getOrBuild(cache);
    Files.writeString(meta, "size=lots\n");
    getOrBuild(cache);
    assertThat(builds).hasValue(3);
    assertThat(Files.readAllBytes(built)).isEqualTo(plan);
  }

  @Test
  void aFailedBuildLeavesNothingBehind() throws Exception {
    PlanCache cache = new PlanCache(root);
    assertThatThrownBy(() -> cache.getOrBuild("silero-vad-v5", KEY, out -> {
      out.write(plan, 0, 100);
      throw new EngineException("model 'silero-vad-v5': TensorRT ran out of workspace");
    })).isInstanceOf(EngineException.class).hasMessageContaining("out of workspace");
    try (Stream<Path> files = Files.walk(root)) {
      assertThat(files.filter(Files::isRegularFile)).isEmpty();
    }
    assertThat(cache.keys("silero-vad-v5")).isEmpty();
  }

  @Test
  void anUnwritableCacheNamesThePlan() throws Exception {
    Path blocked = root.resolve("blocked");
    Files.writeString(blocked, "a file where the cache's folder should be");
    PlanCache cache = new PlanCache(blocked);
    assertThatThrownBy(() -> getOrBuild(cache))
        .isInstanceOf(EngineException.class)
        .hasMessageStartingWith("model 'silero-vad-v5': cannot write the TensorRT plan "
            + blocked.resolve("silero-vad-v5/" + KEY.id() + "/model.plan"));
  }

  @Test
  void theProbeNamesWhatIsMissing() {
    assertThat(TensorRtHost.reasonFor(new UnsatisfiedLinkError(
        "/tmp/libjninvinfer.so: libnvinfer.so.10: cannot open shared object file")))
        .isEqualTo("libnvinfer.so.10 not found (TensorRT 10: JetPack 6, or NVIDIA's TensorRT"
            + " packages)");
    UnsatisfiedLinkError noDriver = new UnsatisfiedLinkError(
        "no jnicudart in java.library.path: /usr/lib");
    noDriver.initCause(new UnsatisfiedLinkError("/cache/libjnicudart.so: libcuda.so.1: cannot"
        + " open shared object file: No such file or directory"));
    assertThat(TensorRtHost.reasonFor(noDriver))
        .isEqualTo("libcuda.so.1 not found (the NVIDIA driver: no GPU on this host?)");
    assertThat(TensorRtHost.reasonFor(new UnsatisfiedLinkError(
        "/cache/libjninvinfer.so: undefined symbol: createInferRuntime_INTERNAL_10_6")))
        .isEqualTo("version mismatch: the bindings are for TensorRT 10.6 and CUDA 12.6, the"
            + " host's libraries lack undefined symbol: createInferRuntime_INTERNAL_10_6");
    assertThat(TensorRtHost.reasonFor(new UnsatisfiedLinkError(
        "no jnicudart in java.library.path: /usr/lib")))
        .isEqualTo("TensorRT JNI natives not on the class path (no jnicudart); "
            + dev.vigil.engines.spi.Availability.buildHint("tensorrt"));
  }
}
