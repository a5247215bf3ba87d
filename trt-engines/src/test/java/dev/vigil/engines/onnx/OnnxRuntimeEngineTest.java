package dev.vigil.engines.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.engines.DType;
import dev.vigil.engines.EngineException;
import dev.vigil.engines.EngineOptions;
import dev.vigil.engines.Tensor;
import dev.vigil.engines.testing.SileroModel;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the real Silero VAD v5 through ONNX Runtime. */
class OnnxRuntimeEngineTest {

  /** Silero v5 at 16 kHz looks at 64 samples of context before each 512-sample window. */
  private static final int CONTEXT = 64;
  private static final int WINDOW = 512;

  private static OnnxRuntimeEngine engine;

  @BeforeAll
  static void open() throws Exception {
    engine = OnnxRuntimeEngine.open(SileroModel.file(), EngineOptions.defaults());
  }

  @AfterAll
  static void close() {
    if (engine != null) {
      engine.close();
    }
  }

  @Test
  void describesTheModelsInputsAndOutputs() {
    assertThat(engine.model()).isEqualTo("silero-vad-v5");
    assertThat(engine.backend()).isEqualTo("onnxruntime-cpu");
    assertThat(engine.inputs()).containsOnlyKeys("input", "state", "sr");
    assertThat(engine.outputs()).containsOnlyKeys("output", "stateN");
    assertThat(engine.inputs().get("input").dtype()).isEqualTo(DType.FLOAT32);
    assertThat(engine.inputs().get("sr").dtype()).isEqualTo(DType.INT64);
    assertThat(engine.inputs().get("sr").rank()).isZero();
    assertThat(engine.inputs().get("state").accepts(new long[] {2, 1, 128})).isTrue();
    assertThat(engine.outputs().get("stateN").dtype()).isEqualTo(DType.FLOAT32);
  }

  @Test
  void silenceHasLowSpeechProbability() throws Exception {
    Map<String, Tensor> out = engine.run(Map.of(
        "input", Tensor.allocateFloats(1, CONTEXT + WINDOW),
        "state", Tensor.allocateFloats(2, 1, 128),
        "sr", Tensor.scalarLong(16000)));

    assertThat(out).containsOnlyKeys("output", "stateN");
    Tensor probability = out.get("output");
    assertThat(probability.shape()).containsExactly(1, 1);
    assertThat(probability.data().isDirect()).isTrue();
    assertThat(probability.floats().get(0)).isBetween(0f, 0.1f);
    assertThat(out.get("stateN").shape()).containsExactly(2, 1, 128);
  }

  @Test
  void runIntoReusingBuffersMatchesRun() throws Exception {
    // A noisy stream, so the recurrent state actually moves from frame to frame.
    float[][] frames = new float[100][CONTEXT + WINDOW];
    Random random = new Random(42);
    for (float[] frame : frames) {
      for (int i = 0; i < frame.length; i++) {
        frame[i] = (float) (random.nextGaussian() * 0.1);
      }
    }

    List<Float> viaRun = new ArrayList<>();
    Tensor state = Tensor.allocateFloats(2, 1, 128);
    Tensor sr = Tensor.scalarLong(16000);
    for (float[] frame : frames) {
      Map<String, Tensor> out = engine.run(Map.of(
          "input", Tensor.ofFloats(frame, 1, CONTEXT + WINDOW), "state", state, "sr", sr));
      viaRun.add(out.get("output").floats().get(0));
      state = out.get("stateN");
    }

    // The per-frame loop: every tensor allocated once; the new state is copied back into the
    // input state (a real loop would swap two buffers).
    Tensor input = Tensor.allocateFloats(1, CONTEXT + WINDOW);
    Tensor stateIn = Tensor.allocateFloats(2, 1, 128);
    Tensor probability = Tensor.allocateFloats(1, 1);
    Tensor stateOut = Tensor.allocateFloats(2, 1, 128);
    Map<String, Tensor> inputs = Map.of("input", input, "state", stateIn, "sr", sr);
    Map<String, Tensor> outputs = Map.of("output", probability, "stateN", stateOut);
    List<Float> viaRunInto = new ArrayList<>();
    for (float[] frame : frames) {
      input.floats().put(frame);
      engine.runInto(inputs, outputs);
      viaRunInto.add(probability.floats().get(0));
      stateOut.copyTo(stateIn);
    }

    assertThat(viaRunInto).containsExactlyElementsOf(viaRun);
    assertThat(viaRun).doesNotHaveDuplicates();
  }

