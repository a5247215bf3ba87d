package dev.vigil.launch.video;

import java.awt.Color;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * How a generated display looks and how often it is filmed.
 *
 * @param font       a font family Java knows (e.g. {@code DejaVu Sans Mono}); {@code Monospaced} by default
 * @param size       the glyph height in pixels, or 0: as large as the picture allows
 * @param foreground the lit colour (an elevator's digits), as 0xRRGGBB
 * @param background the unlit colour around it, as 0xRRGGBB
 * @param width      picture width in pixels
 * @param height     picture height in pixels
 * @param fps        frames per second
 */
public record DisplayStyle(String font, int size, int foreground, int background, int width, int height, double fps) {

    public static final int DEFAULT_WIDTH = 640;
    public static final int DEFAULT_HEIGHT = 480;
    public static final double DEFAULT_FPS = 10;
    /** An elevator display's amber digits. */
    public static final int AMBER = 0xFFB000;
    /** A display's dark face. */
    public static final int DARK = 0x101010;

    /** Colours a scenario may name instead of {@code "#RRGGBB"}. */
    public static final Map<String, Integer> COLOURS = Map.of("white", 0xFFFFFF, "black", 0x000000,
            "amber", AMBER, "red", 0xFF2020, "green", 0x20E040, "blue", 0x3060FF, "dark", DARK,
            "yellow", 0xFFE000);

    public DisplayStyle {
        if (width < 16 || height < 16 || width > 4096 || height > 4096) {
            throw new IllegalArgumentException("a display is 16 to 4096 pixels wide and high, was " + width + " × " + height);
        }
        if (!(fps > 0 && fps <= 120)) {
            throw new IllegalArgumentException("fps must be above 0 and at most 120, was " + fps);
        }
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative, was " + size);
        }
    }

    /** Amber on dark, 640×480, 10 fps, the largest glyphs that fit. */
    public static DisplayStyle defaults() {
        return new DisplayStyle("Monospaced", 0, AMBER, DARK, DEFAULT_WIDTH, DEFAULT_HEIGHT, DEFAULT_FPS);
    }

    /** {@code "#RRGGBB"} or one of {@link #COLOURS}, as 0xRRGGBB; empty when it is neither. */
    public static Optional<Integer> colour(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.matches("#[0-9a-f]{6}")) {
            return Optional.of(Integer.parseInt(t.substring(1), 16));
        }
        return Optional.ofNullable(COLOURS.get(t));
    }

    Color foregroundColor() {
        return new Color(foreground);
    }

    Color backgroundColor() {
        return new Color(background);
    }
}
