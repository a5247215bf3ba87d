package dev.vigil.engines.tensorrt;

import dev.vigil.engines.EngineException;
import dev.vigil.engines.InputShapeRange;
import dev.vigil.engines.Precision;
import dev.vigil.engines.models.ModelFile;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.tensorrt.global.nvinfer;
import org.bytedeco.tensorrt.global.nvinfer.BuilderFlag;
import org.bytedeco.tensorrt.global.nvinfer.LayerType;
import org.bytedeco.tensorrt.global.nvinfer.NetworkDefinitionCreationFlag;
import org.bytedeco.tensorrt.global.nvinfer.OptProfileSelector;
import org.bytedeco.tensorrt.global.nvonnxparser;
import org.bytedeco.tensorrt.nvinfer.Dims64;
import org.bytedeco.tensorrt.nvinfer.IBuilder;
import org.bytedeco.tensorrt.nvinfer.IBuilderConfig;
import org.bytedeco.tensorrt.nvinfer.IHostMemory;
import org.bytedeco.tensorrt.nvinfer.ILogger;
import org.bytedeco.tensorrt.nvinfer.INetworkDefinition;
import org.bytedeco.tensorrt.nvinfer.IOptimizationProfile;
import org.bytedeco.tensorrt.nvinfer.ITensor;
import org.bytedeco.tensorrt.nvonnxparser.IParser;

/**
 * Builds a serialised TensorRT plan from an ONNX model: TensorRT's ONNX parser, one optimisation
 * profile for the dynamic inputs ({@link PlanRecipe#rangesFor}), and the precision:
 *
 * <ul>
 *   <li>FP32: no precision flag;
 *   <li>FP16: {@code BuilderFlag.kFP16}; a model with Q/DQ nodes also gets {@code kINT8}, so its
 *       quantized layers stay INT8 (TensorRT's weakly typed explicit quantization);
 *   <li>INT8: a strongly typed network ({@code kSTRONGLY_TYPED}), the types coming from the model's
 *       Q/DQ nodes, as TensorRT 10 recommends; a model without them is refused.
 * </ul>
 *
 * <p>Takes seconds to minutes (TensorRT times candidate kernels on the GPU): run it on a worker, or at
 * install time with {@code vigil engines build}. Needs the natives and a GPU.
 */
final class TensorRtBuilder {

  private static final System.Logger LOG = System.getLogger(TensorRtBuilder.class.getName());

  private TensorRtBuilder() {}

