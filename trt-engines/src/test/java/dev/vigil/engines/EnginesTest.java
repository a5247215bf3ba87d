package dev.vigil.engines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.engines.models.ModelFile;
import dev.vigil.engines.models.ModelManifest;
import dev.vigil.engines.testing.SileroModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EnginesTest {

  private final List<String> logged = new ArrayList<>();
  private final Logger log = Logger.getLogger(Engines.class.getName());
  private final Handler capture = new Handler() {
    @Override
    public void publish(LogRecord r) {
      logged.add(r.getLevel() + " " + java.text.MessageFormat.format(r.getMessage(),
          r.getParameters()));
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };

  @BeforeEach
  void captureLog() {
    log.addHandler(capture);
  }

  @AfterEach
  void releaseLog() {
    log.removeHandler(capture);
  }

  @Test
  void opensAnOnnxModelOnOnnxRuntimeCpu() throws Exception {
    try (Engine engine = Engines.open(SileroModel.file(), EngineOptions.defaults())) {
      assertThat(engine.backend()).isEqualTo("onnxruntime-cpu");
      assertThat(engine.model()).isEqualTo("silero-vad-v5");
      Map<String, Tensor> out = engine.run(Map.of(
          "input", Tensor.allocateFloats(1, 576),
          "state", Tensor.allocateFloats(2, 1, 128),
          "sr", Tensor.scalarLong(16000)));
      assertThat(out.get("output").floats().get(0)).isLessThan(0.1f);
    }
    assertThat(logged).isEmpty();
  }

  @Test
  void preferredBackendThatIsNotHereFallsBackAndSaysSo() throws Exception {
    EngineOptions options =
        EngineOptions.defaults().withPreferredBackends(List.of("tensorrt"));
    try (Engine engine = Engines.open(SileroModel.file(), options)) {
      assertThat(engine.backend()).isEqualTo("onnxruntime-cpu");
    }
    assertThat(logged).containsExactly("WARNING model 'silero-vad-v5': skipping backend"
        + " 'tensorrt' (not available in this build); using 'onnxruntime-cpu'");
  }

  @Test
  void manifestBackendThatIsNotHereIsNotedQuietly() throws Exception {
    ModelFile onnx = SileroModel.file();
    ModelManifest m = onnx.manifest();
    ModelFile gpuFirst = new ModelFile(new ModelManifest(m.name(), m.format(), m.sha256(),
        m.licence(), m.source(), List.of("tensorrt", "onnxruntime-cpu"), null), onnx.path());
    try (Engine engine = Engines.open(gpuFirst, EngineOptions.defaults())) {
      assertThat(engine.backend()).isEqualTo("onnxruntime-cpu");
    }
    assertThat(logged).containsExactly("INFO model 'silero-vad-v5': skipping backend"
        + " 'tensorrt' (not available in this build); using 'onnxruntime-cpu'");
  }

  @Test
  void unknownFormatIsNamed() throws Exception {
    ModelFile onnx = SileroModel.file();
    ModelManifest m = onnx.manifest();
    ModelFile plan = new ModelFile(new ModelManifest("vad-plan", "tensorrt-plan", m.sha256(),
        m.licence(), m.source(), List.of("tensorrt"), null), onnx.path());

    assertThatThrownBy(() -> Engines.open(plan, EngineOptions.defaults()))
        .isInstanceOf(EngineException.class)
        .hasMessage("model 'vad-plan' (" + onnx.path() + "): unknown model format"
            + " 'tensorrt-plan' (known: onnx)");
  }

  @Test
  void listsItsBackends() {
    assertThat(Engines.backends()).containsExactly("onnxruntime-cpu");
  }
}
