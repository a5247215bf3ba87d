package dev.vigil.engines.tensorrt;

import static org.bytedeco.cuda.global.cudart.cudaFree;
import static org.bytedeco.cuda.global.cudart.cudaGetErrorString;
import static org.bytedeco.cuda.global.cudart.cudaMalloc;
import static org.bytedeco.cuda.global.cudart.cudaMemcpyAsync;
import static org.bytedeco.cuda.global.cudart.cudaMemcpyDeviceToHost;
import static org.bytedeco.cuda.global.cudart.cudaMemcpyHostToDevice;
import static org.bytedeco.cuda.global.cudart.cudaStreamCreate;
import static org.bytedeco.cuda.global.cudart.cudaStreamDestroy;
import static org.bytedeco.cuda.global.cudart.cudaStreamSynchronize;

import dev.vigil.engines.DType;
import dev.vigil.engines.Engine;
import dev.vigil.engines.EngineException;
import dev.vigil.engines.EngineOptions;
import dev.vigil.engines.Tensor;
import dev.vigil.engines.TensorSpec;
import dev.vigil.engines.models.ModelFile;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.bytedeco.cuda.cudart.CUstream_st;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.tensorrt.global.nvinfer;
import org.bytedeco.tensorrt.global.nvinfer.TensorIOMode;
import org.bytedeco.tensorrt.nvinfer.Dims64;
import org.bytedeco.tensorrt.nvinfer.ICudaEngine;
import org.bytedeco.tensorrt.nvinfer.IExecutionContext;
import org.bytedeco.tensorrt.nvinfer.IRuntime;

/**
 * An ONNX model run as a TensorRT plan on GPU 0, through JavaCPP's bindings.
 *
 * <p><b>Open.</b> The plan for the model's {@link PlanRecipe} comes from the {@link PlanCache}, or is
 * built now ({@link TensorRtBuilder}: seconds to minutes) and cached. A cached plan that TensorRT will
 * not load is deleted and built once more.
 *
 * <p><b>Run.</b> Inputs and outputs are the plan's I/O tensors, in TensorRT's types (FP32 stays FP32
 * at the edges even in an FP16 plan). Each run copies the inputs from the caller's direct buffers to
 * device buffers on one CUDA stream, sets the input shapes (which must lie in the plan's profile),
 * enqueues the plan and copies the outputs back, then waits for the stream. Device buffers are kept
 * from run to run and grow only when a larger shape arrives. Outputs whose shape depends on the data
 * (e.g. {@code NonZero}) and shape-tensor inputs are refused with a clear error; none of Vigil's models
 * has them.
 *
 * <p><b>Not verified:</b> written against the bindings' API and compiled, but no GPU was available to
 * this project when it was written; {@code GpuBackendsTest} runs it wherever one is.
 */
public final class TensorRtEngine implements Engine {

  private static final System.Logger LOG = System.getLogger(TensorRtEngine.class.getName());

  private final String model;
  private final TrtLog log;
  private final IRuntime runtime;
  private final ICudaEngine engine;
  private final IExecutionContext context;
  private final CUstream_st stream;
  private final Map<String, TensorSpec> inputs;
  private final Map<String, TensorSpec> outputs;
  private final Map<String, DeviceBuffer> buffers = new HashMap<>();
  /** Each run's input shapes pass through this one native struct, not one allocated per run. */
  private final Dims64 shape = new Dims64();
  private final Path plan;
  private final boolean built;
  private boolean closed;

  private TensorRtEngine(String model, TrtLog log, IRuntime runtime, ICudaEngine engine,
      IExecutionContext context, CUstream_st stream, Map<String, TensorSpec> inputs,
      Map<String, TensorSpec> outputs, Path plan, boolean built) {
    this.model = model;
    this.log = log;
    this.runtime = runtime;
    this.engine = engine;
    this.context = context;
    this.stream = stream;
    this.inputs = inputs;
    this.outputs = outputs;
    this.plan = plan;
    this.built = built;
  }