  /**
   * Parses {@code file}, builds its plan and writes it to {@code plan}.
   *
   * @throws EngineException one line naming the model: the parser's first error, a profile that does
   *     not fit the inputs, INT8 asked of a model without Q/DQ nodes, TensorRT's last error when the
   *     build fails
   */
  static void build(ModelFile file, PlanRecipe recipe, TrtLog log, OutputStream plan)
      throws EngineException, IOException {
    String name = file.name();
    Precision precision = recipe.key().precision();
    IBuilder builder = null;
    INetworkDefinition network = null;
    IParser parser = null;
    IBuilderConfig config = null;
    IHostMemory serialized = null;
    try {
      builder = new IBuilder(nvinfer.createInferBuilder_INTERNAL(log, nvinfer.NV_TENSORRT_VERSION));
      if (builder.isNull()) {
        throw new EngineException("model '" + name + "': TensorRT made no builder: "
            + log.lastError());
      }
      int flags = precision == Precision.INT8
          ? 1 << NetworkDefinitionCreationFlag.kSTRONGLY_TYPED.value : 0;
      network = builder.createNetworkV2(flags);
      parser = nvonnxparser.createParser(network, log);
      if (!parser.parseFromFile(file.path().toString(), ILogger.Severity.kWARNING.value)) {
        int n = parser.getNbErrors();
        String first = n > 0 ? parser.getError(0).desc() : log.lastError();
        throw new EngineException("model '" + name + "': TensorRT's ONNX parser refused "
            + file.path() + ": " + first + (n > 1 ? " (and " + (n - 1) + " more errors)" : ""));
      }
      Map<String, long[]> inputs = new LinkedHashMap<>();
      for (int i = 0; i < network.getNbInputs(); i++) {
        ITensor t = network.getInput(i);
        inputs.put(t.getName(), TrtTypes.shape(t.getDimensions()));
      }
      List<InputShapeRange> ranges = recipe.rangesFor(inputs);
      config = builder.createBuilderConfig();
      if (!ranges.isEmpty()) {
        IOptimizationProfile profile = builder.createOptimizationProfile();
        for (InputShapeRange r : ranges) {
          if (!profile.setDimensions(r.input(), OptProfileSelector.kMIN, TrtTypes.dims(new Dims64(), r.min()))
              || !profile.setDimensions(r.input(), OptProfileSelector.kOPT, TrtTypes.dims(new Dims64(), r.opt()))
              || !profile.setDimensions(r.input(), OptProfileSelector.kMAX, TrtTypes.dims(new Dims64(), r.max()))) {
            throw new EngineException("model '" + name + "': TensorRT refused the profile of input '"
                + r.input() + "' (" + r + "): " + log.lastError());
          }
        }
        config.addOptimizationProfile(profile);
      }
      boolean quantized = hasQdq(network);
      switch (precision) {
        case INT8 -> {
          if (!quantized) {
            throw new EngineException("model '" + name + "': INT8 needs an explicitly quantized"
                + " model (QuantizeLinear/DequantizeLinear nodes) and this one has none; TensorRT's"
                + " implicit INT8 calibration is deprecated and not offered: use fp16");
          }
        }
        case FP16 -> {
          config.setFlag(BuilderFlag.kFP16);
          if (quantized) {
            config.setFlag(BuilderFlag.kINT8);
          }
        }
        case FP32 -> {
          if (quantized) {
            config.setFlag(BuilderFlag.kINT8);
          }
        }
      }
      long started = System.nanoTime();
      serialized = builder.buildSerializedNetwork(network, config);
      if (serialized == null || serialized.isNull() || serialized.size() == 0) {
        throw new EngineException("model '" + name + "': TensorRT could not build a plan ("
            + recipe.key() + "): " + log.lastError());
      }
      LOG.log(Level.INFO, "model ''{0}'': built a TensorRT plan ({1}{2}) in {3} s, {4} MB", name,
          recipe.key(), quantized ? ", Q/DQ nodes in INT8" : "",
          String.format("%.1f", (System.nanoTime() - started) / 1e9),
          String.format("%.1f", serialized.size() / 1e6));
      write(serialized, plan);
    } finally {
      for (org.bytedeco.javacpp.Pointer p : new org.bytedeco.javacpp.Pointer[] {serialized, config,
          parser, network, builder}) {
        if (p != null && !p.isNull()) {
          p.deallocate();
        }
      }
    }
  }

  /** Whether the parsed network has quantize or dequantize layers: an explicitly quantized model. */
  private static boolean hasQdq(INetworkDefinition network) {
    for (int i = 0; i < network.getNbLayers(); i++) {
      int type = network.getLayer(i).getType().value;
      if (type == LayerType.kQUANTIZE.value || type == LayerType.kDEQUANTIZE.value) {
        return true;
      }
    }
    return false;
  }

  private static void write(IHostMemory serialized, OutputStream out) throws IOException {
    // A view of TensorRT's memory: position 0, limit and capacity its size (asByteBuffer spans them).
    BytePointer bytes = new BytePointer(serialized.data()).capacity(serialized.size())
        .limit(serialized.size());
    WritableByteChannel channel = Channels.newChannel(out);
    java.nio.ByteBuffer buffer = bytes.asByteBuffer();
    while (buffer.hasRemaining()) {
      channel.write(buffer);
    }
  }
}
