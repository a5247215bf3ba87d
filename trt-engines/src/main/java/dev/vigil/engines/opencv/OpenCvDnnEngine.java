package dev.vigil.engines.opencv;

import dev.vigil.engines.DType;
import dev.vigil.engines.Engine;
import dev.vigil.engines.EngineException;
import dev.vigil.engines.EngineOptions;
import dev.vigil.engines.Tensor;
import dev.vigil.engines.TensorSpec;
import dev.vigil.engines.models.ModelFile;
import dev.vigil.engines.models.ModelManifest.ExampleInput;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.dnn.Dnn;
import org.opencv.dnn.Net;

/**
 * A TFLite model run by OpenCV's DNN module ({@code Dnn.readNetFromTFLite}).
 *
 * <p><b>Input.</b> One float32 tensor in OpenCV's layout, NCHW ({@code [1, 3, H, W]} for an RGB
 * image), not TFLite's NHWC: OpenCV's importer transposes the model's NHWC operations to NCHW. OpenCV
 * does not report the input's shape, so the model's manifest must give it as its one
 * {@code example_inputs} entry; that entry's name is the input's name here.
 *
 * <p><b>Outputs.</b> The network's output layers, float32, in the shapes OpenCV gives them (found by
 * one run on zeros when the engine opens, which also warms it up). OpenCV's layout, not TFLite's, where
 * they differ: callers that need TFLite's check it (MediaPipe's SSD's {@code box_encodings} come out
 * transposed, see the object detector).
 *
 * <p>OpenCV's thread pool is one per process: {@link EngineOptions#intraOpThreads()} of the engine opened
 * last sets it for all. Runs are serialised; each copies the input into a native matrix and the outputs
 * out of theirs (OpenCV's Java matrices cannot wrap a caller's buffer).
 */
public final class OpenCvDnnEngine implements Engine {

  private final String model;
  private final Net net;
  private final TensorSpec input;
  private final Map<String, TensorSpec> inputs;
  private final Map<String, TensorSpec> outputs;
  private final int[] inputDims;
  private final float[] inputValues;
  private final Map<String, float[]> outputValues = new HashMap<>();
  private boolean closed;

  private OpenCvDnnEngine(String model, Net net, TensorSpec input, int[] inputDims, float[] inputValues,
                          Map<String, TensorSpec> outputs) {
    this.model = model;
    this.net = net;
    this.input = input;
    this.inputs = Map.of(input.name(), input);
    this.outputs = outputs;
    this.inputDims = inputDims;
    this.inputValues = inputValues;
  }

  /**
   * Loads {@code file} and runs it once on zeros.
   *
   * @throws EngineException one line naming the model: OpenCV's natives do not load, the manifest gives no
   *     single input shape, OpenCV cannot read the file (truncated, not TFLite) or cannot run it
   */
  public static OpenCvDnnEngine open(ModelFile file, EngineOptions options) throws EngineException {
    String name = file.name();
    OpenCvNatives.load("model '" + name + "'");
    Map<String, ExampleInput> examples = file.manifest().exampleInputs();
    if (examples.size() != 1) {
      throw new EngineException("model '" + name + "': OpenCV does not report a TFLite model's input shape;"
          + " give it as the one entry of example_inputs in the model's models.yaml (NCHW, e.g. {input: [1, 3, 128, 128]})");
    }
    Map.Entry<String, ExampleInput> example = examples.entrySet().iterator().next();
    TensorSpec input = new TensorSpec(example.getKey(), DType.FLOAT32, example.getValue().shape());
    Net net;
    try {
      net = Dnn.readNetFromTFLite(file.path().toString());
    } catch (RuntimeException e) {
      throw new EngineException("model '" + name + "': OpenCV cannot read " + file.path() + ": " + firstLine(e), e);
    }
    if (net.empty()) {
      throw new EngineException("model '" + name + "': OpenCV read no network from " + file.path());
    }
    Core.setNumThreads(options.intraOpThreads());
    List<String> names = net.getUnconnectedOutLayersNames();
    Map<String, TensorSpec> specs = new LinkedHashMap<>();
    int[] dims = Arrays.stream(input.shape()).mapToInt(Math::toIntExact).toArray();
    float[] zeros = new float[Math.toIntExact(Tensor.countElements(input.shape()))];
    // Shapes as OpenCV makes them: run once on zeros (OpenCV has no shape inference through its Java API).
    List<Mat> out = new ArrayList<>();
    try {
      forward(net, dims, zeros, names, out);
      for (int i = 0; i < names.size(); i++) {
        Mat m = out.get(i);
        long[] shape = new long[m.dims()];
        for (int d = 0; d < shape.length; d++) {
          shape[d] = m.size(d);
        }
        specs.put(names.get(i), new TensorSpec(names.get(i), DType.FLOAT32, shape));
      }
    } catch (RuntimeException e) {
      throw new EngineException("model '" + name + "': OpenCV cannot run it on a " + input + " input: "
          + firstLine(e), e);
    } finally {
      out.forEach(Mat::release);
    }
    return new OpenCvDnnEngine(name, net, input, dims, zeros, java.util.Collections.unmodifiableMap(specs));
  }

