package dev.vigil.launch.config;

import static dev.vigil.launch.config.SettingException.check;

/**
 * The microphone ({@code microphone:} in vigil.yaml), made by the
 * {@link dev.vigil.launch.io.AudioDeviceProvider} of its kind.
 *
 * @param kind     which audio device provider makes it; default {@code gst} (GStreamer)
 * @param pipeline the device, in that kind's terms: for {@code gst} a gst-launch element description
 *                 such as {@code pulsesrc device=mic}; default {@code autoaudiosrc}
 * @param channel  the 0-based channel kept from a multichannel device, or -1 (default) to mix down
 * @param muted    true: nothing is heard (the agent still speaks); default false
 */
public record MicrophoneSettings(String kind, String pipeline, int channel, boolean muted) {

    /** @throws IllegalArgumentException an empty kind or pipeline, a channel below -1 */
    public MicrophoneSettings {
        SettingException.text(kind, "kind");
        SettingException.text(pipeline, "pipeline");
        check(channel >= -1, "channel", "must be -1 (mix down) or a channel number from 0, was " + channel);
    }

    /** GStreamer's default source, mixed down, not muted. */
    public static MicrophoneSettings defaults() {
        return new MicrophoneSettings("gst", "autoaudiosrc", -1, false);
    }
}
