package dev.vigil.engines;

/** Element types of tensors. */
public enum DType {
    FLOAT32(4), FLOAT16(2), INT64(8), INT32(4), INT8(1), UINT8(1), BOOL(1);

    private final int bytes;

    DType(int bytes) {
        this.bytes = bytes;
    }

    public int bytes() {
        return bytes;
    }
}
