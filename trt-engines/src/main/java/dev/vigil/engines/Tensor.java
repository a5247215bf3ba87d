package dev.vigil.engines;

import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.ShortBuffer;
import java.util.Arrays;
import java.util.Objects;

/**
 * A dense tensor whose elements live in a direct, native-order buffer.
 *
 * <p>The buffer type follows {@link DType#bufferType()}: {@link FloatBuffer} for {@code FLOAT32},
 * {@link ShortBuffer} (raw bits) for {@code FLOAT16}, {@link LongBuffer}, {@link IntBuffer}, and
 * {@link ByteBuffer} for the one-byte types. The buffer is at position 0 and its capacity is exactly
 * the element count of {@code shape}; backends read and write it in place, so a tensor allocated
 * once can carry every frame of a stream.
 *
 * @param shape dimensions; empty for a scalar
 */
public record Tensor(DType dtype, long[] shape, Buffer data) {

  public Tensor {
    Objects.requireNonNull(dtype, "dtype");
    Objects.requireNonNull(shape, "shape");
    Objects.requireNonNull(data, "data");
    shape = shape.clone();
    long count = countElements(shape);
    String what = dtype + formatShape(shape) + " tensor";
    if (!dtype.bufferType().isInstance(data)) {
      throw new IllegalArgumentException(
          what + " needs a " + dtype.bufferType().getSimpleName() + ", got a "
              + bufferKind(data));
    }
    if (!data.isDirect()) {
      throw new IllegalArgumentException(
          what + " needs a direct buffer (allocateDirect), got a heap " + bufferKind(data));
    }
    if (dtype.bytes() > 1 && order(data) != ByteOrder.nativeOrder()) {
      throw new IllegalArgumentException(
          what + " needs a buffer in native byte order (" + ByteOrder.nativeOrder() + "), got "
              + order(data));
    }
    if (data.position() != 0) {
      throw new IllegalArgumentException(
          what + " needs its buffer at position 0, got position " + data.position());
    }
    if (data.capacity() != count || data.limit() != count) {
      throw new IllegalArgumentException(
          what + " holds " + count + " elements, but its buffer has capacity " + data.capacity()
              + " and limit " + data.limit());
    }
  }