  @Test
  void runIntoFollowsACallerThatSwitchesBuffers() throws Exception {
    Tensor sr = Tensor.scalarLong(16000);
    Tensor state = Tensor.allocateFloats(2, 1, 128);
    Tensor loud = Tensor.allocateFloats(1, CONTEXT + WINDOW);
    FloatBuffer f = loud.floats();
    for (int i = 0; i < f.capacity(); i++) {
      f.put(i, (float) Math.sin(i * 0.3) * 0.8f);
    }
    Tensor quiet = Tensor.allocateFloats(1, CONTEXT + WINDOW);
    Tensor p1 = Tensor.allocateFloats(1, 1);
    Tensor p2 = Tensor.allocateFloats(1, 1);

    engine.runInto(Map.of("input", loud, "state", state, "sr", sr), Map.of("output", p1));
    engine.runInto(Map.of("input", quiet, "state", state, "sr", sr), Map.of("output", p2));

    float expectedLoud = engine.run(Map.of("input", loud, "state", state, "sr", sr))
        .get("output").floats().get(0);
    float expectedQuiet = engine.run(Map.of("input", quiet, "state", state, "sr", sr))
        .get("output").floats().get(0);
    assertThat(p1.floats().get(0)).isEqualTo(expectedLoud);
    assertThat(p2.floats().get(0)).isEqualTo(expectedQuiet);
  }

  @Test
  void concurrentMisuseIsSerialisedNotCorrupting() throws Exception {
    Tensor sr = Tensor.scalarLong(16000);
    Tensor state = Tensor.allocateFloats(2, 1, 128);
    Tensor input = Tensor.allocateFloats(1, CONTEXT + WINDOW);
    float expected = engine.run(Map.of("input", input, "state", state, "sr", sr))
        .get("output").floats().get(0);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Float>> results = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        results.add(pool.submit(() -> engine.run(Map.of("input", input, "state", state, "sr", sr))
            .get("output").floats().get(0)));
      }
      for (Future<Float> r : results) {
        assertThat(r.get()).isEqualTo(expected);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void rejectsMissingUnknownAndMisshapenTensorsByName() {
    Tensor sr = Tensor.scalarLong(16000);
    Tensor state = Tensor.allocateFloats(2, 1, 128);
    Tensor input = Tensor.allocateFloats(1, CONTEXT + WINDOW);

    assertThatThrownBy(() -> engine.run(Map.of("input", input, "sr", sr)))
        .isInstanceOf(EngineException.class)
        .hasMessage("model 'silero-vad-v5': missing input 'state' (inputs: input, state, sr)");
    assertThatThrownBy(() -> engine.run(Map.of("input", input, "state", state, "sr", sr,
        "audio", input)))
        .hasMessageStartingWith("model 'silero-vad-v5': no input named 'audio'");
    assertThatThrownBy(() -> engine.run(Map.of("input", input, "state",
        Tensor.allocateFloats(2, 128), "sr", sr)))
        .hasMessageStartingWith("model 'silero-vad-v5': input 'state' must be FLOAT32[2, -1, 128]")
        .hasMessageEndingWith("got FLOAT32[2, 128]");
    assertThatThrownBy(() -> engine.run(Map.of("input", input, "state", state, "sr",
        Tensor.allocateFloats())))
        .hasMessage("model 'silero-vad-v5': input 'sr' must be INT64[], got FLOAT32[]");
    assertThatThrownBy(() -> engine.runInto(Map.of("input", input, "state", state, "sr", sr),
        Map.of("probability", Tensor.allocateFloats(1, 1))))
        .hasMessage("model 'silero-vad-v5': no output named 'probability' (outputs: output,"
            + " stateN)");
  }

  @Test
  void randomBytesAreNotAnOnnxModel(@TempDir Path dir) throws Exception {
    Path junk = dir.resolve("junk.onnx");
    byte[] bytes = new byte[4096];
    new Random(7).nextBytes(bytes);
    Files.write(junk, bytes);

    assertThatThrownBy(() -> OnnxRuntimeEngine.open("junk", junk, EngineOptions.defaults()))
        .isInstanceOf(EngineException.class)
        .hasMessage("model 'junk' (" + junk + "): not a valid ONNX model: Protobuf parsing"
            + " failed.");
  }

  @Test
  void missingFileIsNamed(@TempDir Path dir) {
    Path absent = dir.resolve("absent.onnx");
    assertThatThrownBy(() -> OnnxRuntimeEngine.open("absent", absent, EngineOptions.defaults()))
        .isInstanceOf(EngineException.class)
        .hasMessage("model 'absent' (" + absent + "): file not found");
  }

  @Test
  void closedEngineSaysSo() throws Exception {
    OnnxRuntimeEngine second = OnnxRuntimeEngine.open(SileroModel.file(), EngineOptions.defaults());
    second.close();
    second.close();
    assertThatThrownBy(() -> second.run(Map.of()))
        .isInstanceOf(EngineException.class)
        .hasMessage("model 'silero-vad-v5': engine is closed");
  }
}
