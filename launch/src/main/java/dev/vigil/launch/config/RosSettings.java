package dev.vigil.launch.config;

import dev.vigil.ros.audio.PcmFormat;
import dev.vigil.ros.msg.GidLayout;
import dev.vigil.ros.bridge.RosTopics;
import dev.vigil.ros.transport.RosNames;

import java.util.Map;

/**
 * The agent as a ROS 2 node ({@code ros:} in vigil.yaml; docs/ros.md). Off unless enabled
 * ({@code vigil run --ros}).
 *
 * @param enabled          join the ROS graph and publish the agent's outputs on its topics
 * @param domainId         the ROS domain, 0–232; null (default): {@code ROS_DOMAIN_ID}, else 0
 * @param nodeName         the node's name; default {@code vigil}
 * @param interfaceAddress the only local address DDS may use (e.g. {@code 127.0.0.1} for a robot whose
 *                         nodes all run on it); null (default): every interface
 * @param topics           the topic names
 * @param audioMessages    which package's messages the microphone topic carries: {@code ros_drivers}
 *                         (default; ros-drivers/audio_common: {@code AudioDataStamped} + {@code AudioInfo}
 *                         on {@code topics.audio_info}) or {@code mgonzs13} (mgonzs13/audio_common 4.x:
 *                         {@code AudioStamped}, the format in every chunk; its capturer publishes on {@code /audio})
 * @param audioFormat      the microphone topic's format until its {@code AudioInfo} arrives
 * @param voiceId          the ROS4HRI id of the voice the agent hears; default {@code anonymous_speaker}
 * @param speakerLatencyMs how long after a chunk is published on {@code topics.robot_audio} the playing
 *                         node plays it, in ms (0–2000); 0 (default): unknown, the echo canceller's
 *                         delay tracking finds it
 * @param distribution     the ROS 2 distribution the other nodes run, which decides the layout of the
 *                         gids the node is announced with on {@code ros_discovery_info} (so that
 *                         {@code ros2 node list} shows it): {@code humble} (default; also {@code foxy},
 *                         {@code galactic}: 24 bytes) or {@code jazzy} (also {@code iron}, {@code kilted},
 *                         {@code rolling}: 16 bytes)
 */
