package dev.vigil.launch.config;

import static dev.vigil.launch.config.SettingException.check;

/**
 * The microphone ({@code microphone:} in vigil.yaml), made by the
 * {@link dev.vigil.launch.io.AudioDeviceProvider} of its kind.
 *
 * @param kind     which audio device provider makes it: {@code gst} (GStreamer), {@code ros} (the ROS
 *                 topics {@code ros.topics.audio} and {@code ros.topics.audio_info}), or {@code auto}
 *                 (default): {@code ros} when ROS is enabled and no pipeline is named, else {@code gst}
 * @param pipeline the device, in that kind's terms: for {@code gst} a gst-launch element description
 *                 such as {@code pulsesrc device=mic}; null (default): {@code autoaudiosrc}
 * @param channel  the 0-based channel kept from a multichannel device, or -1 (default) to mix down
 * @param muted    true: nothing is heard (the agent still speaks); default false
 */
public record MicrophoneSettings(String kind, String pipeline, int channel, boolean muted) {

    /** The kind that picks by whether the agent is on ROS. */
    public static final String AUTO = "auto";
    /** GStreamer's own choice of source, when no pipeline is named. */
    public static final String DEFAULT_PIPELINE = "autoaudiosrc";

    /** @throws IllegalArgumentException an empty kind or pipeline, a channel below -1 */
    public MicrophoneSettings {
        SettingException.text(kind, "kind");
        SettingException.optionalText(pipeline, "pipeline");
        check(channel >= -1, "channel", "must be -1 (mix down) or a channel number from 0, was " + channel);
    }

    /** Picked by ROS ({@code auto}), GStreamer's default source, mixed down, not muted. */
    public static MicrophoneSettings defaults() {
        return new MicrophoneSettings(AUTO, null, -1, false);
    }

    /**
     * The provider kind to use: {@code kind}, with {@code auto} resolved.
     *
     * @param rosEnabled whether the agent runs as a ROS node
     */
    public String resolvedKind(boolean rosEnabled) {
        return resolve(kind, pipeline, rosEnabled);
    }

    /** {@code auto}: the ROS topics when on ROS and no device is named, else GStreamer. */
    static String resolve(String kind, String pipeline, boolean rosEnabled) {
        if (!kind.equals(AUTO)) {
            return kind;
        }
        return rosEnabled && pipeline == null ? "ros" : "gst";
    }

    /** The pipeline, or {@value #DEFAULT_PIPELINE} when none is named. */
    public String pipelineOrDefault() {
        return pipeline == null ? DEFAULT_PIPELINE : pipeline;
    }
}
