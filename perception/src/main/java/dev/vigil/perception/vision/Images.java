package dev.vigil.perception.vision;

import dev.vigil.agent.message.CameraFrame;

import java.awt.image.BufferedImage;

/** Java2D images as camera frames: for generated video, image files, tests and benches. */
public final class Images {

    private Images() {
    }

    /** The image's pixels as packed RGB ({@link CameraFrame}'s layout): rows top to bottom, no padding. */
    public static byte[] rgb(BufferedImage image) {
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

    /** {@code image} as a frame captured at session time 0, with no frame id. */
    public static CameraFrame frame(BufferedImage image) {
        return new CameraFrame(0, 0, "", image.getWidth(), image.getHeight(), rgb(image));
    }
}
