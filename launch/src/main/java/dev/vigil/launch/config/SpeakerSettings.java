package dev.vigil.launch.config;

/**
 * The loudspeaker ({@code speaker:} in vigil.yaml), made by the
 * {@link dev.vigil.launch.io.AudioDeviceProvider} of its kind.
 *
 * @param kind     which audio device provider makes it: {@code gst} (GStreamer), {@code ros} (the ROS
 *                 topics {@code ros.topics.robot_audio} and {@code ros.topics.robot_audio_info}), or
 *                 {@code auto} (default): {@code ros} when ROS is enabled and no pipeline is named, else {@code gst}
 * @param pipeline the device, in that kind's terms: for {@code gst} a gst-launch element description
 *                 such as {@code alsasink device=hw:1}; null (default): {@code autoaudiosink}
 */
public record SpeakerSettings(String kind, String pipeline) {

    /** GStreamer's own choice of sink, when no pipeline is named. */
    public static final String DEFAULT_PIPELINE = "autoaudiosink";

    /** @throws IllegalArgumentException an empty kind or pipeline */
    public SpeakerSettings {
        SettingException.text(kind, "kind");
        SettingException.optionalText(pipeline, "pipeline");
    }

    /** Picked by ROS ({@code auto}), GStreamer's default sink. */
    public static SpeakerSettings defaults() {
        return new SpeakerSettings(MicrophoneSettings.AUTO, null);
    }

    /**
     * The provider kind to use: {@code kind}, with {@code auto} resolved.
     *
     * @param rosEnabled whether the agent runs as a ROS node
     */
    public String resolvedKind(boolean rosEnabled) {
        return MicrophoneSettings.resolve(kind, pipeline, rosEnabled);
    }

    /** The pipeline, or {@value #DEFAULT_PIPELINE} when none is named. */
    public String pipelineOrDefault() {
        return pipeline == null ? DEFAULT_PIPELINE : pipeline;
    }
}
