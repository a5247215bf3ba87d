package dev.vigil.engines;

import java.util.Locale;

/**
 * What a GPU backend may compute in: the {@code engines.precision} setting. The CPU backends always
 * compute as the model says and ignore it.
 *
 * <ul>
 *   <li>{@link #FP32}: float32 throughout (TensorRT may still use TF32 for matrix products).
 *   <li>{@link #FP16}: layers may run in float16 where TensorRT finds it faster; the default.
 *   <li>{@link #INT8}: for explicitly quantized models only (QuantizeLinear/DequantizeLinear nodes,
 *       from quantization-aware training or ONNX post-training quantization): TensorRT builds a
 *       strongly typed network whose types come from the model. Implicit INT8 calibration is
 *       deprecated since TensorRT 10.1 and not offered.
 * </ul>
 */
public enum Precision {
  FP32, FP16, INT8;

  /**
   * {@code fp32}, {@code fp16} or {@code int8}, any case.
   *
   * @throws IllegalArgumentException any other word, naming the three
   */
  public static Precision parse(String word) {
    String w = word == null ? "" : word.strip().toUpperCase(Locale.ROOT);
    for (Precision p : values()) {
      if (p.name().equals(w)) {
        return p;
      }
    }
    throw new IllegalArgumentException("unknown precision '" + word + "' (fp32, fp16 or int8)");
  }

  /** The word the setting takes, e.g. {@code fp16}. */
  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }
}
