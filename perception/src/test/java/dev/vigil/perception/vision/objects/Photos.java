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
        return dev.vigil.perception.vision.Images.frame(image);
    }
}
