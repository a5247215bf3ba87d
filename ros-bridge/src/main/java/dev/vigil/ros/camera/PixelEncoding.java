package dev.vigil.ros.camera;

import java.util.Optional;

/**
 * The raw encodings a frame can be made from, by their names in ROS's
 * {@code sensor_msgs/image_encodings.hpp}: 8 bits a channel, so {@code is_bigendian} does not matter.
 * Each knows where red, green and blue sit in one pixel's bytes.
 */
enum PixelEncoding {
    RGB8("rgb8", 3, 0, 1, 2),
    BGR8("bgr8", 3, 2, 1, 0),
    RGBA8("rgba8", 4, 0, 1, 2),
    BGRA8("bgra8", 4, 2, 1, 0),
    MONO8("mono8", 1, 0, 0, 0);

    private final String rosName;
    private final int bytesPerPixel;
    private final int red;
    private final int green;
    private final int blue;

    PixelEncoding(String rosName, int bytesPerPixel, int red, int green, int blue) {
        this.rosName = rosName;
        this.bytesPerPixel = bytesPerPixel;
        this.red = red;
        this.green = green;
        this.blue = blue;
    }

    /** The encoding ROS calls {@code name} (exactly: ROS's names are lower case), if supported. */
    static Optional<PixelEncoding> named(String name) {
        for (PixelEncoding e : values()) {
            if (e.rosName.equals(name)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    String rosName() {
        return rosName;
    }

    int bytesPerPixel() {
        return bytesPerPixel;
    }

    /** Writes {@code width} pixels of one row, from {@code src} at {@code from}, as RGB into {@code dst} at {@code to}. */
    void toRgb(byte[] src, int from, byte[] dst, int to, int width) {
        for (int x = 0; x < width; x++, from += bytesPerPixel, to += 3) {
            dst[to] = src[from + red];
            dst[to + 1] = src[from + green];
            dst[to + 2] = src[from + blue];
        }
    }
}