  /**
   * Opens {@code file} on this host's TensorRT, building its plan into {@code cache} if it is not
   * there.
   *
   * @throws EngineException one line naming the model: TensorRT not available here, the build's
   *     error, a plan TensorRT will not load even when just built, an I/O tensor of a type Vigil's
   *     tensors do not carry, a CUDA error
   */
  public static TensorRtEngine open(ModelFile file, EngineOptions options, PlanCache cache)
      throws EngineException {
    String name = file.name();
    TensorRtHost host = TensorRtHost.probe();
    if (!host.availability().available()) {
      throw new EngineException("model '" + name + "': " + host.availability().reason());
    }
    PlanRecipe recipe = PlanRecipe.of(file, options, host.version(), host.computeCapability());
    TrtLog log = new TrtLog(name);
    IRuntime runtime = nvinfer.createInferRuntime(log);
    if (runtime == null || runtime.isNull()) {
      throw new EngineException("model '" + name + "': TensorRT made no runtime: "
          + log.lastError());
    }
    boolean[] built = {false};
    PlanCache.PlanBuilder builder = out -> {
      built[0] = true;
      TensorRtBuilder.build(file, recipe, log, out);
    };
    ICudaEngine engine = null;
    try {
      Path plan = cache.getOrBuild(name, recipe.key(), builder);
      engine = deserialize(runtime, plan, name);
      if (engine == null && !built[0]) {
        cache.evict(name, recipe.key());
        plan = cache.getOrBuild(name, recipe.key(), builder);
        engine = deserialize(runtime, plan, name);
      }
      if (engine == null) {
        throw new EngineException("model '" + name + "': TensorRT cannot load the plan it built ("
            + plan + "): " + log.lastError());
      }
      IExecutionContext context = engine.createExecutionContext();
      if (context == null || context.isNull()) {
        throw new EngineException("model '" + name + "': TensorRT made no execution context: "
            + log.lastError());
      }
      Map<String, TensorSpec> in = new LinkedHashMap<>();
      Map<String, TensorSpec> out = new LinkedHashMap<>();
      for (int i = 0; i < engine.getNbIOTensors(); i++) {
        String tensor = engine.getIOTensorName(i);
        nvinfer.DataType type = engine.getTensorDataType(tensor);
        Optional<DType> dtype = TrtTypes.dtype(type);
        if (dtype.isEmpty()) {
          throw new EngineException("model '" + name + "': tensor '" + tensor + "' is "
              + type.intern() + ", which Vigil's tensors do not carry");
        }
        TensorSpec spec = new TensorSpec(tensor, dtype.get(),
            TrtTypes.shape(engine.getTensorShape(tensor)));
        if (engine.getTensorIOMode(tensor).value == TensorIOMode.kINPUT.value) {
          if (engine.isShapeInferenceIO(tensor)) {
            throw new EngineException("model '" + name + "': input '" + tensor + "' is a shape"
                + " tensor (its values set other tensors' shapes), which this engine does not feed");
          }
          in.put(tensor, spec);
        } else {
          out.put(tensor, spec);
        }
      }
      CUstream_st stream = new CUstream_st();
      check(cudaStreamCreate(stream), name, "cudaStreamCreate");
      LOG.log(Level.INFO, "model ''{0}'': TensorRT plan {1} ({2}), {3}", name, plan,
          built[0] ? "built now" : "from the cache", recipe.key());
      return new TensorRtEngine(name, log, runtime, engine, context, stream,
          Collections.unmodifiableMap(in), Collections.unmodifiableMap(out), plan, built[0]);
    } catch (EngineException | RuntimeException e) {
      if (engine != null) {
        engine.deallocate();
      }
      runtime.deallocate();
      throw e;
    }
  }

