package dev.vigil.engines;

import dev.vigil.engines.spi.Availability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.engines.models.ModelFile;
import dev.vigil.engines.models.ModelManifest;
import dev.vigil.engines.testing.SileroModel;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class EnginesTest {

  @Test
  void opensAnOnnxModelOnOnnxRuntimeCpuAndSaysWhyNotOnTheGpu() throws Exception {
    Assumptions.assumeFalse(Engines.availabilities().get("onnxruntime-cuda").available(),
        "this host has ONNX Runtime's CUDA provider");
    try (Engine engine = Engines.open(SileroModel.file(), EngineOptions.defaults())) {
      assertThat(engine.backend()).isEqualTo("onnxruntime-cpu");
      assertThat(engine.model()).isEqualTo("silero-vad-v5");
      Map<String, Tensor> out = engine.run(Map.of(
          "input", Tensor.allocateFloats(1, 576),
          "state", Tensor.allocateFloats(2, 1, 128),
          "sr", Tensor.scalarLong(16000)));
      assertThat(out.get("output").floats().get(0)).isLessThan(0.1f);
    }
    BackendChoice choice = Engines.choice("silero-vad-v5").orElseThrow();
    assertThat(choice.chosen()).isEqualTo("onnxruntime-cpu");
    assertThat(choice.skipped()).extracting(BackendChoice.Skipped::backend)
        .containsExactly("tensorrt", "onnxruntime-cuda");
    // The CPU build has no CUDA provider; the GPU build (-Pgpu) on a host without CUDA cannot load it.
    assertThat(choice.skipped().get(1).reason()).containsAnyOf(
        "onnxruntime CPU build, no CUDA provider; " + Availability.buildHint("gpu"), "CUDA provider cannot load");
    assertThat(choice.skipped().get(0).reason()).containsAnyOf("not on the class path",
        "not found", "no CUDA device");
  }

  @Test
  void unknownPreferredBackendIsAnError() throws Exception {
    EngineOptions options =
        EngineOptions.defaults().withPreferredBackends(List.of("tensorrtt", "onnxruntime-cpu"));
    assertThatThrownBy(() -> Engines.open(SileroModel.file(), options))
        .isInstanceOf(EngineException.class)
        .hasMessage("model 'silero-vad-v5': unknown backend 'tensorrtt' in the preferred backends"
            + " (known: tensorrt, onnxruntime-tensorrt, onnxruntime-cuda, onnxruntime-cpu, opencv-dnn)");
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
            + " 'tensorrt-plan' (known: onnx, tflite)");
  }

  @Test
  void findsTheBuiltInBackendsWithServiceLoader() {
    assertThat(Engines.backends()).containsExactly(
        "tensorrt", "onnxruntime-tensorrt", "onnxruntime-cuda", "onnxruntime-cpu", "opencv-dnn");
    assertThat(Engines.availabilities().get("onnxruntime-cpu").available()).isTrue();
    assertThat(Engines.availabilities().get("opencv-dnn").available())
        .as("OpenCV's bundled natives load here").isTrue();
  }
}
