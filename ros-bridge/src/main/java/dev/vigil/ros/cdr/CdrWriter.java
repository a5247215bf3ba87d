package dev.vigil.ros.cdr;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Writes one sample as ROS 2's DDS layers put it on the wire: XCDR1 (plain CDR, OMG DDS-XTypes 1.3
 * §7.4.3), little endian, after the 4-byte encapsulation header {@code 00 01 00 00} (CDR_LE). Every
 * primitive is aligned to its own size, counted from the end of the header; strings are a uint32
 * length (NUL included), UTF-8 bytes and a NUL; sequences a uint32 count and their elements.
 * <p>
 * Written here rather than taken from the DDS library: its codec writes a string one Java char to
 * one byte (non-ASCII text comes out garbled) and copies byte sequences an element at a time.
 */
public final class CdrWriter {

    private static final int HEADER = 4;
    private final ByteBuffer buf;
    private final int origin;

    /**
     * @param target written from its position; its byte order is set to little endian
     * @throws CdrException the target cannot hold the header
     */
    public CdrWriter(ByteBuffer target) throws CdrException {
        buf = target.order(ByteOrder.LITTLE_ENDIAN);
        if (buf.remaining() < HEADER) {
            throw new CdrException("no room for the CDR header");
        }
        buf.put((byte) 0).put((byte) 1).putShort((short) 0);
        origin = buf.position();
    }

    /** Bytes written so far, header included. */
    public int size() {
        return buf.position() - origin + HEADER;
    }

    public CdrWriter uint8(int value) throws CdrException {
        return put(1, () -> buf.put((byte) value));
    }

    public CdrWriter int32(int value) throws CdrException {
        return put(4, () -> buf.putInt(value));
    }

    /** @param value 0 to 2^32 − 1 */
    public CdrWriter uint32(long value) throws CdrException {
        return put(4, () -> buf.putInt((int) value));
    }

    public CdrWriter float32(float value) throws CdrException {
        return put(4, () -> buf.putFloat(value));
    }

    public CdrWriter float64(double value) throws CdrException {
        return put(8, () -> buf.putDouble(value));
    }

    /** A string: UTF-8, NUL-terminated; null is written as the empty string. */
    public CdrWriter string(String value) throws CdrException {
        byte[] utf8 = value == null ? new byte[0] : value.getBytes(StandardCharsets.UTF_8);
        uint32(utf8.length + 1L);
        return put(1, () -> buf.put(utf8).put((byte) 0));
    }

    /** A {@code uint8[]} (or {@code octet} sequence): count, then the bytes from position to limit. */
    public CdrWriter bytes(ByteBuffer value) throws CdrException {
        ByteBuffer view = value.duplicate();
        uint32(view.remaining());
        return put(1, () -> buf.put(view));
    }

    /** A {@code float32[]}: count, then the values. */
    public CdrWriter float32s(float[] values) throws CdrException {
        uint32(values.length);
        for (float v : values) {
            float32(v);
        }
        return this;
    }

    /** An {@code int32[]}: count, then the values. */
    public CdrWriter int32s(int[] values) throws CdrException {
        uint32(values.length);
        for (int v : values) {
            int32(v);
        }
        return this;
    }

    /** An {@code int16[]}: count, then the values. */
    public CdrWriter int16s(short[] values) throws CdrException {
        uint32(values.length);
        return put(2, () -> {
            for (short v : values) {
                buf.putShort(v);
            }
        });
    }

    private CdrWriter put(int alignment, Runnable write) throws CdrException {
        try {
            int pad = (alignment - (buf.position() - origin) % alignment) % alignment;
            for (int i = 0; i < pad; i++) {
                buf.put((byte) 0);
            }
            write.run();
            return this;
        } catch (BufferOverflowException e) {
            throw new CdrException("sample larger than the " + (buf.capacity()) + " bytes it may take");
        }
    }
}
