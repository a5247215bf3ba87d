package dev.vigil.engines;

import java.util.Arrays;
import java.util.Objects;

/**
 * What an engine expects for one input or produces for one output.
 *
 * @param shape dimensions, {@code -1} where the model leaves a dimension dynamic
 */
public record TensorSpec(String name, DType dtype, long[] shape) {

  public TensorSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(dtype, "dtype");
    shape = shape.clone();
  }

  @Override
  public long[] shape() {
    return shape.clone();
  }

  public int rank() {
    return shape.length;
  }

  /** True when every dimension is known, so a caller can allocate the tensor up front. */
  public boolean isStatic() {
    return Arrays.stream(shape).allMatch(d -> d >= 0);
  }

  /** Whether a concrete shape fits this spec: same rank, and equal wherever this spec is fixed. */
  public boolean accepts(long[] concrete) {
    if (concrete.length != shape.length) {
      return false;
    }
    for (int i = 0; i < shape.length; i++) {
      if (shape[i] >= 0 && shape[i] != concrete[i]) {
        return false;
      }
    }
    return true;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TensorSpec other
        && name.equals(other.name)
        && dtype == other.dtype
        && Arrays.equals(shape, other.shape);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, dtype, Arrays.hashCode(shape));
  }

  @Override
  public String toString() {
    return name + ": " + dtype + Tensor.formatShape(shape);
  }
}
