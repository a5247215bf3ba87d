package dev.vigil.engines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.engines.models.ModelFile;
import dev.vigil.engines.models.ModelManifest;
import dev.vigil.engines.onnx.OrtCpuBackend;
import dev.vigil.engines.spi.Availability;
import dev.vigil.engines.spi.EngineBackend;
import dev.vigil.engines.testing.LogLines;
import dev.vigil.engines.testing.SileroModel;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Choosing among backends, with stand-ins for the GPU ones and the real ONNX Runtime CPU. */
class BackendsTest {

  private LogLines log;

  @BeforeEach
  void captureLog() {
    log = LogLines.of(Engines.class.getName());
  }

  @AfterEach
  void releaseLog() {
    log.close();
  }

  /** A backend that is missing its library, or loads nothing. */
  public static final class StandIn implements EngineBackend {
    final String name;
    final Availability availability;
    final AtomicInteger probes = new AtomicInteger();

    StandIn(String name, Availability availability) {
      this.name = name;
      this.availability = availability;
    }

    /** For ServiceLoader. */
    public StandIn() {
      this("stand-in", Availability.unavailable("a stand-in"));
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public Set<String> formats() {
      return Set.of("onnx");
    }

    @Override
    public Availability probe() {
      probes.incrementAndGet();
      return availability;
    }

    @Override
    public Engine open(ModelFile model, EngineOptions options) throws EngineException {
      throw new EngineException("model '" + model.name() + "': " + name + " cannot build it");
    }
  }

  private final StandIn noGpu = new StandIn("tensorrt",
      Availability.unavailable("libnvinfer.so.10 not found"));
  private final StandIn noCuda = new StandIn("onnxruntime-cuda",
      Availability.unavailable("onnxruntime CPU build, no CUDA provider; build with -Pgpu"));
  private final Backends backends = Backends.of(List.of(noGpu, noCuda, new OrtCpuBackend()));

  @Test
  void fallsBackToOnnxRuntimeCpuAndLogsWhyOncePerModel() throws Exception {
    for (int i = 0; i < 3; i++) {
      try (Engine engine = backends.open(SileroModel.file(), EngineOptions.defaults())) {
        assertThat(engine.backend()).isEqualTo("onnxruntime-cpu");
      }
    }
    String line = "model 'silero-vad-v5': using 'onnxruntime-cpu'; skipped 'tensorrt'"
        + " (libnvinfer.so.10 not found), 'onnxruntime-cuda' (onnxruntime CPU build, no CUDA"
        + " provider; build with -Pgpu)";
    assertThat(log.lines()).containsExactly("INFO " + line);
    assertThat(backends.choice("silero-vad-v5").orElseThrow().describe()).isEqualTo(line);
    assertThat(noGpu.probes).hasValue(1);
  }

  @Test
  void aBackendThatFailsToLoadTheModelIsSkippedWithItsReason() throws Exception {
    StandIn broken = new StandIn("tensorrt", Availability.ok());
    Backends withBroken = Backends.of(List.of(broken, new OrtCpuBackend()));
    try (Engine engine = withBroken.open(SileroModel.file(), EngineOptions.defaults())) {
      assertThat(engine.backend()).isEqualTo("onnxruntime-cpu");
    }
    assertThat(withBroken.choice("silero-vad-v5").orElseThrow().skipped())
        .containsExactly(new BackendChoice.Skipped("tensorrt",
            "failed to load: model 'silero-vad-v5': tensorrt cannot build it"),
            new BackendChoice.Skipped("onnxruntime-cuda", "not in this build"));
  }

  @Test
  void skippingABackendTheUserAskedForIsAWarning() throws Exception {
    EngineOptions options = EngineOptions.defaults().withPreferredBackends(List.of("tensorrt"));
    try (Engine engine = backends.open(SileroModel.file(), options)) {
      assertThat(engine.backend()).isEqualTo("onnxruntime-cpu");
    }
    assertThat(log.lines()).containsExactly("WARNING model 'silero-vad-v5': using 'onnxruntime-cpu';"
        + " skipped 'tensorrt' (libnvinfer.so.10 not found)");
  }

  @Test
  void preferenceIsTheOptionsThenTheManifestThenAnyBackendForTheFormat() throws Exception {
    ModelFile silero = SileroModel.file();
    assertThat(backends.preference(silero, EngineOptions.defaults()))
        .containsExactly("tensorrt", "onnxruntime-cuda", "onnxruntime-cpu");
    assertThat(backends.preference(silero,
        EngineOptions.defaults().withPreferredBackends(List.of("onnxruntime-cpu"))))
        .containsExactly("onnxruntime-cpu", "tensorrt", "onnxruntime-cuda");
  }

  @Test
  void noBackendLeftNamesEveryReason() throws Exception {
    Backends gpuOnly = Backends.of(List.of(noGpu, noCuda));
    assertThatThrownBy(() -> gpuOnly.open(SileroModel.file(), EngineOptions.defaults()))
        .isInstanceOf(EngineException.class)
        .hasMessage("model 'silero-vad-v5': no backend can run it here (tensorrt: libnvinfer.so.10"
            + " not found; onnxruntime-cuda: onnxruntime CPU build, no CUDA provider; build with"
            + " -Pgpu; onnxruntime-cpu: not in this build)");
  }

  @Test
  void aTruncatedModelFailsWithOnnxRuntimesOwnMessage(@TempDir Path dir) throws Exception {
    ModelFile silero = SileroModel.file();
    Path truncated = dir.resolve("silero.onnx");
    byte[] bytes = Files.readAllBytes(silero.path());
    Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length / 2));
    ModelManifest m = silero.manifest();
    ModelFile broken = new ModelFile(m, truncated);
    assertThatThrownBy(() -> backends.open(broken, EngineOptions.defaults()))
        .isInstanceOf(EngineException.class)
        .hasMessageStartingWith("model 'silero-vad-v5' (" + truncated + "): not a valid ONNX"
            + " model");
  }

  @Test
  void findsPlugInsOnTheClassPath(@TempDir Path dir) throws Exception {
    Path services = dir.resolve("META-INF/services");
    Files.createDirectories(services);
    Files.writeString(services.resolve(EngineBackend.class.getName()),
        "# a plug-in jar's registration\n" + StandIn.class.getName() + "\n");
    try (URLClassLoader plugIn = new URLClassLoader(new URL[] {dir.toUri().toURL()},
        getClass().getClassLoader())) {
      Backends found = Backends.discover(plugIn);
      assertThat(found.names()).containsExactly("tensorrt", "onnxruntime-tensorrt",
          "onnxruntime-cuda", "onnxruntime-cpu", "opencv-dnn", "stand-in");
      assertThat(found.availability("stand-in")).isEqualTo(Availability.unavailable("a stand-in"));
      assertThat(found.availability("onnxruntime-cpu").available()).isTrue();
    }
  }

  @Test
  void anUnavailableBackendNeedsAReason() {
    assertThatThrownBy(() -> new Availability(false, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Availability.unavailable(" "))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
