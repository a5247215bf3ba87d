package dev.vigil.agent.message;

/**
 * One camera image, as packed 8-bit RGB: {@code rgb[3 × (y × width + x)]} is the red of pixel (x, y),
 * then green and blue; rows top to bottom, no padding, so {@code rgb.length} is {@code width × height × 3}
 * (whoever makes the frame keeps it so: {@code dev.vigil.ros.camera.RosCameraIn} does).
 *
 * @param captureNanos session time the frame reached the agent (the source's own clock is in {@code stampNanos})
 * @param stampNanos   the source's timestamp of the image in nanoseconds (a ROS header stamp: ROS time,
 *                     usually the wall clock since the epoch, of acquisition or publication); 0 when unset
 * @param frameId      the camera's frame (ROS {@code header.frame_id}, e.g. {@code camera_optical_frame}),
 *                     or empty
 * @param width        columns, 1 or more
 * @param height       rows, 1 or more
 * @param rgb          the pixels (above); owned by the message once sent, never mutated
 */
public record CameraFrame(long captureNanos, long stampNanos, String frameId, int width, int height, byte[] rgb) {

    public CameraFrame {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("a camera frame is at least 1 × 1, was " + width + " × " + height);
        }
        if (frameId == null || rgb == null) {
            throw new IllegalArgumentException("a camera frame needs a frame id (may be empty) and pixels");
        }
    }

    /** Pixel (x, y) as {@code 0xRRGGBB}. */
    public int rgbAt(int x, int y) {
        int i = 3 * (y * width + x);
        return (rgb[i] & 0xFF) << 16 | (rgb[i + 1] & 0xFF) << 8 | rgb[i + 2] & 0xFF;
    }
}
