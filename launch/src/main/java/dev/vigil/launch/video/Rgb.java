package dev.vigil.launch.video;

import java.awt.image.BufferedImage;

/** Conversions to the packed RGB of {@link dev.vigil.agent.message.CameraFrame}. */
final class Rgb {

    private Rgb() {
    }

    /** The image's pixels as packed RGB, rows top to bottom, no padding. */
    static byte[] of(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        int[] row = new int[width];
        byte[] rgb = new byte[width * height * 3];
        for (int y = 0; y < height; y++) {
            image.getRGB(0, y, width, 1, row, 0, width);
            for (int x = 0, i = y * width * 3; x < width; x++, i += 3) {
                int p = row[x];
                rgb[i] = (byte) (p >> 16);
                rgb[i + 1] = (byte) (p >> 8);
                rgb[i + 2] = (byte) p;
            }
        }
        return rgb;
    }
}