  /** A zero-filled tensor of the given type and shape. */
  public static Tensor allocate(DType dtype, long... shape) {
    long count = countElements(shape);
    long bytes = Math.multiplyExact(count, (long) dtype.bytes());
    if (bytes > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          dtype + formatShape(shape) + " tensor needs " + bytes + " bytes, over the 2 GiB a buffer"
              + " can hold");
    }
    ByteBuffer raw = ByteBuffer.allocateDirect((int) bytes).order(ByteOrder.nativeOrder());
    Buffer data =
        switch (dtype) {
          case FLOAT32 -> raw.asFloatBuffer();
          case FLOAT16 -> raw.asShortBuffer();
          case INT64 -> raw.asLongBuffer();
          case INT32 -> raw.asIntBuffer();
          case INT8, UINT8, BOOL -> raw;
        };
    return new Tensor(dtype, shape, data);
  }

  public static Tensor allocateFloats(long... shape) {
    return allocate(DType.FLOAT32, shape);
  }

  public static Tensor allocateLongs(long... shape) {
    return allocate(DType.INT64, shape);
  }

  /** Wraps a direct, native-order buffer without copying. */
  public static Tensor ofFloats(FloatBuffer direct, long... shape) {
    return new Tensor(DType.FLOAT32, shape, direct);
  }

  /** Wraps a direct, native-order buffer without copying. */
  public static Tensor ofLongs(LongBuffer direct, long... shape) {
    return new Tensor(DType.INT64, shape, direct);
  }

  /** A direct copy of {@code values}, for callers that build a tensor once from Java arrays. */
  public static Tensor ofFloats(float[] values, long... shape) {
    Tensor t = allocateFloats(shape);
    requireCount(t, values.length);
    t.floats().put(values);
    return t;
  }

  /** A direct copy of {@code values}, for callers that build a tensor once from Java arrays. */
  public static Tensor ofLongs(long[] values, long... shape) {
    Tensor t = allocateLongs(shape);
    requireCount(t, values.length);
    t.longs().put(values);
    return t;
  }

  /** A rank-0 INT64 tensor, e.g. a sample rate input. */
  public static Tensor scalarLong(long value) {
    Tensor t = allocateLongs();
    t.longs().put(0, value);
    return t;
  }

  @Override
  public long[] shape() {
    return shape.clone();
  }

  public int rank() {
    return shape.length;
  }

  public long dim(int axis) {
    return shape[axis];
  }

  /** Compares the shape without copying it; a backend checks this on every call. */
  public boolean hasShape(long[] other) {
    return Arrays.equals(shape, other);
  }

  public long elementCount() {
    return data.capacity();
  }

  /** An independent view of the data (position 0, full limit); writes go to the same memory. */
  public FloatBuffer floats() {
    requireType(DType.FLOAT32);
    return ((FloatBuffer) data).duplicate().clear();
  }

  /** An independent view of the data (position 0, full limit); writes go to the same memory. */
  public LongBuffer longs() {
    requireType(DType.INT64);
    return ((LongBuffer) data).duplicate().clear();
  }

  /** An independent view of the data (position 0, full limit); writes go to the same memory. */
  public IntBuffer ints() {
    requireType(DType.INT32);
    return ((IntBuffer) data).duplicate().clear();
  }

  /** An independent view of the data for the one-byte types, in native order. */
  public ByteBuffer bytes() {
    if (dtype.bytes() != 1) {
      throw new IllegalStateException(
          "tensor is " + dtype + formatShape(shape) + ", not a one-byte type");
    }
    return ((ByteBuffer) data).duplicate().clear().order(ByteOrder.nativeOrder());
  }

  /** Copies this tensor's elements into {@code target}, which must have the same type and shape. */
  public void copyTo(Tensor target) {
    if (target.dtype != dtype || !target.hasShape(shape)) {
      throw new IllegalArgumentException(
          "cannot copy a " + dtype + formatShape(shape) + " tensor into a " + target.dtype
              + formatShape(target.shape));
    }
    switch (dtype) {
      case FLOAT32 -> target.floats().put(floats());
      case FLOAT16 -> ((ShortBuffer) target.data).duplicate().clear()
          .put(((ShortBuffer) data).duplicate().clear());
      case INT64 -> target.longs().put(longs());
      case INT32 -> target.ints().put(ints());
      case INT8, UINT8, BOOL -> target.bytes().put(bytes());
    }
  }

  private static void requireCount(Tensor t, int values) {
    if (values != t.elementCount()) {
      throw new IllegalArgumentException(t.dtype + formatShape(t.shape) + " tensor holds "
          + t.elementCount() + " elements, got " + values + " values");
    }
  }

  private void requireType(DType wanted) {
    if (dtype != wanted) {
      throw new IllegalStateException(
          "tensor is " + dtype + formatShape(shape) + ", not " + wanted);
    }
  }

  // Buffer content equality, so two tensors holding the same numbers are equal.
  @Override
  public boolean equals(Object o) {
    return o instanceof Tensor other
        && dtype == other.dtype
        && Arrays.equals(shape, other.shape)
        && data.equals(other.data);
  }

  @Override
  public int hashCode() {
    return Objects.hash(dtype, Arrays.hashCode(shape), data.hashCode());
  }

  @Override
  public String toString() {
    return "Tensor[" + dtype + formatShape(shape) + "]";
  }

  /**
   * The number of elements a tensor of {@code shape} holds (1 for a scalar's {@code []}).
   *
   * @throws IllegalArgumentException a dynamic (negative) dimension
   * @throws ArithmeticException more than {@code Long.MAX_VALUE} elements
   */
  public static long countElements(long[] shape) {
    long count = 1;
    for (long d : shape) {
      if (d < 0) {
        throw new IllegalArgumentException(
            "tensor shape " + formatShape(shape) + " has a negative dimension; a tensor needs"
                + " every dimension known");
      }
      count = Math.multiplyExact(count, d);
    }
    return count;
  }

  static String formatShape(long[] shape) {
    return Arrays.toString(shape);
  }

  private static String bufferKind(Buffer b) {
    // Direct view buffers have JDK-internal class names; report the public type instead.
    for (Class<?> c :
        new Class<?>[] {
          FloatBuffer.class, ShortBuffer.class, LongBuffer.class, IntBuffer.class, ByteBuffer.class
        }) {
      if (c.isInstance(b)) {
        return c.getSimpleName();
      }
    }
    return b.getClass().getSimpleName();
  }

  private static ByteOrder order(Buffer b) {
    if (b instanceof FloatBuffer f) {
      return f.order();
    } else if (b instanceof ShortBuffer s) {
      return s.order();
    } else if (b instanceof LongBuffer l) {
      return l.order();
    } else if (b instanceof IntBuffer i) {
      return i.order();
    } else if (b instanceof ByteBuffer bb) {
      return bb.order();
    }
    return ByteOrder.nativeOrder();
  }
}
