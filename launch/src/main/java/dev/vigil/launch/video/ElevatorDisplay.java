package dev.vigil.launch.video;

import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;

/**
 * An elevator's floor indicator: the floor drawn large and centred on the dark face, as the cabin's
 * camera would film it. Its truth is the floor as text ({@code "16"}).
 */
public final class ElevatorDisplay extends GeneratedVideo {

    /**
     * @param floors floor shown from when, seconds from {@code startS}, sorted
     * @param endS   no frame after this scenario time
     */
    public ElevatorDisplay(List<Shown> floors, DisplayStyle style, double startS, double endS) {
        super(floors, style, startS, endS);
    }

    @Override
    BufferedImage draw(String floor, DisplayStyle style) {
        BufferedImage image = new BufferedImage(style.width(), style.height(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(style.backgroundColor());
            g.fillRect(0, 0, style.width(), style.height());
            if (floor == null) {
                return image;
            }
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            int size = style.size() > 0 ? style.size() : fit(g, style, floor);
            Font font = new Font(style.font(), Font.BOLD, size);
            g.setFont(font);
            FontMetrics metrics = g.getFontMetrics();
            int x = (style.width() - metrics.stringWidth(floor)) / 2;
            int y = (style.height() - metrics.getAscent() - metrics.getDescent()) / 2 + metrics.getAscent();
            g.setColor(style.foregroundColor());
            g.drawString(floor, x, y);
            return image;
        } finally {
            g.dispose();
        }
    }

    /** The largest size at which the text fills at most 80 % of the width and 70 % of the height. */
    private static int fit(Graphics2D g, DisplayStyle style, String text) {
        int size = style.height();
        while (size > 8) {
            FontMetrics m = g.getFontMetrics(new Font(style.font(), Font.BOLD, size));
            if (m.stringWidth(text) <= style.width() * 0.8 && m.getAscent() <= style.height() * 0.7) {
                break;
            }
            size -= Math.max(1, size / 20);
        }
        return size;
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "elevator display %d×%d at %s fps", style().width(), style().height(),
                style().fps());
    }
}
