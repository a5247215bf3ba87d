package dev.vigil.engines.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.vigil.engines.EngineOptions;
import dev.vigil.engines.Tensor;
import dev.vigil.engines.onnx.OnnxRuntimeEngine;
import dev.vigil.engines.testing.SileroModel;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * What the engine layer adds over calling ONNX Runtime directly (issue #13: under 5 %), on the model
 * where it weighs most: Silero VAD v5, a 32 ms window in about 0.2 ms, run by the front end 31 times a
 * second. Both sides run the same model file with the same session options (one intra-op thread) on
 * the same input, wrapped in {@link OnnxTensor}s once: {@code direct} copies the outputs out of each
 * {@link OrtSession.Result}, as most callers of ONNX Runtime do; {@code directPinned} has ONNX Runtime
 * write them into direct buffers (pinned outputs), its leanest call; {@code engine} calls
 * {@link OnnxRuntimeEngine#runInto} with tensors it reuses, as the agent does.
 *
 * <p>Run by hand (not a test): {@code ./mvnw -B -o -q test-compile -pl trt-engines -am}, then {@code
 * java -cp <test class path> dev.vigil.engines.bench.EngineOverheadBench}; figures in
 * docs/performance.md, "Engines: the layer's overhead".
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(value = 3, jvmArgsAppend = "-Xmx1g")
public class EngineOverheadBench {

  private static final int SAMPLES = 576; // 64 of context and a 512-sample window, 16 kHz

  private OnnxRuntimeEngine engine;
  private Map<String, Tensor> engineIn;
  private Map<String, Tensor> engineOut;

  private OrtSession session;
  private Map<String, OnnxTensor> directIn;
  private FloatBuffer probability;
  private FloatBuffer state;
  private Map<String, OnnxTensor> directOut;
  private FloatBuffer pinnedProbability;

  @Setup(Level.Trial)
  public void open() throws Exception {
    Path model = SileroModel.file().path();
    float[] audio = new float[SAMPLES];
    Random random = new Random(1);
    for (int i = 0; i < SAMPLES; i++) {
      audio[i] = (float) (0.1 * random.nextGaussian());
    }
    engine = OnnxRuntimeEngine.open(SileroModel.file(), EngineOptions.defaults());
    engineIn = Map.of("input", Tensor.ofFloats(audio, 1, SAMPLES),
        "state", Tensor.allocateFloats(2, 1, 128), "sr", Tensor.scalarLong(16_000));
    engineOut = Map.of("output", Tensor.allocateFloats(1, 1), "stateN", Tensor.allocateFloats(2, 1, 128));

    session = OnnxRuntimeEngine.openSession(SileroModel.NAME, model, EngineOptions.defaults(), so -> { });
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    directIn = Map.of("input", OnnxTensor.createTensor(env, FloatBuffer.wrap(audio), new long[] {1, SAMPLES}),
        "state", OnnxTensor.createTensor(env, FloatBuffer.allocate(256), new long[] {2, 1, 128}),
        "sr", OnnxTensor.createTensor(env, 16_000L));
    probability = FloatBuffer.allocate(1);
    state = FloatBuffer.allocate(256);
    pinnedProbability = Tensor.allocateFloats(1, 1).floats();
    directOut = Map.of("output", OnnxTensor.createTensor(env, pinnedProbability, new long[] {1, 1}),
        "stateN", OnnxTensor.createTensor(env, Tensor.allocateFloats(2, 1, 128).floats(), new long[] {2, 1, 128}));
  }

  @TearDown(Level.Trial)
  public void close() throws Exception {
    engine.close();
    for (OnnxTensor t : directIn.values()) {
      t.close();
    }
    for (OnnxTensor t : directOut.values()) {
      t.close();
    }
    session.close();
  }

  @Benchmark
  public float engine() throws Exception {
    engine.runInto(engineIn, engineOut);
    return engineOut.get("output").floats().get(0);
  }

  @Benchmark
  public float direct() throws Exception {
    try (OrtSession.Result result = session.run(directIn)) {
      probability.clear();
      probability.put(((OnnxTensor) result.get("output").get()).getFloatBuffer());
      state.clear();
      state.put(((OnnxTensor) result.get("stateN").get()).getFloatBuffer());
      return probability.get(0);
    }
  }

  /** ONNX Runtime at its leanest: outputs pinned to direct buffers, as {@code runInto} does. */
  @Benchmark
  public float directPinned() throws Exception {
    session.run(directIn, directOut).close();
    return pinnedProbability.get(0);
  }

  /**
   * JMH over all three ways; with {@code --paired [ROUNDS]}, the paired measurement instead ({@link
   * #paired}).
   */
  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("--paired")) {
      paired(args.length > 1 ? Integer.parseInt(args[1]) : 2_000);
      return;
    }
    new Runner(new OptionsBuilder().include(EngineOverheadBench.class.getName()).build()).run();
  }

  /** One call of one of the ways; its result, so that the JIT cannot drop the call. */
  private interface Way {
    float call() throws Exception;
  }

  /**
   * {@code engine} against {@code directPinned} side by side in one JVM: {@code rounds} pairs of
   * blocks of {@value #BLOCK} calls (about 15 ms each), the two blocks of a pair back to back and
   * their order alternating, so both see the same moment of a shared machine; JMH runs one benchmark
   * after the other, tens of seconds apart, and this VM's neighbours change in that time. Prints the
   * median, 5th and 95th percentile of the per-pair ratio engine / directPinned, and each way's
   * median time per call (µs).
   */
  static void paired(int rounds) throws Exception {
    EngineOverheadBench bench = new EngineOverheadBench();
    bench.open();
    try {
      Way engine = bench::engine;
      Way direct = bench::directPinned;
      for (int i = 0; i < 50; i++) {   // warm-up: about 1.5 s of each, JIT settled
        block(engine);
        block(direct);
      }
      double[] ratios = new double[rounds];
      double[] engineUs = new double[rounds];
      double[] directUs = new double[rounds];
      for (int r = 0; r < rounds; r++) {
        long e;
        long d;
        if (r % 2 == 0) {
          e = block(engine);
          d = block(direct);
        } else {
          d = block(direct);
          e = block(engine);
        }
        ratios[r] = (double) e / d;
        engineUs[r] = e / 1e3 / BLOCK;
        directUs[r] = d / 1e3 / BLOCK;
      }
      java.util.Arrays.sort(ratios);
      java.util.Arrays.sort(engineUs);
      java.util.Arrays.sort(directUs);
      System.out.printf(java.util.Locale.ROOT,
          "paired: %d pairs of %d calls; engine / directPinned median %.4f (p5 %.4f, p95 %.4f);"
              + " engine median %.1f µs, directPinned median %.1f µs%n",
          rounds, BLOCK, ratios[rounds / 2], ratios[rounds * 5 / 100], ratios[rounds * 95 / 100],
          engineUs[rounds / 2], directUs[rounds / 2]);
    } finally {
      bench.close();
    }
  }

  private static final int BLOCK = 200;

  /** Nanoseconds for {@value #BLOCK} calls of {@code way}. */
  private static long block(Way way) throws Exception {
    float sink = 0;
    long start = System.nanoTime();
    for (int i = 0; i < BLOCK; i++) {
      sink += way.call();
    }
    long took = System.nanoTime() - start;
    if (Float.isNaN(sink)) {
      throw new IllegalStateException("the model gave NaN");
    }
    return took;
  }
}
