package dev.vigil.ros.cdr;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads one sample written by {@link CdrWriter} or any ROS 2 node: XCDR1 (plain CDR), little or big
 * endian as its encapsulation header says. Every read is checked against what is left: a sample from
 * the network is untrusted, and a length field of 4 GB must be an error, not an allocation.
 */
public final class CdrReader {

    private static final int HEADER = 4;
    private final ByteBuffer buf;
    private final int origin;

    /**
     * @param sample the serialized sample, header included, from its position to its limit (not modified)
     * @throws CdrException shorter than the header, or an encapsulation other than CDR_BE / CDR_LE
     */
    public CdrReader(ByteBuffer sample) throws CdrException {
        buf = sample.duplicate();
        if (buf.remaining() < HEADER) {
            throw new CdrException("a sample of " + buf.remaining() + " bytes has no CDR header");
        }
        int start = buf.position();
        int kind = buf.get(start + 1) & 0xFF;
        if (buf.get(start) != 0 || kind > 1) {
            throw new CdrException(String.format("encapsulation 0x%02x%02x is not plain CDR (XCDR1)",
                    buf.get(start), kind));
        }
        buf.order(kind == 1 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        buf.position(start + HEADER);
        origin = buf.position();
    }

    public int uint8() throws CdrException {
        need(1, 1, "uint8");
        return buf.get() & 0xFF;
    }

    public int int32() throws CdrException {
        need(4, 4, "int32");
        return buf.getInt();
    }

    public long uint32() throws CdrException {
        need(4, 4, "uint32");
        return buf.getInt() & 0xFFFF_FFFFL;
    }

    public float float32() throws CdrException {
        need(4, 4, "float32");
        return buf.getFloat();
    }

    public double float64() throws CdrException {
        need(8, 8, "float64");
        return buf.getDouble();
    }

    /** A NUL-terminated UTF-8 string. */
    public String string() throws CdrException {
        int at = offset();
        long length = uint32();
        if (length == 0) {
            return "";   // some writers send an empty string as length 0, without the NUL
        }
        if (length > buf.remaining()) {
            throw new CdrException("string of " + length + " bytes at offset " + at + " runs past the sample's end ("
                    + buf.remaining() + " bytes left)");
        }
        ByteBuffer text = buf.slice();
        text.limit((int) length - 1);
        buf.position(buf.position() + (int) length);
        if (buf.get(buf.position() - 1) != 0) {
            throw new CdrException("string at offset " + at + " is not NUL-terminated");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(text).toString();
        } catch (CharacterCodingException e) {
            throw new CdrException("string at offset " + at + " is not UTF-8");
        }
    }

    /**
     * A {@code uint8[]}: a read-only view of the bytes inside the sample (not copied).
     *
     * @param max the most bytes the message may carry here
     */
    public ByteBuffer bytes(int max) throws CdrException {
        int at = offset();
        long count = uint32();
        if (count > buf.remaining()) {
            throw new CdrException("byte sequence of " + count + " at offset " + at + " runs past the sample's end ("
                    + buf.remaining() + " bytes left)");
        }
        if (count > max) {
            throw new CdrException("byte sequence of " + count + " at offset " + at + " is over the " + max + " allowed");
        }
        ByteBuffer view = buf.slice().asReadOnlyBuffer();
        view.limit((int) count);
        buf.position(buf.position() + (int) count);
        return view;
    }

    /** A {@code float32[]} of at most {@code max} values. */
    public float[] float32s(int max) throws CdrException {
        int n = count(4, max, "float32");
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = float32();
        }
        return out;
    }

    /** An {@code int32[]} of at most {@code max} values. */
    public int[] int32s(int max) throws CdrException {
        int n = count(4, max, "int32");
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = int32();
        }
        return out;
    }

    /** An {@code int16[]} of at most {@code max} values. */
    public short[] int16s(int max) throws CdrException {
        int n = count(2, max, "int16");
        short[] out = new short[n];
        if (n > 0) {
            need(2, 2 * n, "int16 sequence");
            buf.asShortBuffer().get(out);
            buf.position(buf.position() + 2 * n);
        }
        return out;
    }

    /** A sequence's count, checked against what is left and {@code max} before anything is allocated. */
    private int count(int size, int max, String what) throws CdrException {
        int at = offset();
        long count = uint32();
        if (count > max) {
            throw new CdrException(what + " sequence of " + count + " at offset " + at + " is over the " + max + " allowed");
        }
        if (count * size > buf.remaining()) {
            throw new CdrException(what + " sequence of " + count + " at offset " + at + " runs past the sample's end ("
                    + buf.remaining() + " bytes left)");
        }
        return (int) count;
    }

    /** Bytes left after what was read (padding a writer may add; not an error). */
    public int remaining() {
        return buf.remaining();
    }

    private int offset() {
        return buf.position() - origin;
    }

    private void need(int alignment, int size, String what) throws CdrException {
        int pad = (alignment - offset() % alignment) % alignment;
        if (buf.remaining() < pad + size) {
            throw new CdrException("sample ends at offset " + offset() + " where a " + what + " was due");
        }
        buf.position(buf.position() + pad);
    }
}
