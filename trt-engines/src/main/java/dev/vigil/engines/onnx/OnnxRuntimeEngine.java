package dev.vigil.engines.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.vigil.engines.DType;
import dev.vigil.engines.Engine;
import dev.vigil.engines.EngineException;
import dev.vigil.engines.EngineOptions;
import dev.vigil.engines.Tensor;
import dev.vigil.engines.TensorSpec;
import dev.vigil.engines.models.ModelFile;
import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.ShortBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An {@link Engine} backed by an ONNX Runtime session: on the CPU, or with the CUDA or TensorRT
 * execution provider added ({@link OrtProviderBackend}).
 *
 * <p>One thread at a time: callers run an engine from a worker pool, one task after another.
 * {@link #run} and {@link #runInto} take a lock all the same, so concurrent misuse waits instead of
 * corrupting the wrapper cache or the caller's output buffers.
 *
 * <p>Caller tensors are wrapped, not copied: the native session reads inputs from and writes
 * pinned outputs to the caller's direct buffers. The wrappers are cached per tensor name and reused
 * while the caller keeps passing the same buffer with the same shape, which a per-frame loop does.
 */
public final class OnnxRuntimeEngine implements Engine {

  public static final String BACKEND = "onnxruntime-cpu";

  private final String model;
  private final String backend;
  private final Path file;
  private final OrtSession session;
  private final Map<String, TensorSpec> inputs;
  private final Map<String, TensorSpec> outputs;
  private final ReentrantLock lock = new ReentrantLock();
  private final Map<String, Wrapped> inputWrappers = new HashMap<>();
  private final Map<String, Wrapped> outputWrappers = new HashMap<>();
  private boolean closed;

  /** A native tensor view of one caller buffer, valid while the caller passes that buffer. */
  private record Wrapped(Buffer data, DType dtype, long[] shape, OnnxTensor tensor) {}

  private OnnxRuntimeEngine(
      String model,
      String backend,
      Path file,
      OrtSession session,
      Map<String, TensorSpec> inputs,
      Map<String, TensorSpec> outputs) {
    this.model = model;
    this.backend = backend;
    this.file = file;
    this.session = session;
    this.inputs = inputs;
    this.outputs = outputs;
  }

  /**
   * Why this backend cannot run here, or empty when it can. Loading the native library is the test:
   * it fails on platforms the ORT jar has no binary for.
   */
  public static Optional<String> unavailableReason() {
    try {
      Environment.get();
      return Optional.empty();
    } catch (LinkageError | RuntimeException e) {
      return Optional.of("cannot load ONNX Runtime: " + firstLine(e));
    }
  }

  public static OnnxRuntimeEngine open(ModelFile model, EngineOptions options)
      throws EngineException {
    return open(model.manifest().name(), model.path(), options);
  }

  /** Loads {@code file} as model {@code model}; the name is what error messages lead with. */
  public static OnnxRuntimeEngine open(String model, Path file, EngineOptions options)
      throws EngineException {
    return open(model, file, options, BACKEND, so -> { });
  }

  /**
   * Loads {@code file} with execution providers added by {@code providers} (ONNX Runtime falls back
   * to its CPU provider for the nodes they do not take).
   *
   * @param backend the name {@link #backend()} reports, e.g. {@code "onnxruntime-cuda"}
   * @throws EngineException as {@link #openSession}; also when a provider cannot be added
   */
  public static OnnxRuntimeEngine open(String model, Path file, EngineOptions options,
      String backend, SessionSetup providers) throws EngineException {
    OrtSession session = openSession(model, file, options, providers);
    String where = "model '" + model + "' (" + file + ")";
    boolean opened = false;
    try {
      OnnxRuntimeEngine engine = new OnnxRuntimeEngine(model, backend, file, session,
          specs(model, session.getInputInfo()), specs(model, session.getOutputInfo()));
      opened = true;
      return engine;
    } catch (OrtException e) {
      throw new EngineException(where + ": cannot read its inputs and outputs: " + ortMessage(e),
          e);
    } finally {
      if (!opened) {
        closeQuietly(session);
      }
    }
  }

  /** What a model needs in its session options beyond Vigil's defaults, e.g. a custom-op library. */
  @FunctionalInterface
  public interface SessionSetup {
    void apply(OrtSession.SessionOptions options) throws OrtException;
  }

  /**
   * A raw ONNX Runtime session with Vigil's session defaults, for a model the {@link Engine}
   * interface cannot carry (custom operators, string tensors). The caller owns and closes it.
   *
   * @param extra applied after the defaults, before the session is created
   * @throws EngineException one line naming the model and the file: missing file, no ONNX Runtime
   *     on this platform, not a valid model, an operator nobody registered
   */
  public static OrtSession openSession(String model, Path file, EngineOptions options,
      SessionSetup extra) throws EngineException {
    return openSession(model, file, null, options, extra);
  }

  /**
   * {@link #openSession(String, Path, EngineOptions, SessionSetup)} on the model's bytes as the
   * caller edited them ({@code file} names it in errors): a graph opened up for an input its
   * converter left unconnected.
   *
   * @param bytes the serialized ModelProto; null: read {@code file}
   */
  public static OrtSession openSession(String model, Path file, byte[] bytes, EngineOptions options,
      SessionSetup extra) throws EngineException {
    String where = "model '" + model + "' (" + file + ")";
    if (bytes == null && !Files.isRegularFile(file)) {
      throw new EngineException(where + ": file not found");
    }
    OrtEnvironment env;
    try {
      env = Environment.get();
    } catch (LinkageError | RuntimeException e) {
      throw new EngineException(where + ": cannot load ONNX Runtime: " + firstLine(e), e);
    }
    try (OrtSession.SessionOptions so = new OrtSession.SessionOptions()) {
      so.setIntraOpNumThreads(options.intraOpThreads());
      so.setInterOpNumThreads(1);
      so.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
      // Spinning workers would burn the cores other engines and the audio path need.
      so.addConfigEntry("session.intra_op.allow_spinning", "0");
      so.setSessionLogLevel(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR);
      extra.apply(so);
      return bytes == null ? env.createSession(file.toString(), so) : env.createSession(bytes, so);
    } catch (OrtException e) {
      String problem =
          switch (e.getCode()) {
            case ORT_INVALID_PROTOBUF, ORT_INVALID_GRAPH, ORT_FAIL -> "not a valid ONNX model";
            case ORT_NOT_IMPLEMENTED -> "uses an operator this ONNX Runtime does not implement";
            case ORT_NO_SUCHFILE -> "file not found";
            default -> "cannot load";
          };
      throw new EngineException(where + ": " + problem + ": " + ortMessage(e), e);
    }
  }

  @Override
  public String model() {
    return model;
  }

  @Override
  public String backend() {
    return backend;
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
    lock.lock();
    try {
      Map<String, OnnxTensor> nativeIn = wrapInputs(in);
      try (OrtSession.Result result = session.run(nativeIn)) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Map.Entry<String, OnnxValue> e : result) {
          out.put(e.getKey(), copyOut(e.getKey(), e.getValue()));
        }
        return out;
      } catch (OrtException e) {
        throw new EngineException(prefix() + ": run failed: " + ortMessage(e), e);
      }
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void runInto(Map<String, Tensor> in, Map<String, Tensor> out) throws EngineException {
    lock.lock();
    try {
      Map<String, OnnxTensor> nativeIn = wrapInputs(in);
      if (out.isEmpty()) {
        throw new EngineException(prefix() + ": runInto needs at least one output tensor");
      }
      Map<String, OnnxTensor> nativeOut = new HashMap<>();
      for (Map.Entry<String, Tensor> e : out.entrySet()) {
        TensorSpec spec = outputs.get(e.getKey());
        if (spec == null) {
          throw new EngineException(
              prefix() + ": no output named '" + e.getKey() + "' (outputs: "
                  + String.join(", ", outputs.keySet()) + ")");
        }
        nativeOut.put(e.getKey(), wrap(outputWrappers, "output", spec, e.getValue()));
      }
      try {
        // ORT writes straight into the caller's buffers. They are pinned outputs, which the
        // result does not own, so closing it leaves them alone.
        session.run(nativeIn, nativeOut).close();
      } catch (OrtException e) {
        throw new EngineException(prefix() + ": run failed: " + ortMessage(e), e);
      }
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void close() {
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      inputWrappers.values().forEach(w -> w.tensor().close());
      outputWrappers.values().forEach(w -> w.tensor().close());
      inputWrappers.clear();
      outputWrappers.clear();
      closeQuietly(session);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public String toString() {
    return "OnnxRuntimeEngine[" + model + " on " + backend + " (" + file + ")]";
  }

  private String prefix() {
    return "model '" + model + "'";
  }

  private Map<String, OnnxTensor> wrapInputs(Map<String, Tensor> in) throws EngineException {
    if (closed) {
      throw new EngineException(prefix() + ": engine is closed");
    }
    for (String name : inputs.keySet()) {
      if (!in.containsKey(name)) {
        throw new EngineException(prefix() + ": missing input '" + name + "' (inputs: "
            + String.join(", ", inputs.keySet()) + ")");
      }
    }
    Map<String, OnnxTensor> wrapped = new HashMap<>();
    for (Map.Entry<String, Tensor> e : in.entrySet()) {
      TensorSpec spec = inputs.get(e.getKey());
      if (spec == null) {
        throw new EngineException(prefix() + ": no input named '" + e.getKey() + "' (inputs: "
            + String.join(", ", inputs.keySet()) + ")");
      }
      wrapped.put(e.getKey(), wrap(inputWrappers, "input", spec, e.getValue()));
    }
    return wrapped;
  }

  private void check(String role, TensorSpec spec, Tensor t) throws EngineException {
    if (t.dtype() != spec.dtype() || !spec.accepts(t.shape())) {
      throw new EngineException(prefix() + ": " + role + " '" + spec.name() + "' must be "
          + spec.dtype() + Arrays.toString(spec.shape()) + ", got " + t.dtype()
          + Arrays.toString(t.shape()));
    }
  }

  /**
   * The cached native view of {@code t}, made anew (after checking {@code t} against {@code spec})
   * when the caller switched buffer or shape. A view is only made for a tensor that passed the
   * check, so a cache hit needs none: per call, that is the layer's cost on a 32 ms VAD window.
   */
  private OnnxTensor wrap(Map<String, Wrapped> cache, String role, TensorSpec spec, Tensor t)
      throws EngineException {
    String name = spec.name();
    Wrapped w = cache.get(name);
    if (w != null && w.data() == t.data() && w.dtype() == t.dtype() && t.hasShape(w.shape())) {
      return w.tensor();
    }
    check(role, spec, t);
    if (w != null) {
      w.tensor().close();
      cache.remove(name);
    }
    OnnxTensor tensor;
    try {
      tensor = createTensor(t);
    } catch (OrtException e) {
      throw new EngineException(prefix() + ": cannot pass tensor '" + name + "' to ONNX Runtime: "
          + ortMessage(e), e);
    }
    cache.put(name, new Wrapped(t.data(), t.dtype(), t.shape(), tensor));
    return tensor;
  }

  private static OnnxTensor createTensor(Tensor t) throws OrtException {
    OrtEnvironment env = Environment.get();
    long[] shape = t.shape();
    // Tensor guarantees a direct native-order buffer at position 0, which ORT wraps in place.
    Buffer data = t.data();
    return switch (t.dtype()) {
      case FLOAT32 -> OnnxTensor.createTensor(env, (FloatBuffer) data, shape);
      case FLOAT16 -> OnnxTensor.createTensor(env, (ShortBuffer) data, shape, OnnxJavaType.FLOAT16);
      case INT64 -> OnnxTensor.createTensor(env, (LongBuffer) data, shape);
      case INT32 -> OnnxTensor.createTensor(env, (IntBuffer) data, shape);
      case INT8 -> OnnxTensor.createTensor(env, (ByteBuffer) data, shape, OnnxJavaType.INT8);
      case UINT8 -> OnnxTensor.createTensor(env, (ByteBuffer) data, shape, OnnxJavaType.UINT8);
      case BOOL -> OnnxTensor.createTensor(env, (ByteBuffer) data, shape, OnnxJavaType.BOOL);
    };
  }

  /** Copies an ORT-owned output into a direct tensor the caller may keep after the result closes. */
  private Tensor copyOut(String name, OnnxValue value) throws EngineException {
    if (!(value instanceof OnnxTensor tensor)) {
      throw new EngineException(prefix() + ": output '" + name + "' is a " + value.getType()
          + ", not a tensor");
    }
    TensorInfo info = tensor.getInfo();
    DType dtype = dtypeOf(info);
    if (dtype == null) {
      throw new EngineException(prefix() + ": output '" + name + "' has element type "
          + info.onnxType + ", which Vigil engines do not handle");
    }
    Tensor copy = Tensor.allocate(dtype, info.getShape());
    ByteBuffer raw = tensor.getByteBuffer();
    switch (dtype) {
      case FLOAT32 -> copy.floats().put(raw.order(ByteOrder.nativeOrder()).asFloatBuffer());
      case INT64 -> copy.longs().put(raw.order(ByteOrder.nativeOrder()).asLongBuffer());
      case INT32 -> copy.ints().put(raw.order(ByteOrder.nativeOrder()).asIntBuffer());
      case FLOAT16 -> ((ShortBuffer) copy.data()).duplicate().clear()
          .put(raw.order(ByteOrder.nativeOrder()).asShortBuffer());
      case INT8, UINT8, BOOL -> copy.bytes().put(raw);
    }
    return copy;
  }

  private static Map<String, TensorSpec> specs(String model, Map<String, NodeInfo> infos)
      throws EngineException {
    Map<String, TensorSpec> specs = new LinkedHashMap<>();
    for (Map.Entry<String, NodeInfo> e : infos.entrySet()) {
      if (!(e.getValue().getInfo() instanceof TensorInfo info)) {
        throw new EngineException("model '" + model + "': '" + e.getKey() + "' is a "
            + e.getValue().getInfo().getClass().getSimpleName() + ", not a tensor; Vigil engines"
            + " exchange tensors only");
      }
      DType dtype = dtypeOf(info);
      if (dtype == null) {
        throw new EngineException("model '" + model + "': '" + e.getKey() + "' has element type "
            + info.onnxType + ", which Vigil engines do not handle");
      }
      specs.put(e.getKey(), new TensorSpec(e.getKey(), dtype, info.getShape()));
    }
    return Collections.unmodifiableMap(specs);
  }

  private static DType dtypeOf(TensorInfo info) {
    return switch (info.onnxType) {
      case ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT -> DType.FLOAT32;
      case ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT16 -> DType.FLOAT16;
      case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT64 -> DType.INT64;
      case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT32 -> DType.INT32;
      case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT8 -> DType.INT8;
      case ONNX_TENSOR_ELEMENT_DATA_TYPE_UINT8 -> DType.UINT8;
      case ONNX_TENSOR_ELEMENT_DATA_TYPE_BOOL -> DType.BOOL;
      default -> null;
    };
  }

  /**
   * ORT's message on one line, without its "Error code - X - message:" preamble or a "Load model
   * from PATH failed:" that would repeat the path our message already names.
   */
  private static String ortMessage(OrtException e) {
    String m = firstLine(e);
    int at = m.indexOf(" - message: ");
    if (at >= 0) {
      m = m.substring(at + " - message: ".length()).strip();
    }
    Matcher load = LOAD_FAILED.matcher(m);
    return load.matches() ? load.group(1).strip() : m;
  }

  private static final Pattern LOAD_FAILED = Pattern.compile("Load model from .* failed:(.+)");

  private static String firstLine(Throwable e) {
    String m = e.getMessage();
    if (m == null || m.isBlank()) {
      return e.getClass().getSimpleName();
    }
    return m.strip().lines().findFirst().orElse("").strip();
  }

  private static void closeQuietly(OrtSession session) {
    try {
      session.close();
    } catch (OrtException ignored) {
      // Nothing useful to do: the session is being discarded either way.
    }
  }

  /** The process's ORT environment: {@link OrtRuntime#environment()}. */
  private static final class Environment {
    static OrtEnvironment get() {
      return OrtRuntime.environment();
    }
  }
}
