package dev.vigil.launch.gst;

import org.freedesktop.gstreamer.Buffer;
import org.freedesktop.gstreamer.Caps;
import org.freedesktop.gstreamer.Sample;
import org.freedesktop.gstreamer.Structure;

import java.nio.ByteBuffer;

/**
 * One {@code video/x-raw,format=RGB} sample from an appsink, copied out of GStreamer as packed RGB:
 * GStreamer pads each RGB row to a multiple of 4 bytes, a {@link dev.vigil.agent.message.CameraFrame}
 * has no padding, so rows are copied one by one.
 *
 * @param pts the buffer's presentation timestamp, ns (GStreamer's {@code ClockTime.NONE} when unset)
 */
public record RgbSample(int width, int height, long pts, byte[] rgb) {

    /** Copies the sample's pixels and releases the sample and its wrappers. */
    public static RgbSample take(Sample sample) {
        // Every wrapper holds a native reference until disposed: release them now, not at the next GC.
        Caps caps = sample.getCaps();
        Buffer buffer = sample.getBuffer();
        try {
            Structure structure = caps.getStructure(0);
            int width = structure.getInteger("width");
            int height = structure.getInteger("height");
            ByteBuffer bytes = buffer.map(false);
            try {
                return new RgbSample(width, height, buffer.getPresentationTimestamp(), packed(bytes, width, height));
            } finally {
                buffer.unmap();
            }
        } finally {
            buffer.dispose();
            caps.dispose();
            sample.dispose();
        }
    }

    /** Rows of the buffer's stride (its size over the rows) to packed rows of {@code width × 3} bytes. */
    static byte[] packed(ByteBuffer source, int width, int height) {
        int row = width * 3;
        int stride = source.remaining() / height;
        if (stride < row) {
            throw new IllegalArgumentException("an RGB buffer of " + source.remaining() + " bytes cannot hold "
                    + width + " × " + height);
        }
        byte[] rgb = new byte[row * height];
        int base = source.position();
        for (int y = 0; y < height; y++) {
            source.get(base + y * stride, rgb, y * row, row);
        }
        return rgb;
    }
}
