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
    // intern(): JavaCPP may hand back a constant that is not the enum's own; its value picks that one.
    return switch (type.intern()) {
      case kFLOAT -> Optional.of(DType.FLOAT32);
      case kHALF -> Optional.of(DType.FLOAT16);
      case kINT8 -> Optional.of(DType.INT8);
      case kINT32 -> Optional.of(DType.INT32);
      case kINT64 -> Optional.of(DType.INT64);
      case kUINT8 -> Optional.of(DType.UINT8);
      case kBOOL -> Optional.of(DType.BOOL);
      default -> Optional.empty();
    };
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

  /**
   * Writes {@code shape} (at most {@code Dims64.MAX_DIMS}, 8, dimensions) into {@code dims} and returns
   * it: TensorRT copies the dimensions it is given, so one {@code Dims64} serves every call.
   */
  static Dims64 dims(Dims64 dims, long[] shape) {
    dims.nbDims(shape.length);
    for (int i = 0; i < shape.length; i++) {
      dims.d(i, shape[i]);
    }
    return dims;
  }
}
