package dev.vigil.engines;

/** Element types a Vigil engine exchanges with callers. */
public enum DType {
  FLOAT32(4),
  FLOAT16(2),
  INT64(8),
  INT32(4),
  INT8(1),
  UINT8(1),
  BOOL(1);

  private final int bytes;

  DType(int bytes) {
    this.bytes = bytes;
  }

  /** Size of one element in bytes. */
  public int bytes() {
    return bytes;
  }

  /** The java.nio buffer type a {@link Tensor} of this element type holds its data in. */
  public Class<? extends java.nio.Buffer> bufferType() {
    return switch (this) {
      case FLOAT32 -> java.nio.FloatBuffer.class;
      // Half floats travel as their raw 16-bit patterns.
      case FLOAT16 -> java.nio.ShortBuffer.class;
      case INT64 -> java.nio.LongBuffer.class;
      case INT32 -> java.nio.IntBuffer.class;
      case INT8, UINT8, BOOL -> java.nio.ByteBuffer.class;
    };
  }
}
