package dev.vigil.ros.msg;

import java.nio.ByteBuffer;

/**
 * {@code sensor_msgs/msg/CompressedImage} (ROS 2 {@code common_interfaces}, Humble / Jazzy):
 * {@code std_msgs/Header header}, {@code string format}, {@code uint8[] data}. As
 * {@code compressed_image_transport} publishes it, {@code format} is {@code "ORIG_PIXFMT; CODEC compressed
 * [PIXFMT]"} (e.g. {@code "rgb8; jpeg compressed bgr8"}) or, from older publishers, just {@code jpeg} or
 * {@code png}; {@code compressed_depth_image_transport} writes {@code "16UC1; compressedDepth png"}.
 *
 * @param header acquisition time and the camera's optical frame
 * @param format how {@code data} is coded (above)
 * @param data   the coded image (a whole JPEG or PNG file), at most {@link #MAX_DATA} bytes; owned by
 *               this record (a copy of the sample's bytes)
 */
public record CompressedImage(RosHeader header, String format, byte[] data) {

    /**
     * The most coded bytes one image may carry: as much as {@link Image#MAX_DATA} (a PNG is at most
     * a little over its raw pixels). A larger sample is a malformed sample (one line).
     */
    public static final int MAX_DATA = Image.MAX_DATA;

    /** The layout above; samples over {@link #MAX_DATA} bytes of data are refused both ways. */
    public static final RosType<CompressedImage> TYPE = RosType.of("sensor_msgs/msg/CompressedImage", MAX_DATA + 1024,
            (m, out) -> {
                Image.checkData(m.data().length, MAX_DATA);
                m.header().write(out);
                out.string(m.format()).bytes(ByteBuffer.wrap(m.data()));
            },
            in -> {
                RosHeader header = RosHeader.read(in);
                String format = in.string();
                return new CompressedImage(header, format, Image.copy(in.bytes(MAX_DATA)));
            });

    public CompressedImage {
        if (header == null || format == null || data == null) {
            throw new IllegalArgumentException("a CompressedImage needs a header, a format and data");
        }
    }
}
