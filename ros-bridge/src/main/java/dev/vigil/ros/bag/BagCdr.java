package dev.vigil.ros.bag;

import dev.vigil.ros.cdr.CdrException;
import dev.vigil.ros.cdr.CdrReader;
import dev.vigil.ros.cdr.CdrWriter;
import dev.vigil.ros.msg.RosType;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * ROS 2 messages as the bytes of a bag's Message records: the CDR sample exactly as it travels on DDS,
 * its 4-byte encapsulation header first ({@code 00 01 00 00}: XCDR1, little endian), written and read
 * by Vigil's codecs ({@link CdrWriter}, {@link CdrReader}) as {@code dev.vigil.ros.transport} does for DDS.
 */
public final class BagCdr {

    /** First try for a sample's size; most of Vigil's messages are a few dozen bytes. */
    private static final int FIRST_TRY = 256;

    private BagCdr() {
    }

    /**
     * The sample of {@code message}, header included.
     *
     * @throws CdrException the message is larger than its type's {@link RosType#maxBytes()}
     */
    public static <T> byte[] encode(RosType<T> type, T message) throws CdrException {
        // Grows to the type's bound instead of allocating it: an audio chunk's bound is 513 KiB.
        for (int room = Math.min(FIRST_TRY, type.maxBytes()); ; room = (int) Math.min((long) room * 4, type.maxBytes())) {
            ByteBuffer buf = ByteBuffer.allocate(room);
            try {
                type.write(message, new CdrWriter(buf));
                return Arrays.copyOf(buf.array(), buf.position());
            } catch (CdrException e) {
                if (room >= type.maxBytes()) {
                    throw new CdrException(type.name() + ": " + e.getMessage());
                }
            }
        }
    }

    /**
     * The message in {@code sample}.
     *
     * @throws CdrException not a valid sample of {@code type} (one line)
     */
    public static <T> T decode(RosType<T> type, byte[] sample) throws CdrException {
        return type.read(new CdrReader(ByteBuffer.wrap(sample)));
    }

    /**
     * The message of a bag's {@code message}, after checking that its channel's schema is {@code type}.
     *
     * @throws CdrException another type, or not a valid sample of it (one line)
     */
    public static <T> T decode(RosType<T> type, BagMessage message) throws CdrException {
        if (!message.schemaName().equals(type.name())) {
            throw new CdrException("message on " + message.topic() + " is " + message.schemaName() + ", not " + type.name());
        }
        return decode(type, message.data());
    }
}
