package dev.vigil.engines.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.engines.Engine;
import dev.vigil.engines.EngineException;
import dev.vigil.engines.EngineOptions;
import dev.vigil.engines.Tensor;
import dev.vigil.engines.models.ModelFile;
import dev.vigil.engines.models.ModelManifest;
import dev.vigil.engines.onnx.OnnxRuntimeEngine;
import dev.vigil.engines.testing.SileroModel;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExampleInputsTest {

  @Test
  void sileroRunsOnInputsMadeFromItsSpecsAndManifest() throws Exception {
    ModelFile silero = SileroModel.file();
    try (Engine engine = OnnxRuntimeEngine.open(silero, EngineOptions.defaults())) {
      Map<String, Tensor> inputs = ExampleInputs.of(engine, silero.manifest());
      assertThat(inputs.get("input").shape()).containsExactly(1, 576);
      assertThat(inputs.get("state").shape()).containsExactly(2, 1, 128);
      assertThat(inputs.get("sr").longs().get(0)).isEqualTo(16000);

      Latency latency = Latency.measure(engine, inputs, 2, 20);
      assertThat(latency.runs()).isEqualTo(20);
      assertThat(latency.medianMs()).isPositive().isLessThanOrEqualTo(latency.p95Ms());
      assertThat(latency.p95Ms()).isLessThanOrEqualTo(latency.maxMs());
    }
  }

  @Test
  void aDynamicInputWithoutAnExampleIsNamed() throws Exception {
    ModelFile silero = SileroModel.file();
    ModelManifest m = silero.manifest();
    ModelManifest bare = new ModelManifest(m.name(), m.format(), m.sha256(), m.licence(),
        m.source(), List.of(), null);
    try (Engine engine = OnnxRuntimeEngine.open(silero, EngineOptions.defaults())) {
      assertThatThrownBy(() -> ExampleInputs.of(engine, bare))
          .isInstanceOf(EngineException.class)
          .hasMessageStartingWith("model 'silero-vad-v5': input 'input' is FLOAT32[")
          .hasMessageEndingWith("; give its shape in example_inputs in the model's models.yaml");
    }
  }

  @Test
  void percentilesAreNearestRank() {
    double[] ms = new double[100];
    for (int i = 0; i < ms.length; i++) {
      ms[i] = 100 - i;
    }
    Latency l = Latency.of(ms);
    assertThat(l.medianMs()).isEqualTo(50.5);
    assertThat(l.p95Ms()).isEqualTo(95);
    assertThat(l.minMs()).isEqualTo(1);
    assertThat(l.maxMs()).isEqualTo(100);
  }
}