  /** One run: {@code values} as the input matrix of {@code dims}, the layers {@code names} into {@code out}. */
  private static void forward(Net net, int[] dims, float[] values, List<String> names, List<Mat> out) {
    Mat blob = new Mat(dims, CvType.CV_32F);
    try {
      blob.put(new int[dims.length], values);
      net.setInput(blob);
      net.forward(out, names);
    } finally {
      blob.release();
    }
  }

  @Override
  public String model() {
    return model;
  }

  @Override
  public String backend() {
    return OpenCvDnnBackend.NAME;
  }

  @Override
  public Map<String, TensorSpec> inputs() {
    return inputs;
  }

  @Override
  public Map<String, TensorSpec> outputs() {
    return outputs;
  }

  @Override
  public Map<String, Tensor> run(Map<String, Tensor> in) throws EngineException {
    Map<String, Tensor> result = new LinkedHashMap<>();
    for (TensorSpec spec : outputs.values()) {
      result.put(spec.name(), Tensor.allocateFloats(spec.shape()));
    }
    runInto(in, result);
    return result;
  }

  /**
   * @throws EngineException one line naming the model: a closed engine, a missing input or one of another
   *     type or shape, an output the model does not have or a tensor of another size for it, a failed run
   */
  @Override
  public synchronized void runInto(Map<String, Tensor> in, Map<String, Tensor> out) throws EngineException {
    if (closed) {
      throw new EngineException("model '" + model + "': the engine is closed");
    }
    Tensor tensor = in.get(input.name());
    if (tensor == null || tensor.dtype() != DType.FLOAT32 || !tensor.hasShape(input.shape())) {
      throw new EngineException("model '" + model + "': input '" + input.name() + "' must be "
          + input.dtype() + Arrays.toString(input.shape()) + ", got " + (tensor == null ? "none" : describe(tensor)));
    }
    List<String> names = new ArrayList<>(out.keySet());
    for (String name : names) {
      TensorSpec spec = outputs.get(name);
      Tensor t = out.get(name);
      if (spec == null) {
        throw new EngineException("model '" + model + "': no output '" + name + "' (outputs: "
            + String.join(", ", outputs.keySet()) + ")");
      }
      if (t.dtype() != DType.FLOAT32 || !t.hasShape(spec.shape())) {
        throw new EngineException("model '" + model + "': output '" + name + "' is "
            + spec.dtype() + Arrays.toString(spec.shape()) + ", the tensor given is " + describe(t));
      }
    }
    tensor.floats().get(0, inputValues);
    List<Mat> results = new ArrayList<>();
    try {
      forward(net, inputDims, inputValues, names, results);
      for (int i = 0; i < names.size(); i++) {
        float[] values = outputValues.computeIfAbsent(names.get(i),
            n -> new float[Math.toIntExact(out.get(n).elementCount())]);
        Mat flat = results.get(i).reshape(1, 1);
        try {
          flat.get(0, 0, values);
        } finally {
          flat.release();
        }
        out.get(names.get(i)).floats().put(0, values);
      }
    } catch (RuntimeException e) {
      throw new EngineException("model '" + model + "': the run failed: " + firstLine(e), e);
    } finally {
      results.forEach(Mat::release);
    }
  }

  /** OpenCV's Java {@code Net} has no release: its native memory goes when the collector finalises it. */
  @Override
  public synchronized void close() {
    closed = true;
  }

  private static String describe(Tensor t) {
    return t.dtype() + Arrays.toString(t.shape());
  }

  private static String firstLine(Throwable e) {
    String m = e.getMessage();
    return m == null || m.isBlank() ? e.getClass().getSimpleName() : m.strip().lines().findFirst().orElse("");
  }
}
