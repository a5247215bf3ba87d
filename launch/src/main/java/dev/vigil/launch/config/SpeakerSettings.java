package dev.vigil.launch.config;

/**
 * The loudspeaker ({@code speaker:} in vigil.yaml), made by the
 * {@link dev.vigil.launch.io.AudioDeviceProvider} of its kind.
 *
 * @param kind     which audio device provider makes it; default {@code gst} (GStreamer)
 * @param pipeline the device, in that kind's terms: for {@code gst} a gst-launch element description
 *                 such as {@code alsasink device=hw:1}; default {@code autoaudiosink}
 */
public record SpeakerSettings(String kind, String pipeline) {

    /** @throws IllegalArgumentException an empty kind or pipeline */
    public SpeakerSettings {
        SettingException.text(kind, "kind");
        SettingException.text(pipeline, "pipeline");
    }

    /** GStreamer's default sink. */
    public static SpeakerSettings defaults() {
        return new SpeakerSettings("gst", "autoaudiosink");
    }
}
