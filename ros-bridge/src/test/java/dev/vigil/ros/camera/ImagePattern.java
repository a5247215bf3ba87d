package dev.vigil.ros.camera;

import dev.vigil.agent.message.CameraFrame;

/**
 * The peers' {@code pub-image} pattern, in Java (src/test/c/image_pattern.h says it first): image i, pixel
 * (x, y), each channel mod 256: R = x + i, G = y + 2i, B = x + y + 3i, alpha = 255 − R; a 1-byte encoding
 * L = x + 3y + i. Row padding is 0xEE. And the peers' checksum, 32-bit FNV-1a.
 */
public final class ImagePattern {

    private ImagePattern() {
    }

    /** Pixel (x, y) of image i as {@code 0xRRGGBB}, as a frame should hold it. */
    public static int rgb(String encoding, int x, int y, int i) {
        if (bytesPerPixel(encoding) == 1) {
            int l = (x + 3 * y + i) & 255;
            return l << 16 | l << 8 | l;
        }
        return ((x + i) & 255) << 16 | ((y + 2 * i) & 255) << 8 | ((x + y + 3 * i) & 255);
    }

    public static int bytesPerPixel(String encoding) {
        return switch (encoding) {
            case "rgb8", "bgr8" -> 3;
            case "rgba8", "bgra8" -> 4;
            default -> 1;
        };
    }

    /** Image i's data as the peer writes it: height rows of step bytes. */
    public static byte[] raw(int width, int height, String encoding, int step, int i) {
        int bpp = bytesPerPixel(encoding);
        byte[] data = new byte[height * step];
        java.util.Arrays.fill(data, (byte) 0xEE);
        boolean bgr = encoding.startsWith("bgr");
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width && (x + 1) * bpp <= step; x++) {
                int at = y * step + x * bpp;
                int p = rgb(encoding, x, y, i);
                if (bpp == 1) {
                    data[at] = (byte) p;
                    continue;
                }
                int r = p >> 16 & 255;
                int b = p & 255;
                data[at] = (byte) (bgr ? b : r);
                data[at + 1] = (byte) (p >> 8);
                data[at + 2] = (byte) (bgr ? r : b);
                if (bpp == 4) {
                    data[at + 3] = (byte) (255 - r);
                }
            }
        }
        return data;
    }

    /** The image index a frame of the pattern shows (mod 256), from pixel (0, 0). */
    public static int index(CameraFrame frame) {
        return frame.rgbAt(0, 0) >> 16 & 255;
    }

    /** Null if every pixel of the frame is image i's, else where the first wrong one is. */
    public static String mismatch(CameraFrame frame, String encoding, int i) {
        for (int y = 0; y < frame.height(); y++) {
            for (int x = 0; x < frame.width(); x++) {
                int expected = rgb(encoding, x, y, i);
                if (frame.rgbAt(x, y) != expected) {
                    return String.format("pixel (%d, %d) of image %d is %06x, not %06x", x, y, i, frame.rgbAt(x, y), expected);
                }
            }
        }
        return frame.rgb().length == frame.width() * frame.height() * 3 ? null
                : "rgb holds " + frame.rgb().length + " bytes for " + frame.width() + " × " + frame.height();
    }

    /** 32-bit FNV-1a, as the peer's sub-image prints it (8 hex digits). */
    public static String fnv1a(byte[] data) {
        int h = 0x811C9DC5;
        for (byte b : data) {
            h = (h ^ (b & 0xFF)) * 16777619;
        }
        return String.format("%08x", h);
    }
}
