package dev.vigil.engines.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
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
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * ONNX Runtime on the CPU. Tensors wrap the caller's direct buffers without copying; the wrappers
 * are kept per name and rebuilt only when the caller passes a different buffer or shape, so a loop
 * that reuses its tensors crosses into native code with no allocation at all.
 */
public final class OnnxRuntimeEngine implements Engine {

    private static final OrtEnvironment ENVIRONMENT = OrtEnvironment.getEnvironment();

    private final String model;
    private final OrtSession session;
    private final Map<String, TensorSpec> inputs;
    private final Map<String, TensorSpec> outputs;
    private final Map<String, Wrapped> wrapped = new HashMap<>();

    private record Wrapped(Buffer buffer, long[] shape, OnnxTensor tensor) {
    }

    private OnnxRuntimeEngine(String model, OrtSession session) throws OrtException {
        this.model = model;
        this.session = session;
        this.inputs = specs(session.getInputInfo());
        this.outputs = specs(session.getOutputInfo());
    }

    public static OnnxRuntimeEngine open(ModelFile file, EngineOptions options) throws EngineException {
        String name = file.manifest().name();
        try (OrtSession.SessionOptions session = new OrtSession.SessionOptions()) {
            session.setIntraOpNumThreads(options.intraOpThreads());
            session.setInterOpNumThreads(1);
            session.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            return new OnnxRuntimeEngine(name, ENVIRONMENT.createSession(file.path().toString(), session));
        } catch (OrtException e) {
            throw new EngineException("model '" + name + "' (" + file.path() + "): not a valid ONNX model: " + firstLine(e), e);
        }
    }

    @Override
    public String model() {
        return model;
    }

    @Override
    public String backend() {
        return "onnxruntime-cpu";
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
    public synchronized Map<String, Tensor> run(Map<String, Tensor> in) throws EngineException {
        try (OrtSession.Result result = session.run(wrap(in))) {
            Map<String, Tensor> out = new LinkedHashMap<>();
            for (Map.Entry<String, ai.onnxruntime.OnnxValue> e : result) {
                if (e.getValue() instanceof OnnxTensor t) {
                    out.put(e.getKey(), copy(t));
                }
            }
            return out;
        } catch (OrtException e) {
            throw new EngineException("model '" + model + "': inference failed: " + firstLine(e), e);
        }
    }

    @Override
    public synchronized void runInto(Map<String, Tensor> in, Map<String, Tensor> out) throws EngineException {
        try (OrtSession.Result ignored = session.run(wrap(in), wrap(out))) {
            // Outputs were written into the caller's buffers; the result only holds references to them.
        } catch (OrtException e) {
            throw new EngineException("model '" + model + "': inference failed: " + firstLine(e), e);
        }
    }

    private Map<String, OnnxTensor> wrap(Map<String, Tensor> tensors) throws OrtException, EngineException {
        Map<String, OnnxTensor> result = new HashMap<>();
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            String name = e.getKey();
            if (!inputs.containsKey(name) && !outputs.containsKey(name)) {
                throw new EngineException("model '" + model + "' has no tensor named '" + name + "' (inputs "
                        + inputs.keySet() + ", outputs " + outputs.keySet() + ")");
            }
            Tensor t = e.getValue();
            Wrapped known = wrapped.get(name);
            if (known == null || known.buffer() != t.data() || !Arrays.equals(known.shape(), t.shape())) {
                if (known != null) {
                    known.tensor().close();
                }
                known = new Wrapped(t.data(), t.shape().clone(), create(t));
                wrapped.put(name, known);
            }
            result.put(name, known.tensor());
        }
        return result;
    }

    private static OnnxTensor create(Tensor t) throws OrtException {
        return switch (t.dtype()) {
            case FLOAT32 -> OnnxTensor.createTensor(ENVIRONMENT, (FloatBuffer) t.data(), t.shape());
            case INT64 -> OnnxTensor.createTensor(ENVIRONMENT, (LongBuffer) t.data(), t.shape());
            case INT32 -> OnnxTensor.createTensor(ENVIRONMENT, (IntBuffer) t.data(), t.shape());
            case UINT8 -> OnnxTensor.createTensor(ENVIRONMENT, (ByteBuffer) t.data(), t.shape(), OnnxJavaType.UINT8);
            case INT8 -> OnnxTensor.createTensor(ENVIRONMENT, (ByteBuffer) t.data(), t.shape(), OnnxJavaType.INT8);
            case BOOL -> OnnxTensor.createTensor(ENVIRONMENT, (ByteBuffer) t.data(), t.shape(), OnnxJavaType.BOOL);
            case FLOAT16 -> OnnxTensor.createTensor(ENVIRONMENT, (ByteBuffer) t.data(), t.shape(), OnnxJavaType.FLOAT16);
        };
    }

    private static Tensor copy(OnnxTensor t) throws EngineException {
        TensorInfo info = t.getInfo();
        long[] shape = info.getShape();
        return switch (info.type) {
            case FLOAT -> {
                Tensor out = Tensor.allocateFloats(shape);
                out.floats().put(t.getFloatBuffer());
                yield out;
            }
            case INT64 -> {
                Tensor out = Tensor.allocateLongs(shape);
                out.longs().put(t.getLongBuffer());
                yield out;
            }
            default -> {
                ByteBuffer bytes = ByteBuffer.allocateDirect(t.getByteBuffer().remaining()).order(ByteOrder.nativeOrder());
                bytes.put(t.getByteBuffer()).clear();
                yield new Tensor(dtype(info.type), shape, bytes);
            }
        };
    }

    private static Map<String, TensorSpec> specs(Map<String, NodeInfo> nodes) {
        Map<String, TensorSpec> specs = new LinkedHashMap<>();
        nodes.forEach((name, node) -> {
            if (node.getInfo() instanceof TensorInfo info) {
                specs.put(name, new TensorSpec(name, dtype(info.type), info.getShape()));
            }
        });
        return java.util.Collections.unmodifiableMap(specs);
    }

    private static DType dtype(OnnxJavaType type) {
        return switch (type) {
            case FLOAT -> DType.FLOAT32;
            case FLOAT16 -> DType.FLOAT16;
            case INT64 -> DType.INT64;
            case INT32 -> DType.INT32;
            case INT8 -> DType.INT8;
            case UINT8 -> DType.UINT8;
            case BOOL -> DType.BOOL;
            default -> throw new IllegalArgumentException("unsupported ONNX element type " + type);
        };
    }

    private static String firstLine(Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.lines().findFirst().orElse(m).strip();
    }

    @Override
    public synchronized void close() {
        wrapped.values().forEach(w -> w.tensor().close());
        wrapped.clear();
        try {
            session.close();
        } catch (OrtException ignored) {
            // Closing a session that failed to run still frees it; nothing useful to report.
        }
    }
}
