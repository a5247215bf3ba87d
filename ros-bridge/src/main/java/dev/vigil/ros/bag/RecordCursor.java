package dev.vigil.ros.bag;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the fields of MCAP records from bytes that came from a file, so every length is checked
 * against what is left: a corrupt length is a {@link Malformed}, never an exception of the buffer or
 * an allocation of the size it claims.
 */
final class RecordCursor {

    /** A field that does not fit or is not what the specification says; {@code at} is within the cursor's bytes. */
    static final class Malformed extends Exception {
        final long at;

        Malformed(long at, String message) {
            super(message);
            this.at = at;
        }
    }

    private final ByteBuffer buf;
    private final int origin;

    /** Over {@code bytes} from its position to its limit (not modified). */
    RecordCursor(ByteBuffer bytes) {
        buf = bytes.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        origin = buf.position();
    }

    RecordCursor(byte[] bytes) {
        this(ByteBuffer.wrap(bytes));
    }

    /** Bytes read so far. */
    int position() {
        return buf.position() - origin;
    }

    int remaining() {
        return buf.remaining();
    }

    int u8(String field) throws Malformed {
        need(1, field);
        return buf.get() & 0xFF;
    }

    int u16(String field) throws Malformed {
        need(2, field);
        return buf.getShort() & 0xFFFF;
    }

    long u32(String field) throws Malformed {
        need(4, field);
        return buf.getInt() & 0xFFFF_FFFFL;
    }

    /** A uint64; values of 2^63 and more come out negative (treat them as unsigned). */
    long u64(String field) throws Malformed {
        need(8, field);
        return buf.getLong();
    }

    /** A uint64 that is a length or an offset: more than 2^63 − 1 is malformed. */
    long size64(String field) throws Malformed {
        int at = position();
        long v = u64(field);
        if (v < 0) {
            throw new Malformed(at, field + " " + Long.toUnsignedString(v) + " is not a possible size");
        }
        return v;
    }

    String string(String field) throws Malformed {
        int at = position();
        ByteBuffer bytes = slice(u32(field + " length"), field, at);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(bytes).toString();
        } catch (CharacterCodingException e) {
            throw new Malformed(at, field + " is not UTF-8");
        }
    }

    /** uint32 length-prefixed bytes, copied. */
    byte[] bytes32(String field) throws Malformed {
        int at = position();
        return copy(slice(u32(field + " length"), field, at));
    }

    /** uint64 length-prefixed bytes, a view (not copied). */
    ByteBuffer bytes64(String field) throws Malformed {
        int at = position();
        return slice(u64(field + " length"), field, at);
    }

    /** The rest of the bytes, copied. */
    byte[] rest() {
        byte[] out = new byte[buf.remaining()];
        buf.get(out);
        return out;
    }

    /** {@code Map<string, string>}, in file order. */
    Map<String, String> stringMap(String field) throws Malformed {
        int at = position();
        RecordCursor entries = new RecordCursor(slice(u32(field + " length"), field, at));
        Map<String, String> map = new LinkedHashMap<>();
        while (entries.remaining() > 0) {
            try {
                map.put(entries.string(field + " key"), entries.string(field + " value"));
            } catch (Malformed e) {
                throw new Malformed(at + 4 + e.at, e.getMessage());
            }
        }
        return map;
    }

    /** {@code Map<uint16, uint64>}. */
    Map<Integer, Long> u16u64Map(String field) throws Malformed {
        int at = position();
        long length = u32(field + " length");
        if (length % 10 != 0) {
            throw new Malformed(at, field + " of " + length + " bytes is not whole (uint16, uint64) entries");
        }
        RecordCursor entries = new RecordCursor(slice(length, field, at));
        Map<Integer, Long> map = new LinkedHashMap<>();
        while (entries.remaining() > 0) {
            map.put(entries.u16(field), entries.u64(field));
        }
        return map;
    }

    /** Skips {@code n} bytes. */
    void skip(long n, String field) throws Malformed {
        slice(n, field, position());
    }

    private ByteBuffer slice(long length, String field, int at) throws Malformed {
        if (length > buf.remaining()) {
            throw new Malformed(at, field + " of " + length + " bytes runs past the end of its record ("
                    + buf.remaining() + " bytes left)");
        }
        ByteBuffer view = buf.slice().order(ByteOrder.LITTLE_ENDIAN);
        view.limit((int) length);
        buf.position(buf.position() + (int) length);
        return view;
    }

    private static byte[] copy(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    private void need(int n, String field) throws Malformed {
        if (buf.remaining() < n) {
            throw new Malformed(position(), "record ends where its " + field + " was due");
        }
    }
}
