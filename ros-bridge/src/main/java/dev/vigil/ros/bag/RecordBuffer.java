package dev.vigil.ros.bag;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * Bytes being laid out as MCAP records: little-endian fixed-width integers, strings and byte runs
 * with their uint32 length, maps with their uint32 byte length (specification, "Serialization").
 * Grows as needed; not thread-safe.
 */
final class RecordBuffer {

    private byte[] bytes;
    private int size;

    RecordBuffer(int capacity) {
        bytes = new byte[Math.max(64, capacity)];
    }

    int size() {
        return size;
    }

    void clear() {
        size = 0;
    }

    /** The bytes written, from 0 to {@link #size()}, not copied. */
    ByteBuffer view() {
        return ByteBuffer.wrap(bytes, 0, size);
    }

    byte[] toArray() {
        return Arrays.copyOf(bytes, size);
    }

    RecordBuffer u8(int v) {
        ensure(1);
        bytes[size++] = (byte) v;
        return this;
    }

    RecordBuffer u16(int v) {
        return fixed(2, v);
    }

    RecordBuffer u32(long v) {
        return fixed(4, v);
    }

    RecordBuffer u64(long v) {
        return fixed(8, v);
    }

    /** A String: uint32 byte length, UTF-8 bytes. */
    RecordBuffer string(String s) {
        return bytes32(s.getBytes(StandardCharsets.UTF_8));
    }

    /** uint32 length-prefixed bytes. */
    RecordBuffer bytes32(byte[] b) {
        u32(b.length);
        return raw(b, 0, b.length);
    }

    RecordBuffer raw(byte[] b, int from, int length) {
        ensure(length);
        System.arraycopy(b, from, bytes, size, length);
        size += length;
        return this;
    }

    RecordBuffer raw(ByteBuffer b) {
        ByteBuffer src = b.duplicate();
        ensure(src.remaining());
        int n = src.remaining();
        src.get(bytes, size, n);
        size += n;
        return this;
    }

    /** {@code Map<string, string>}: uint32 byte length of the entries, then key and value strings. */
    RecordBuffer stringMap(Map<String, String> map) {
        int lengthAt = size;
        u32(0);
        map.forEach((k, v) -> string(k).string(v));
        patch32(lengthAt, size - lengthAt - 4);
        return this;
    }

    /** {@code Map<uint16, uint64>}. */
    RecordBuffer u16u64Map(Map<Integer, Long> map) {
        u32(map.size() * 10L);
        map.forEach((k, v) -> u16(k).u64(v));
        return this;
    }

    /**
     * Starts a record: opcode and a length to be filled in by {@link #endRecord(int)}.
     *
     * @return where the record starts, for {@link #endRecord(int)}
     */
    int beginRecord(int opcode) {
        int start = size;
        u8(opcode).u64(0);
        return start;
    }

    /** Writes the content length of the record begun at {@code start}; returns the record's whole length. */
    int endRecord(int start) {
        long content = size - start - Mcap.RECORD_PREFIX;
        ByteBuffer.wrap(bytes, start + 1, 8).order(ByteOrder.LITTLE_ENDIAN).putLong(content);
        return size - start;
    }

    private void patch32(int at, long v) {
        ByteBuffer.wrap(bytes, at, 4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) v);
    }

    private RecordBuffer fixed(int width, long v) {
        ensure(width);
        for (int i = 0; i < width; i++) {
            bytes[size++] = (byte) (v >>> (8 * i));
        }
        return this;
    }

    private void ensure(int more) {
        if (size + (long) more > bytes.length) {
            long grown = Math.max((long) bytes.length * 2, (long) size + more);
            if (grown > Integer.MAX_VALUE - 16) {
                throw new IllegalStateException("an MCAP record over 2 GiB");
            }
            bytes = Arrays.copyOf(bytes, (int) grown);
        }
    }
}
