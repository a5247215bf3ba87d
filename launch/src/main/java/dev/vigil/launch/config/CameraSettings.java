package dev.vigil.launch.config;

/**
 * The camera ({@code camera:} in vigil.yaml).
 *
 * @param pipeline a GStreamer source description such as {@code v4l2src device=/dev/video0}
 *                 (Vigil appends {@code ! videoconvert ! RGB ! appsink}); null (default): no camera
 */
public record CameraSettings(String pipeline) {

    /** @throws IllegalArgumentException an empty pipeline */
    public CameraSettings {
        SettingException.optionalText(pipeline, "pipeline");
    }

    /** No camera. */
    public static CameraSettings defaults() {
        return new CameraSettings(null);
    }
}
