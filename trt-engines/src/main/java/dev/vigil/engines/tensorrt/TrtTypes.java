package dev.vigil.engines.tensorrt;

import dev.vigil.engines.DType;
import java.util.Optional;
import org.bytedeco.tensorrt.global.nvinfer.DataType;
import org.bytedeco.tensorrt.nvinfer.Dims64;

/**
 * Between TensorRT's types and Vigil's. {@link #dtype} touches only the bindings' Java enum, which
 * loads without the natives; the {@code Dims64} conversions need them.
 */
final class TrtTypes {

  private TrtTypes() {}

  /**
   * The tensor element type for TensorRT's, or empty for those Vigil's tensors do not carry
   * (FP8, BF16, INT4).
   */
  static Optional<DType> dtype(DataType type) {
    int v = type.value;
    if (v == DataType.kFLOAT.value) {
      return Optional.of(DType.FLOAT32);
    } else if (v == DataType.kHALF.value) {
      return Optional.of(DType.FLOAT16);
    } else if (v == DataType.kINT8.value) {
      return Optional.of(DType.INT8);
    } else if (v == DataType.kINT32.value) {
      return Optional.of(DType.INT32);
    } else if (v == DataType.kINT64.value) {
      return Optional.of(DType.INT64);
    } else if (v == DataType.kUINT8.value) {
      return Optional.of(DType.UINT8);
    } else if (v == DataType.kBOOL.value) {
      return Optional.of(DType.BOOL);
    }
    return Optional.empty();
  }

  /** TensorRT's name for a type, e.g. {@code kBF16}, for error messages. */
  static String name(DataType type) {
    for (DataType t : DataType.values()) {
      if (t.value == type.value) {
        return t.name();
      }
    }
    return "type " + type.value;
  }

  /** The dimensions, {@code -1} where dynamic; null for TensorRT's "no such tensor" ({@code nbDims -1}). */
  static long[] shape(Dims64 dims) {
    if (dims == null || dims.isNull() || dims.nbDims() < 0) {
      return null;
    }
    long[] shape = new long[dims.nbDims()];
    for (int i = 0; i < shape.length; i++) {
      shape[i] = dims.d(i);
    }
    return shape;
  }

  /** A {@code Dims64} of {@code shape} (at most {@code Dims64.MAX_DIMS}, 8, dimensions). */
  static Dims64 dims(long[] shape) {
    Dims64 dims = new Dims64();
    dims.nbDims(shape.length);
    for (int i = 0; i < shape.length; i++) {
      dims.d(i, shape[i]);
    }
    return dims;
  }
}
