package dev.vigil.ros.msg;

import dev.vigil.ros.cdr.CdrException;

import java.nio.ByteBuffer;

/**
 * {@code sensor_msgs/msg/Image} (ROS 2 {@code common_interfaces}, Humble / Jazzy): {@code std_msgs/Header
 * header}, {@code uint32 height}, {@code uint32 width}, {@code string encoding}, {@code uint8 is_bigendian},
 * {@code uint32 step}, {@code uint8[] data}. Row {@code r} starts at byte {@code r × step} of {@code data};
 * (0, 0) is the top-left pixel. The record holds what the wire holds: whether the fields agree with each
 * other (step, data length, encoding) is the reader's to judge.
 *
 * @param header      acquisition time and the camera's optical frame
 * @param height      rows, 0 to 2^32 − 1
 * @param width       columns, 0 to 2^32 − 1
 * @param encoding    pixel layout, one of {@code sensor_msgs/image_encodings.hpp}'s names, e.g. {@code rgb8}
 * @param isBigendian 0 or 1 (any uint8 is carried): byte order of multi-byte channels
 * @param step        bytes from one row to the next, 0 to 2^32 − 1 (padding included)
 * @param data        {@code height × step} bytes (as the publisher sent them; not checked here), at most
 *                    {@link #MAX_DATA}; owned by this record (a copy of the sample's bytes)
 */
public record Image(RosHeader header, long height, long width, String encoding, int isBigendian, long step,
                    byte[] data) {

    /**
     * The most pixel bytes one image may carry: 1920 × 1080 rgba8 (8 294 400 bytes; also 3840 × 2160
     * mono8). More data is a malformed sample (one line), never an allocation. The DDS layer holds a sample
     * in a buffer of {@code TYPE.maxBytes()} (this and 1 KiB): a sample longer than that must be refused
     * there, before it is read (docs/ros-images.md).
     */
    public static final int MAX_DATA = 1920 * 1080 * 4;

    /** Room for the header's frame id and the encoding beside the data (a longer sample is malformed). */
    private static final int MAX_FIELDS = 1024;

    /** The layout above; samples over {@link #MAX_DATA} bytes of data are refused both ways. */
    public static final RosType<Image> TYPE = RosType.of("sensor_msgs/msg/Image", MAX_DATA + MAX_FIELDS,
            (m, out) -> {
                checkData(m.data().length, MAX_DATA);
                m.header().write(out);
                out.uint32(m.height()).uint32(m.width()).string(m.encoding()).uint8(m.isBigendian())
                        .uint32(m.step()).bytes(ByteBuffer.wrap(m.data()));
            },
            in -> {
                RosHeader header = RosHeader.read(in);
                long height = in.uint32();
                long width = in.uint32();
                String encoding = in.string();
                int bigEndian = in.uint8();
                long step = in.uint32();
                return new Image(header, height, width, encoding, bigEndian, step, copy(in.bytes(MAX_DATA)));
            });

    public Image {
        checkUint32("height", height);
        checkUint32("width", width);
        checkUint32("step", step);
        if (isBigendian < 0 || isBigendian > 255) {
            throw new IllegalArgumentException("is_bigendian is a uint8, was " + isBigendian);
        }
        if (header == null || encoding == null || data == null) {
            throw new IllegalArgumentException("an Image needs a header, an encoding and data");
        }
    }

    static void checkUint32(String field, long value) {
        if (value < 0 || value > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException(field + " is a uint32, was " + value);
        }
    }

    /** A writer sends no data its readers would refuse. */
    static void checkData(int length, int max) throws CdrException {
        if (length > max) {
            throw new CdrException("data of " + length + " bytes is over the " + max + " allowed");
        }
    }

    /** The bytes of a view, copied: exactly what the sample holds, no more. */
    static byte[] copy(ByteBuffer view) {
        byte[] bytes = new byte[view.remaining()];
        view.get(bytes);
        return bytes;
    }
}
