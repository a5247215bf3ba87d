package dev.vigil.launch.video;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A traffic light: a housing with three lamps, red above amber above green, one of them lit (or
 * none: {@code off}). Its truth is the lit colour's name. The style's foreground is the housing's
 * colour ({@link #HOUSING} by default), its font and size are not used.
 */
public final class TrafficLight extends GeneratedVideo {

    /** The housing's colour unless the style gives one. */
    public static final int HOUSING = 0x303030;
    public static final Set<String> STATES = Set.of("red", "amber", "green", "off");
    private static final List<String> LAMPS = List.of("red", "amber", "green");
    private static final Map<String, Integer> LIT = Map.of("red", 0xFF2020, "amber", DisplayStyle.AMBER, "green", 0x20E040);

    /**
     * @param states lit lamp from when, seconds from {@code startS}, sorted; each one of {@link #STATES}
     * @param endS   no frame after this scenario time
     */
    public TrafficLight(List<Shown> states, DisplayStyle style, double startS, double endS) {
        super(states, style, startS, endS);
    }

    /** The centre of lamp {@code index} (0 red, 1 amber, 2 green) and the lamps' radius, in pixels. */
    static int[] lamp(DisplayStyle style, int index) {
        int housingH = style.height() * 9 / 10;
        int radius = Math.min(style.width() / 5, housingH / 7);
        int top = (style.height() - housingH) / 2;
        return new int[] {style.width() / 2, top + housingH * (2 * index + 1) / 6, radius};
    }

    @Override
    BufferedImage draw(String state, DisplayStyle style) {
        BufferedImage image = new BufferedImage(style.width(), style.height(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(style.backgroundColor());
            g.fillRect(0, 0, style.width(), style.height());
            int housingH = style.height() * 9 / 10;
            int housingW = Math.min(style.width() * 2 / 3, housingH * 2 / 5);
            g.setColor(style.foregroundColor());
            g.fillRoundRect((style.width() - housingW) / 2, (style.height() - housingH) / 2, housingW, housingH,
                    housingW / 4, housingW / 4);
            for (int i = 0; i < LAMPS.size(); i++) {
                int[] lamp = lamp(style, i);
                int rgb = LIT.get(LAMPS.get(i));
                // An unlit lamp is its colour at a fifth of the brightness: dark, but still a lamp.
                g.setColor(LAMPS.get(i).equals(state) ? new Color(rgb) : dim(rgb));
                g.fillOval(lamp[0] - lamp[2], lamp[1] - lamp[2], 2 * lamp[2], 2 * lamp[2]);
            }
            return image;
        } finally {
            g.dispose();
        }
    }

    private static Color dim(int rgb) {
        return new Color((rgb >> 16 & 0xFF) / 5, (rgb >> 8 & 0xFF) / 5, (rgb & 0xFF) / 5);
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "traffic light %d×%d at %s fps", style().width(), style().height(),
                style().fps());
    }
}
