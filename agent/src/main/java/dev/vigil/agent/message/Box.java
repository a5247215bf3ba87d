package dev.vigil.agent.message;

/**
 * Where something is in a camera frame, as fractions of the frame: {@code x}, {@code y} the top-left
 * corner (0 = left / top edge, 1 = right / bottom edge), {@code width}, {@code height} the size. Fractions
 * rather than pixels so that a box means the same on a frame of any resolution (the sampler may scale
 * frames down before an engine sees them).
 */
public record Box(double x, double y, double width, double height) {

    /** The whole frame. */
    public static final Box WHOLE_FRAME = new Box(0, 0, 1, 1);

    /** @throws IllegalArgumentException a box outside [0, 1] or with a negative size */
    public Box {
        if (!(x >= 0 && y >= 0 && width >= 0 && height >= 0 && x + width <= 1 + 1e-6 && y + height <= 1 + 1e-6)) {
            throw new IllegalArgumentException("a box is fractions of the frame, was x " + x + ", y " + y
                    + ", " + width + " × " + height);
        }
    }

    /** The box from pixel bounds in a {@code frameWidth} × {@code frameHeight} frame, clipped to it. */
    public static Box ofPixels(double left, double top, double right, double bottom, int frameWidth, int frameHeight) {
        double x0 = clip(left / frameWidth);
        double y0 = clip(top / frameHeight);
        double x1 = clip(right / frameWidth);
        double y1 = clip(bottom / frameHeight);
        return new Box(Math.min(x0, x1), Math.min(y0, y1), Math.abs(x1 - x0), Math.abs(y1 - y0));
    }

    private static double clip(double v) {
        return Math.max(0, Math.min(1, v));
    }
}
