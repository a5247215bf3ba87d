package dev.vigil.ros.camera;

import dev.vigil.agent.message.CameraFrame;
import dev.vigil.ros.msg.CompressedImage;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * {@code sensor_msgs/CompressedImage} to {@link CameraFrame}, decoded by the JDK's {@code javax.imageio}
 * (JPEG, PNG, and the other formats it reads: BMP, GIF, TIFF, WBMP). The decoder is chosen by the data's
 * own signature, not by the {@code format} string, which names the camera's pixel layout as well
 * (compressed_image_transport: {@code "rgb8; jpeg compressed bgr8"}); the file itself holds true colours
 * whatever layout OpenCV encoded from.
 */
final class CompressedImages {

    /** The most pixels a decoded image may have: as many as the largest raw image (3840 × 2160). */
    static final long MAX_PIXELS = 3840L * 2160;

    private CompressedImages() {
    }

    /**
     * Decodes one image.
     *
     * @throws ImageRejected {@code unsupported_format} (a depth image of compressed_depth_image_transport),
     *                       {@code undecodable} (no reader for the data, or the data are corrupt or cut short:
     *                       an error or a warning from the decoder), {@code empty_image}, {@code too_large}
     *                       (over {@link #MAX_PIXELS}, found from the file's header before decoding)
     */
    static CameraFrame decode(CompressedImage image, long captureNanos) throws ImageRejected {
        if (image.format().toLowerCase(Locale.ROOT).contains("compresseddepth")) {
            throw new ImageRejected("unsupported_format", "format \"" + image.format()
                    + "\" is a depth image (compressed_depth_image_transport), not a picture");
        }
        byte[] data = image.data();
        // A memory cache, not ImageIO's default file cache: no temporary file per frame.
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(data))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw undecodable(image, "no image format has this signature");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                if (width <= 0 || height <= 0) {
                    throw new ImageRejected("empty_image", "compressed image of " + width + " × " + height + " pixels dropped");
                }
                if ((long) width * height > MAX_PIXELS) {
                    throw new ImageRejected("too_large", "compressed image of " + width + " × " + height
                            + " pixels dropped: over the " + MAX_PIXELS + " a frame may have");
                }
                // A cut-short JPEG decodes with a warning and grey rows: not the camera's picture.
                List<String> warnings = new ArrayList<>();
                reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
                BufferedImage decoded = reader.read(0);
                if (!warnings.isEmpty()) {
                    throw undecodable(image, warnings.get(0));
                }
                return new CameraFrame(captureNanos, image.header().stampNanos(), image.header().frameId(),
                        width, height, rgb(decoded));
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            // Decoders throw runtime exceptions too on some corrupt data (IndexOutOfBounds, IllegalArgument).
            throw undecodable(image, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }

    private static ImageRejected undecodable(CompressedImage image, String why) {
        return new ImageRejected("undecodable", "compressed image (format \"" + image.format() + "\", "
                + image.data().length + " bytes) does not decode: " + why);
    }

    /** The image as packed RGB; alpha is dropped (a camera's pixels are opaque). */
    static byte[] rgb(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        byte[] rgb = new byte[width * height * 3];
        ColorModel model = image.getColorModel();
        Raster raster = image.getRaster();
        boolean bytes = model instanceof ComponentColorModel && raster.getTransferType() == DataBuffer.TYPE_BYTE;
        if (bytes && model.getColorSpace().isCS_sRGB() && model.getNumColorComponents() == 3) {
            // Band order is R, G, B (then alpha) whatever the bytes' order in memory (3BYTE_BGR, 4BYTE_ABGR).
            int bands = raster.getNumBands();
            byte[] row = new byte[width * bands];
            for (int y = 0; y < height; y++) {
                raster.getDataElements(0, y, width, 1, row);
                for (int x = 0, from = 0, to = y * width * 3; x < width; x++, from += bands, to += 3) {
                    rgb[to] = row[from];
                    rgb[to + 1] = row[from + 1];
                    rgb[to + 2] = row[from + 2];
                }
            }
        } else if (bytes && model.getColorSpace().getType() == ColorSpace.TYPE_GRAY && model.getNumColorComponents() == 1) {
            // Grey levels as coded: Java2D's getRGB would take them for linear grey and brighten them.
            int bands = raster.getNumBands();
            byte[] row = new byte[width * bands];
            for (int y = 0; y < height; y++) {
                raster.getDataElements(0, y, width, 1, row);
                for (int x = 0, from = 0, to = y * width * 3; x < width; x++, from += bands, to += 3) {
                    rgb[to] = rgb[to + 1] = rgb[to + 2] = row[from];
                }
            }
        } else {
            // Palettes, 16-bit and ICC-profiled images: Java2D converts them to sRGB.
            int[] row = new int[width];
            for (int y = 0; y < height; y++) {
                image.getRGB(0, y, width, 1, row, 0, width);
                for (int x = 0, to = y * width * 3; x < width; x++, to += 3) {
                    rgb[to] = (byte) (row[x] >> 16);
                    rgb[to + 1] = (byte) (row[x] >> 8);
                    rgb[to + 2] = (byte) row[x];
                }
            }
        }
        return rgb;
    }
}