  /** The plan in TensorRT's hands, or null when TensorRT will not load it. */
  private static ICudaEngine deserialize(IRuntime runtime, Path plan, String model)
      throws EngineException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(plan);
    } catch (IOException e) {
      throw new EngineException("model '" + model + "': cannot read the TensorRT plan " + plan
          + ": " + e.getMessage(), e);
    }
    // TensorRT copies what it keeps: the native copy of the file goes right after.
    try (BytePointer blob = new BytePointer(bytes)) {
      ICudaEngine engine = runtime.deserializeCudaEngine(blob, bytes.length);
      return engine == null || engine.isNull() ? null : engine;
    }
  }

  @Override
  public String model() {
    return model;
  }

  @Override
  public String backend() {
    return TensorRtBackend.NAME;
  }

  @Override
  public Map<String, TensorSpec> inputs() {
    return inputs;
  }

  @Override
  public Map<String, TensorSpec> outputs() {
    return outputs;
  }

  /** The plan this engine runs, in the plan cache. */
  public Path plan() {
    return plan;
  }

  /** Whether opening built the plan (true) or found it in the cache (false). */
  public boolean built() {
    return built;
  }

  @Override
  public synchronized Map<String, Tensor> run(Map<String, Tensor> in) throws EngineException {
    try {
      bindInputs(in);
      Map<String, Tensor> result = new LinkedHashMap<>();
      for (TensorSpec spec : outputs.values()) {
        result.put(spec.name(), Tensor.allocate(spec.dtype(), outputShape(spec.name())));
      }
      execute(result);
      return result;
    } catch (RuntimeException | LinkageError e) {
      throw TensorRtBackend.unexpected(model, e);
    }
  }

  /**
   * @throws EngineException one line naming the model: a closed engine, a missing input or one of
   *     another type or shape, a shape outside the plan's profile, an output the model does not have or
   *     a tensor of another type or shape for it, a CUDA or TensorRT failure
   */
  @Override
  public synchronized void runInto(Map<String, Tensor> in, Map<String, Tensor> out)
      throws EngineException {
    try {
      bindAndRun(in, out);
    } catch (RuntimeException | LinkageError e) {
      throw TensorRtBackend.unexpected(model, e);
    }
  }

  private void bindAndRun(Map<String, Tensor> in, Map<String, Tensor> out) throws EngineException {
    bindInputs(in);
    for (Map.Entry<String, Tensor> e : out.entrySet()) {
      TensorSpec spec = outputs.get(e.getKey());
      if (spec == null) {
        throw new EngineException("model '" + model + "': no output '" + e.getKey()
            + "' (outputs: " + String.join(", ", outputs.keySet()) + ")");
      }
      long[] shape = outputShape(spec.name());
      if (e.getValue().dtype() != spec.dtype() || !e.getValue().hasShape(shape)) {
        throw new EngineException("model '" + model + "': output '" + spec.name() + "' is "
            + spec.dtype() + Arrays.toString(shape) + " for these inputs, the tensor given is "
            + e.getValue().dtype() + Arrays.toString(e.getValue().shape()));
      }
    }
    execute(out);
  }

  /** Checks the inputs, sets their shapes and queues their copies to the device. */
  private void bindInputs(Map<String, Tensor> in) throws EngineException {
    if (closed) {
      throw new EngineException("model '" + model + "': the engine is closed");
    }
    for (TensorSpec spec : inputs.values()) {
      Tensor t = in.get(spec.name());
      if (t == null || t.dtype() != spec.dtype() || !spec.accepts(t.shape())) {
        throw new EngineException("model '" + model + "': input '" + spec.name() + "' must be "
            + spec + ", got " + (t == null ? "none" : t.dtype() + Arrays.toString(t.shape())));
      }
      if (!context.setInputShape(spec.name(), TrtTypes.dims(shape, t.shape()))) {
        throw new EngineException("model '" + model + "': input '" + spec.name() + "' of shape "
            + Arrays.toString(t.shape()) + " is outside the plan's profile (" + log.lastError()
            + "); widen tensorrt_profile in the model's manifest");
      }
      long bytes = t.elementCount() * t.dtype().bytes();
      Pointer device = buffer(spec.name(), bytes);
      check(cudaMemcpyAsync(device, new Pointer(t.data()), bytes, cudaMemcpyHostToDevice, stream),
          model, "copying input '" + spec.name() + "' to the GPU");
    }
  }

  /** An output's shape for the inputs just bound. */
  private long[] outputShape(String name) throws EngineException {
    long[] shape = TrtTypes.shape(context.getTensorShape(name));
    if (shape == null || Arrays.stream(shape).anyMatch(d -> d < 0)) {
      throw new EngineException("model '" + model + "': the shape of output '" + name
          + "' depends on the data (" + (shape == null ? "unknown" : Arrays.toString(shape))
          + "), which this engine does not support");
    }
    return shape;
  }

  /** Binds every output (TensorRT needs them all), runs, copies back those in {@code out}. */
  private void execute(Map<String, Tensor> out) throws EngineException {
    for (TensorSpec spec : outputs.values()) {
      long[] shape = outputShape(spec.name());
      buffer(spec.name(), Tensor.countElements(shape) * spec.dtype().bytes());
    }
    if (!context.enqueueV3(stream)) {
      throw new EngineException("model '" + model + "': TensorRT could not run the plan: "
          + log.lastError());
    }
    for (Map.Entry<String, Tensor> e : out.entrySet()) {
      Tensor t = e.getValue();
      long bytes = t.elementCount() * t.dtype().bytes();
      check(cudaMemcpyAsync(new Pointer(t.data()), buffers.get(e.getKey()).pointer, bytes,
          cudaMemcpyDeviceToHost, stream), model, "copying output '" + e.getKey() + "' back");
    }
    check(cudaStreamSynchronize(stream), model, "the run");
  }

  /** The device buffer of a tensor, at least {@code bytes} long, bound to the context. */
  private Pointer buffer(String tensor, long bytes) throws EngineException {
    DeviceBuffer b = buffers.get(tensor);
    if (b == null || b.bytes < bytes) {
      if (b != null) {
        cudaFree(b.pointer);
      }
      Pointer p = new Pointer();
      check(cudaMalloc(p, Math.max(bytes, 1)), model, "allocating " + bytes + " bytes on the GPU"
          + " for '" + tensor + "'");
      b = new DeviceBuffer(p, bytes);
      buffers.put(tensor, b);
      if (!context.setTensorAddress(tensor, p)) {
        throw new EngineException("model '" + model + "': TensorRT refused the buffer of '"
            + tensor + "': " + log.lastError());
      }
    }
    return b.pointer;
  }

  private static void check(int status, String model, String what) throws EngineException {
    if (status != 0) {
      throw new EngineException("model '" + model + "': CUDA error in " + what + ": "
          + cudaGetErrorString(status).getString() + " (" + status + ")");
    }
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    buffers.values().forEach(b -> cudaFree(b.pointer));
    buffers.clear();
    cudaStreamDestroy(stream);
    context.deallocate();
    engine.deallocate();
    runtime.deallocate();
    log.deallocate();
  }

  /** A device allocation and its size in bytes. */
  private record DeviceBuffer(Pointer pointer, long bytes) {}
}
