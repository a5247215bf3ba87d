package dev.vigil.engines.tensorrt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.engines.Engine;
import dev.vigil.engines.EngineException;
import dev.vigil.engines.EngineOptions;
import dev.vigil.engines.Tensor;
import dev.vigil.engines.onnx.OnnxRuntimeEngine;
import dev.vigil.engines.testing.SileroModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The TensorRT engine on the real Silero VAD. Without TensorRT (no {@code -Ptensorrt}, no
 * libnvinfer, no GPU) only the first test runs; the others are skipped with the probe's reason, which
 * the Surefire report and the console show.
 */
class TensorRtEngineTest {

  /** FP16 against FP32 on the CPU: a speech probability may move this much and no more. */
  private static final float FP16_TOLERANCE = 0.02f;

  @TempDir Path cacheRoot;

  private static void assumeTensorRt() {
    GpuBackendsTest.assumeAvailable("tensorrt");
  }

  @Test
  void withoutTensorRtOpeningAModelSaysWhyInOneLine() throws Exception {
    TensorRtHost host = TensorRtHost.probe();
    Assumptions.assumeFalse(host.availability().available(), "TensorRT is available here");

    assertThatThrownBy(() -> TensorRtEngine.open(SileroModel.file(), EngineOptions.defaults(),
        new PlanCache(cacheRoot)))
        .isInstanceOf(EngineException.class)
        .hasMessage("model 'silero-vad-v5': " + host.availability().reason());
    assertThat(cacheRoot).isEmptyDirectory();
  }

  @Test
  void sileroInFp16AgreesWithTheCpuWindowByWindow() throws Exception {
    assumeTensorRt();
    List<float[]> windows = windows(60);
    try (Engine gpu = TensorRtEngine.open(SileroModel.file(), EngineOptions.defaults(),
        new PlanCache(cacheRoot));
        Engine cpu = OnnxRuntimeEngine.open(SileroModel.file(), EngineOptions.defaults())) {
      float[] onGpu = speechProbabilities(gpu, windows);
      float[] onCpu = speechProbabilities(cpu, windows);
      for (int i = 0; i < windows.size(); i++) {
        assertThat(onGpu[i]).as("window %d", i)
            .isCloseTo(onCpu[i], org.assertj.core.data.Offset.offset(FP16_TOLERANCE));
      }
      System.out.printf("silero-vad-v5 per window: tensorrt %.3f ms, onnxruntime-cpu %.3f ms"
          + " (median of %d)%n", medianMs(gpu, windows), medianMs(cpu, windows), windows.size());
    }
  }

  @Test
  void aPlanIsBuiltOnceThenLoadedFromTheCacheAndACorruptOneIsBuiltAgain() throws Exception {
    assumeTensorRt();
    PlanCache cache = new PlanCache(cacheRoot);
    Path plan;
    long started = System.nanoTime();
    try (TensorRtEngine first = TensorRtEngine.open(SileroModel.file(), EngineOptions.defaults(),
        cache)) {
      assertThat(first.built()).isTrue();
      plan = first.plan();
    }
    long buildMs = (System.nanoTime() - started) / 1_000_000;
    started = System.nanoTime();
    try (TensorRtEngine second = TensorRtEngine.open(SileroModel.file(), EngineOptions.defaults(),
        cache)) {
      assertThat(second.built()).isFalse();
      assertThat(second.plan()).isEqualTo(plan);
    }
    System.out.printf("silero-vad-v5 open: building the plan %d ms, from the cache %d ms%n",
        buildMs, (System.nanoTime() - started) / 1_000_000);

    try (var f = Files.newByteChannel(plan, StandardOpenOption.WRITE)) {
      f.position(Files.size(plan) / 2).write(java.nio.ByteBuffer.wrap(new byte[] {1, 2, 3, 4}));
    }
    try (TensorRtEngine third = TensorRtEngine.open(SileroModel.file(), EngineOptions.defaults(),
        cache)) {
      assertThat(third.built()).isTrue();
      assertThat(speechProbabilities(third, windows(3))).hasSize(3);
    }
  }

  @Test
  void eachPrecisionHasItsOwnPlan() throws Exception {
    assumeTensorRt();
    PlanCache cache = new PlanCache(cacheRoot);
    try (TensorRtEngine fp16 = TensorRtEngine.open(SileroModel.file(), EngineOptions.defaults(),
        cache);
        TensorRtEngine fp32 = TensorRtEngine.open(SileroModel.file(),
            EngineOptions.defaults().withPrecision(dev.vigil.engines.Precision.FP32), cache)) {
      assertThat(fp32.plan()).isNotEqualTo(fp16.plan());
      assertThat(cache.keys(SileroModel.NAME)).hasSize(2);
    }
    assertThatThrownBy(() -> TensorRtEngine.open(SileroModel.file(),
        EngineOptions.defaults().withPrecision(dev.vigil.engines.Precision.INT8), cache))
        .isInstanceOf(EngineException.class)
        .hasMessageStartingWith("model 'silero-vad-v5': INT8 needs an explicitly quantized model");
  }

  @Test
  void anInputOfAnotherShapeIsRefusedInOneLine() throws Exception {
    assumeTensorRt();
    try (Engine gpu = TensorRtEngine.open(SileroModel.file(), EngineOptions.defaults(),
        new PlanCache(cacheRoot))) {
      Map<String, Tensor> in = Map.of(
          "input", Tensor.allocateFloats(1, 600),
          "state", Tensor.allocateFloats(2, 1, 128),
          "sr", Tensor.scalarLong(16000));
      assertThatThrownBy(() -> gpu.run(in))
          .isInstanceOf(EngineException.class)
          .hasMessageStartingWith("model 'silero-vad-v5': input 'input'")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
  }

  /** 576-sample windows (64 of context, 512 new) of a rising tone with noise, swelling and fading. */
  private static List<float[]> windows(int count) {
    Random random = new Random(7);
    List<float[]> windows = new ArrayList<>();
    double phase = 0;
    for (int w = 0; w < count; w++) {
      float[] x = new float[576];
      double loud = Math.sin(Math.PI * w / count);
      for (int i = 0; i < x.length; i++) {
        phase += 2 * Math.PI * (200 + 1800.0 * w / count) / 16000;
        x[i] = (float) (0.5 * loud * Math.sin(phase) + 0.02 * random.nextGaussian());
      }
      windows.add(x);
    }
    return windows;
  }

  /** Runs the windows in order, carrying Silero's state, and returns each window's probability. */
  private static float[] speechProbabilities(Engine vad, List<float[]> windows)
      throws EngineException {
    float[] p = new float[windows.size()];
    Tensor state = Tensor.allocateFloats(2, 1, 128);
    for (int i = 0; i < p.length; i++) {
      Map<String, Tensor> out = vad.run(Map.of("input", Tensor.ofFloats(windows.get(i), 1, 576),
          "state", state, "sr", Tensor.scalarLong(16000)));
      p[i] = out.get("output").floats().get(0);
      state = out.get("stateN");
    }
    return p;
  }

  private static double medianMs(Engine vad, List<float[]> windows) throws EngineException {
    double[] ms = new double[windows.size()];
    for (int i = 0; i < ms.length; i++) {
      long t = System.nanoTime();
      speechProbabilities(vad, windows.subList(i, i + 1));
      ms[i] = (System.nanoTime() - t) / 1e6;
    }
    Arrays.sort(ms);
    return ms[ms.length / 2];
  }
}
