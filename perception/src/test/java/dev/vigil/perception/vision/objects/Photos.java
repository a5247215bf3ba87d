package dev.vigil.perception.vision.objects;

import dev.vigil.agent.message.CameraFrame;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Photographs nobody here took, from Debian's {@code opencv-doc}: its sample data and the pictures of its
 * tutorials. Tests that use them are skipped where the package is not installed.
 */
public final class Photos {

    public static final Path SAMPLES = Path.of("/usr/share/doc/opencv-doc/examples/data");
    public static final Path TUTORIALS = Path.of("/usr/share/doc/opencv-doc/opencv4/html");

    private Photos() {
    }

    /** {@code file} as a camera frame; skips the test when opencv-doc is missing. */
    public static CameraFrame frame(Path file) {
        assumeTrue(Files.isRegularFile(file), "Debian package opencv-doc is not installed (" + file + ")");
        BufferedImage image;
        try {
            image = ImageIO.read(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int w = image.getWidth();
        int h = image.getHeight();
        byte[] rgb = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = image.getRGB(x, y);
                int i = 3 * (y * w + x);
                rgb[i] = (byte) (p >> 16);
                rgb[i + 1] = (byte) (p >> 8);
                rgb[i + 2] = (byte) p;
            }
        }
        return new CameraFrame(0, 0, "", w, h, rgb);
    }
}
