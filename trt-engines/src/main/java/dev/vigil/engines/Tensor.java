package dev.vigil.engines;

import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.Arrays;

/**
 * A tensor whose data lives in a direct, native-order buffer that backends read and write in place.
 * The shape array and the buffer are shared, not copied: fill the buffer, run, read it.
 *
 * @param dtype element type
 * @param shape dimensions ({@code []} for a scalar)
 * @param data  direct buffer holding exactly {@code elementCount()} elements
 */
public record Tensor(DType dtype, long[] shape, Buffer data) {

    public Tensor {
        if (!data.isDirect()) {
            throw new IllegalArgumentException("tensor data must be a direct buffer (backends read it in place)");
        }
        long count = count(shape);
        if (data.capacity() != count) {
            throw new IllegalArgumentException("tensor of shape " + Arrays.toString(shape) + " needs " + count
                    + " elements, buffer holds " + data.capacity());
        }
    }

    public static Tensor allocateFloats(long... shape) {
        return new Tensor(DType.FLOAT32, shape, bytes(count(shape) * 4).asFloatBuffer());
    }

    public static Tensor ofFloats(FloatBuffer direct, long... shape) {
        return new Tensor(DType.FLOAT32, shape, direct);
    }

    public static Tensor ofLongs(LongBuffer direct, long... shape) {
        return new Tensor(DType.INT64, shape, direct);
    }

    public static Tensor allocateLongs(long... shape) {
        return new Tensor(DType.INT64, shape, bytes(count(shape) * 8).asLongBuffer());
    }

    public static Tensor scalarLong(long value) {
        LongBuffer buffer = bytes(8).asLongBuffer();
        buffer.put(0, value);
        return new Tensor(DType.INT64, new long[0], buffer);
    }

    public long elementCount() {
        return count(shape);
    }

    /** A view of the data from element 0, for reading or filling. */
    public FloatBuffer floats() {
        if (dtype != DType.FLOAT32) {
            throw new IllegalStateException("tensor holds " + dtype + ", not FLOAT32");
        }
        return ((FloatBuffer) data).duplicate().clear();
    }

    /** A view of the data from element 0, for reading or filling. */
    public LongBuffer longs() {
        if (dtype != DType.INT64) {
            throw new IllegalStateException("tensor holds " + dtype + ", not INT64");
        }
        return ((LongBuffer) data).duplicate().clear();
    }

    static long count(long[] shape) {
        long n = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("a tensor needs concrete dimensions, got " + Arrays.toString(shape));
            }
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    private static ByteBuffer bytes(long n) {
        return ByteBuffer.allocateDirect(Math.toIntExact(n)).order(ByteOrder.nativeOrder());
    }

    @Override
    public String toString() {
        return "Tensor[" + dtype + " " + Arrays.toString(shape) + "]";
    }
}