public record RosSettings(boolean enabled, Integer domainId, String nodeName, String interfaceAddress,
                          Topics topics, String audioMessages, AudioFormat audioFormat, String voiceId,
                          int speakerLatencyMs, String distribution) {

    /** ros-drivers/audio_common's messages. */
    public static final String ROS_DRIVERS = "ros_drivers";
    /** mgonzs13/audio_common's messages. */
    public static final String MGONZS13 = "mgonzs13";
    /**
     * The distribution assumed: Humble, the LTS the rest of the ROS bridge follows (its Cyclone DDS line,
     * ROS4HRI's {@code humble-devel} messages, the bags Humble writes; docs/ros.md).
     */
    public static final String HUMBLE = "humble";
    /** The distributions by name, and the gids' layout each puts on {@code ros_discovery_info}. */
    private static final Map<String, GidLayout> DISTRIBUTIONS = Map.of(
            "foxy", GidLayout.HUMBLE, "galactic", GidLayout.HUMBLE, HUMBLE, GidLayout.HUMBLE,
            "iron", GidLayout.JAZZY, "jazzy", GidLayout.JAZZY, "kilted", GidLayout.JAZZY, "rolling", GidLayout.JAZZY);

    /**
     * @param intents       {@code hri_actions_msgs/Intent} out; default {@code /intents}
     * @param utterance     {@code std_msgs/String} out, as each utterance starts; default {@code /robot_utterance}
     * @param robotSpeaking {@code std_msgs/Bool} out; default {@code /robot_speaking}
     * @param audio         the microphone: {@code audio_common_msgs/AudioDataStamped} in; default
     *                      {@code /audio_stamped} (audio_common's capture node)
     * @param audioInfo     the microphone's format: {@code audio_common_msgs/AudioInfo} in; default {@code /audio_info}
     * @param robotAudio    the loudspeaker: the robot's voice as {@code audio_common_msgs/AudioDataStamped}
     *                      out; default {@code /robot_audio_stamped}
     * @param robotAudioInfo its format, {@code audio_common_msgs/AudioInfo} out; default {@code /robot_audio_info}
     * @param voices        ROS4HRI's voices namespace, out: {@code <voices>/tracked},
     *                      {@code <voices>/<voice_id>/speech} and {@code …/is_speaking}; default {@code /humans/voices}
     * @param diagnostics   {@code diagnostic_msgs/DiagnosticArray} out, once a second; default {@code /diagnostics}
     * @param say           {@code std_msgs/String} in: behaviours' requests to speak; default {@code /say}
     * @param image         the camera: {@code sensor_msgs/Image} in; default {@code /image_raw}; null for none
     * @param imageCompressed the camera as {@code sensor_msgs/CompressedImage} (JPEG, PNG) in; null (default) for none
     */
    public record Topics(String intents, String utterance, String robotSpeaking, String audio, String audioInfo,
                         String robotAudio, String robotAudioInfo, String voices, String diagnostics,
                         String say, String image, String imageCompressed) {

        /** @throws IllegalArgumentException a name that is not an absolute ROS topic name */
        public Topics {
            topic(intents, "intents");
            topic(utterance, "utterance");
            topic(robotSpeaking, "robot_speaking");
            topic(audio, "audio");
            topic(audioInfo, "audio_info");
            topic(robotAudio, "robot_audio");
            topic(robotAudioInfo, "robot_audio_info");
            topic(voices, "voices");
            topic(diagnostics, "diagnostics");
            topic(say, "say");
            if (image != null) {
                topic(image, "image");
            }
            if (imageCompressed != null) {
                topic(imageCompressed, "image_compressed");
            }
        }

        private static void topic(String name, String key) {
            SettingException.text(name, key);
            SettingException.check(RosNames.isTopic(name), key, "not an absolute ROS topic name (like /intents): \"" + name + "\"");
        }
    }

    /**
     * The microphone topic's format assumed until an {@code AudioInfo} says otherwise; defaults are
     * audio_common's capture node's (mono, 16 kHz, S16LE).
     *
     * @param channels     interleaved channels, 1–64
     * @param sampleRate   Hz, 8000–192000
     * @param sampleFormat {@code S16LE} or {@code F32LE}
     */
    public record AudioFormat(int channels, int sampleRate, String sampleFormat) {

        /** @throws IllegalArgumentException a value out of range, an unknown sample format */
        public AudioFormat {
            SettingException.check(channels >= 1 && channels <= 64, "channels", "must be 1–64");
            SettingException.check(sampleRate >= 8000 && sampleRate <= 192_000, "sample_rate", "must be 8000–192000 Hz");
            SettingException.text(sampleFormat, "sample_format");
            SettingException.check(sampleFormat.equals("S16LE") || sampleFormat.equals("F32LE"), "sample_format",
                    "S16LE or F32LE, was " + sampleFormat);
        }

        /** As the ROS microphone takes it. */
        public PcmFormat pcm() {
            return new PcmFormat(channels, sampleRate, PcmFormat.SampleFormat.valueOf(sampleFormat));
        }
    }

    /** @throws IllegalArgumentException a domain outside 0–232, a bad node name, an empty address */
    public RosSettings {
        SettingException.check(domainId == null || RosNames.isDomainId(domainId), "domain_id", "must be 0–232");
        SettingException.text(nodeName, "node_name");
        SettingException.check(RosNames.isNode(nodeName), "node_name", "letters, digits and _ only, not starting with a digit");
        SettingException.optionalText(interfaceAddress, "interface_address");
        SettingException.check(topics != null, "topics", "must be given");
        SettingException.check(ROS_DRIVERS.equals(audioMessages) || MGONZS13.equals(audioMessages), "audio_messages",
                ROS_DRIVERS + " or " + MGONZS13 + ", was " + audioMessages);
        SettingException.check(audioFormat != null, "audio_format", "must be given");
        SettingException.text(voiceId, "voice_id");
        SettingException.check(RosNames.isNode(voiceId), "voice_id", "letters, digits and _ only, not starting with a digit");
        SettingException.check(speakerLatencyMs >= 0 && speakerLatencyMs <= 2000, "speaker_latency_ms", "must be 0–2000");
        SettingException.text(distribution, "distribution");
        SettingException.check(DISTRIBUTIONS.containsKey(distribution), "distribution",
                "humble or jazzy (or foxy, galactic, iron, kilted, rolling), was " + distribution);
    }

    /** How {@code ros_discovery_info} lays out gids in {@link #distribution}: 24 bytes to Humble, 16 from Iron on. */
    public GidLayout gidLayout() {
        return DISTRIBUTIONS.get(distribution);
    }

    /** The topic names the outputs publish on. */
    public RosTopics outputTopics() {
        return new RosTopics(topics.intents(), topics.utterance(), topics.robotSpeaking(), topics.voices(), voiceId);
    }

    /** Off; ROS4HRI's topic names. */
    public static RosSettings defaults() {
        RosTopics topics = RosTopics.DEFAULTS;
        PcmFormat audio = PcmFormat.CAPTURE_NODE_DEFAULT;
        return new RosSettings(false, null, "vigil", null,
                new Topics(topics.intents(), topics.utterances(), topics.robotSpeaking(), "/audio_stamped", "/audio_info",
                        "/robot_audio_stamped", "/robot_audio_info", topics.voices(), "/diagnostics", "/say",
                        "/image_raw", null),
                ROS_DRIVERS, new AudioFormat(audio.channels(), audio.sampleRate(), audio.sampleFormat().name()),
                topics.voiceId(), 0, HUMBLE);
    }

    /**
     * The domain to join: {@code domain_id}, else {@code ROS_DOMAIN_ID}, else 0.
     *
     * @throws IllegalArgumentException {@code ROS_DOMAIN_ID} is not a number of 0–232 (one line)
     */
    public int domain() {
        if (domainId != null) {
            return domainId;
        }
        String env = System.getenv("ROS_DOMAIN_ID");
        if (env == null || env.isBlank()) {
            return 0;
        }
        int id;
        try {
            id = Integer.parseInt(env.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("ROS_DOMAIN_ID=" + env + ": not a number (set it, or ros.domain_id, to 0–232)");
        }
        if (!RosNames.isDomainId(id)) {
            throw new IllegalArgumentException("ROS_DOMAIN_ID=" + env + ": outside 0–232");
        }
        return id;
    }
}
