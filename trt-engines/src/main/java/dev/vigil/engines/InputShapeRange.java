package dev.vigil.engines;

import java.util.Arrays;
import java.util.Objects;

/**
 * The shapes one input may take: an optimisation profile's entry for that input. TensorRT builds a
 * plan for the range and tunes it for {@code opt}; a run with a shape outside it is refused. Given in a
 * model's manifest as {@code tensorrt_profile: {x: {min: [...], opt: [...], max: [...]}}}.
 *
 * @param input the input's name
 * @param min smallest shape
 * @param opt the shape TensorRT tunes for
 * @param max largest shape
 */
public record InputShapeRange(String input, long[] min, long[] opt, long[] max) {
  /**
   * @throws IllegalArgumentException shapes of different ranks, a dimension under 1, or not
   *     {@code min <= opt <= max} in every dimension
   */
  public InputShapeRange {
    Objects.requireNonNull(input, "input");
    min = min.clone();
    opt = opt.clone();
    max = max.clone();
    String shapes = Arrays.toString(min) + ", " + Arrays.toString(opt) + ", " + Arrays.toString(max);
    if (min.length != opt.length || opt.length != max.length) {
      throw new IllegalArgumentException("range of '" + input + "': min, opt and max need the"
          + " same rank, got " + shapes);
    }
    for (int i = 0; i < min.length; i++) {
      if (min[i] < 1 || min[i] > opt[i] || opt[i] > max[i]) {
        throw new IllegalArgumentException("range of '" + input + "': dimension " + i
            + " needs 1 <= min <= opt <= max, got " + shapes);
      }
    }
  }

  /** The range of exactly one shape. */
  public static InputShapeRange exactly(String input, long[] shape) {
    return new InputShapeRange(input, shape, shape, shape);
  }

  @Override
  public long[] min() {
    return min.clone();
  }

  @Override
  public long[] opt() {
    return opt.clone();
  }

  @Override
  public long[] max() {
    return max.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof InputShapeRange p && input.equals(p.input) && Arrays.equals(min, p.min)
        && Arrays.equals(opt, p.opt) && Arrays.equals(max, p.max);
  }

  @Override
  public int hashCode() {
    return Objects.hash(input, Arrays.hashCode(min), Arrays.hashCode(opt), Arrays.hashCode(max));
  }

  @Override
  public String toString() {
    return input + ":" + Arrays.toString(min) + "/" + Arrays.toString(opt) + "/"
        + Arrays.toString(max);
  }
}
