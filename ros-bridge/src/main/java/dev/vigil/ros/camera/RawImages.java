package dev.vigil.ros.camera;

import dev.vigil.agent.message.CameraFrame;
import dev.vigil.ros.msg.Image;

/**
 * {@code sensor_msgs/Image} to {@link CameraFrame}: checked first (cheap, on the DDS thread), converted
 * later (a pass over the pixels, on the camera's own thread).
 */
final class RawImages {

    private RawImages() {
    }

    /**
     * Whether the image's fields agree: a size, a supported encoding, rows long enough for the width and
     * data for every row.
     *
     * @return its encoding
     * @throws ImageRejected {@code empty_image}, {@code unsupported_encoding}, {@code short_step} or
     *                       {@code short_data}
     */
    static PixelEncoding check(Image image) throws ImageRejected {
        if (image.width() == 0 || image.height() == 0) {
            throw new ImageRejected("empty_image", "image of " + image.width() + " × " + image.height() + " pixels dropped");
        }
        PixelEncoding encoding = PixelEncoding.named(image.encoding()).orElseThrow(() -> new ImageRejected(
                "unsupported_encoding", "image encoding \"" + image.encoding() + "\" is not supported (rgb8, bgr8, rgba8, "
                + "bgra8, mono8; or publish a CompressedImage)"));
        long rowBytes = image.width() * encoding.bytesPerPixel();
        if (image.step() < rowBytes) {
            throw new ImageRejected("short_step", "image dropped: step " + image.step() + " is shorter than a row of "
                    + image.width() + " " + encoding.rosName() + " pixels (" + rowBytes + " bytes)");
        }
        // height × step can pass 2^63 (two uint32s); the division cannot overflow.
        if (image.height() > image.data().length / image.step()) {
            throw new ImageRejected("short_data", "image dropped: " + image.data().length + " bytes of data for "
                    + image.height() + " rows of " + image.step() + " bytes");
        }
        return encoding;
    }

    /**
     * The frame of a checked image. An rgb8 image without row padding keeps its data array (the record's
     * own copy): no pass over the pixels at all.
     */
    static CameraFrame convert(Image image, PixelEncoding encoding, long captureNanos) {
        int width = (int) image.width();
        int height = (int) image.height();
        int step = (int) image.step();
        byte[] data = image.data();
        byte[] rgb;
        if (encoding == PixelEncoding.RGB8 && step == width * 3 && data.length == height * step) {
            rgb = data;
        } else {
            rgb = new byte[width * height * 3];
            for (int y = 0; y < height; y++) {
                encoding.toRgb(data, y * step, rgb, y * width * 3, width);
            }
        }
        return new CameraFrame(captureNanos, image.header().stampNanos(), image.header().frameId(), width, height, rgb);
    }
}
