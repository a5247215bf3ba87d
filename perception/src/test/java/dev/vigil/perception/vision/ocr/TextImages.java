package dev.vigil.perception.vision.ocr;

import dev.vigil.agent.message.CameraFrame;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

/** Test images drawn with Java2D, and pictures from disk, as camera frames. */
final class TextImages {

    private TextImages() {
    }

    /** A {@code width × height} image of {@code background} with {@code text} centred in {@code font}. */
    static BufferedImage centred(String text, Font font, Color ink, Color background, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(background);
        g.fillRect(0, 0, width, height);
        g.setColor(ink);
        g.setFont(font);
        FontMetrics m = g.getFontMetrics();
        int x = (width - m.stringWidth(text)) / 2;
        int y = (height - m.getHeight()) / 2 + m.getAscent();
        g.drawString(text, x, y);
        g.dispose();
        return image;
    }

    static CameraFrame frame(BufferedImage image) {
        return dev.vigil.perception.vision.Images.frame(image);
    }

    static CameraFrame read(Path file) throws IOException {
        BufferedImage image = ImageIO.read(file.toFile());
        if (image == null) {
            throw new IOException(file + ": not an image ImageIO reads");
        }
        return frame(image);
    }
}
