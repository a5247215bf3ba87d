package dev.vigil.engines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import org.junit.jupiter.api.Test;

class TensorTest {

  @Test
  void allocatesDirectNativeOrderBuffersOfTheRightSize() {
    Tensor t = Tensor.allocateFloats(2, 1, 128);
    assertThat(t.elementCount()).isEqualTo(256);
    assertThat(t.data().isDirect()).isTrue();
    assertThat(t.floats().order()).isEqualTo(ByteOrder.nativeOrder());
    assertThat(t.floats().remaining()).isEqualTo(256);

    Tensor scalar = Tensor.scalarLong(16000);
    assertThat(scalar.shape()).isEmpty();
    assertThat(scalar.elementCount()).isEqualTo(1);
    assertThat(scalar.longs().get(0)).isEqualTo(16000);

    assertThat(Tensor.allocate(DType.BOOL, 3).bytes().capacity()).isEqualTo(3);
    assertThat(Tensor.allocate(DType.FLOAT16, 4).elementCount()).isEqualTo(4);
  }

  @Test
  void viewsShareMemoryButNotPosition() {
    Tensor t = Tensor.allocateFloats(4);
    FloatBuffer view = t.floats();
    view.put(1.5f).put(2.5f);
    assertThat(t.floats().position()).isZero();
    assertThat(t.floats().get(1)).isEqualTo(2.5f);
  }

  @Test
  void copiesAreEqualByContent() {
    Tensor a = Tensor.ofFloats(new float[] {1, 2, 3}, 3);
    Tensor b = Tensor.allocateFloats(3);
    a.copyTo(b);
    assertThat(b).isEqualTo(a).hasSameHashCodeAs(a);
    assertThat(a.hasShape(new long[] {3})).isTrue();
    assertThat(a).hasToString("Tensor[FLOAT32[3]]");
  }

  @Test
  void rejectsBuffersABackendCouldNotUseInPlace() {
    assertThatThrownBy(() -> Tensor.ofFloats(FloatBuffer.allocate(4), 4))
        .hasMessage("FLOAT32[4] tensor needs a direct buffer (allocateDirect), got a heap"
            + " FloatBuffer");
    FloatBuffer bigEndian =
        ByteBuffer.allocateDirect(16).order(ByteOrder.BIG_ENDIAN).asFloatBuffer();
    if (ByteOrder.nativeOrder() != ByteOrder.BIG_ENDIAN) {
      assertThatThrownBy(() -> Tensor.ofFloats(bigEndian, 4))
          .hasMessageContaining("needs a buffer in native byte order");
    }
    assertThatThrownBy(() -> Tensor.ofFloats(Tensor.allocateFloats(5).floats(), 1, 4))
        .hasMessage("FLOAT32[1, 4] tensor holds 4 elements, but its buffer has capacity 5 and"
            + " limit 5");
    assertThatThrownBy(() -> new Tensor(DType.INT64, new long[] {4}, Tensor.allocateFloats(4)
        .data()))
        .hasMessage("INT64[4] tensor needs a LongBuffer, got a FloatBuffer");
    assertThatThrownBy(() -> Tensor.ofFloats(new float[3], 2, 2))
        .hasMessage("FLOAT32[2, 2] tensor holds 4 elements, got 3 values");
    assertThatThrownBy(() -> Tensor.allocateFloats(1, -1))
        .hasMessageContaining("has a negative dimension");
    FloatBuffer moved = Tensor.allocateFloats(4).floats();
    moved.position(1);
    assertThatThrownBy(() -> Tensor.ofFloats(moved, 4))
        .hasMessage("FLOAT32[4] tensor needs its buffer at position 0, got position 1");
  }

  @Test
  void typedAccessorsNameTheRealType() {
    assertThatThrownBy(() -> Tensor.scalarLong(1).floats())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("tensor is INT64[], not FLOAT32");
  }

  @Test
  void shapeCannotBeChangedFromOutside() {
    long[] shape = {1, 2};
    Tensor t = Tensor.allocateFloats(shape);
    shape[1] = 9;
    t.shape()[0] = 9;
    assertThat(t.shape()).containsExactly(1, 2);
  }
}
