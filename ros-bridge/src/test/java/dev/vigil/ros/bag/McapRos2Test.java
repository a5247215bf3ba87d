package dev.vigil.ros.bag;

import dev.vigil.ros.cdr.CdrException;
import dev.vigil.ros.msg.AudioDataStamped;
import dev.vigil.ros.msg.AudioInfo;
import dev.vigil.ros.msg.HriIntent;
import dev.vigil.ros.msg.RosHeader;
import dev.vigil.ros.msg.StdBool;
import dev.vigil.ros.msg.StdString;
import dev.vigil.ros.transport.RosQos;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the ros2 profile puts in a bag: definitions as rosbag2 concatenates them, QoS as it serializes them, CDR samples. */
class McapRos2Test {

    private static final String RULE = "=".repeat(80);

    @Test
    void dependentDefinitionsFollowTheTopOneDepthFirstInNameOrder() {
        assertThat(RosMsgDefinitions.of("audio_common_msgs/msg/AudioDataStamped")).isEqualTo("""
                std_msgs/Header header
                audio_common_msgs/AudioData audio

                %1$s
                MSG: audio_common_msgs/AudioData
                uint8[] data

                %1$s
                MSG: std_msgs/Header
                builtin_interfaces/Time stamp
                string frame_id

                %1$s
                MSG: builtin_interfaces/Time
                int32 sec
                uint32 nanosec
                """.formatted(RULE));
    }

    @Test
    void aTypeWithoutDependenciesIsItsFieldsAndConstants() {
        assertThat(RosMsgDefinitions.of("std_msgs/msg/String")).isEqualTo("string data\n");
        assertThat(RosMsgDefinitions.of("std_msgs/msg/Bool")).isEqualTo("bool data\n");
        assertThat(RosMsgDefinitions.of("audio_common_msgs/msg/AudioInfo")).isEqualTo(
                "uint8 channels\nuint32 sample_rate\nstring sample_format\nuint32 bitrate\nstring coding_format\n");
        String intent = RosMsgDefinitions.of("hri_actions_msgs/msg/Intent");
        assertThat(intent.lines().filter(l -> !l.contains("=")))
                .containsExactly("string intent", "string data", "string source", "string modality", "uint8 priority",
                        "float32 confidence");
        assertThat(intent).contains("string MOVE_TO = __intent_move_to__\n").doesNotContain("#").doesNotContain(RULE);
    }

    @Test
    void anUnknownTypeIsRefusedByName() {
        assertThatThrownBy(() -> RosMsgDefinitions.of("sensor_msgs/msg/Image"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("no message definition for sensor_msgs/msg/Image");
    }

    @Test
    void offeredQosIsRosbag2sYamlWithNumericPolicies() {
        assertThat(Ros2Bag.offeredQosProfiles(RosQos.DEFAULT)).isEqualTo("""
                - history: 1
                  depth: 10
                  reliability: 1
                  durability: 2
                  deadline:
                    sec: 0
                    nsec: 0
                  lifespan:
                    sec: 0
                    nsec: 0
                  liveliness: 1
                  liveliness_lease_duration:
                    sec: 0
                    nsec: 0
                  avoid_ros_namespace_conventions: false""");
        assertThat(Ros2Bag.offeredQosProfiles(new RosQos(RosQos.Reliability.BEST_EFFORT, RosQos.Durability.TRANSIENT_LOCAL, 1)))
                .contains("  depth: 1\n  reliability: 2\n  durability: 1\n");
    }

    @Test
    void samplesKeepTheirEncapsulationHeaderAndComeBackEqual() throws Exception {
        byte[] text = BagCdr.encode(StdString.TYPE, new StdString("étage 16, 你好"));
        assertThat(text).startsWith(0x00, 0x01, 0x00, 0x00);
        assertThat(BagCdr.decode(StdString.TYPE, text)).isEqualTo(new StdString("étage 16, 你好"));

        assertThat(BagCdr.encode(StdBool.TYPE, new StdBool(true))).containsExactly(0, 1, 0, 0, 1);
        HriIntent intent = new HriIntent("__intent_move_to__", "{\"goal\":\"kitchen\"}", "__unknown_agent__", "__modality_speech__", 128, 0.9f);
        assertThat(BagCdr.decode(HriIntent.TYPE, BagCdr.encode(HriIntent.TYPE, intent))).isEqualTo(intent);
        AudioInfo info = new AudioInfo(1, 16000, "S16LE", 0, "wave");
        assertThat(BagCdr.decode(AudioInfo.TYPE, BagCdr.encode(AudioInfo.TYPE, info))).isEqualTo(info);
    }

    @Test
    void aLargeAudioChunkGrowsItsBufferUpToTheTypesBound() throws Exception {
        byte[] pcm = SampleBag.pcm(AudioDataStamped.MAX_DATA, 3);
        byte[] sample = BagCdr.encode(AudioDataStamped.TYPE, new AudioDataStamped(new RosHeader(1, 2, "mic"), pcm));
        assertThat(sample).hasSize(4 + 4 + 4 + 4 + 4 + 4 + pcm.length);   // header, sec, nanosec, "mic\0", count, bytes
        assertThat(BagCdr.decode(AudioDataStamped.TYPE, sample).data()).isEqualTo(pcm);

        byte[] tooBig = new byte[AudioDataStamped.MAX_DATA + 1024];
        assertThatThrownBy(() -> BagCdr.encode(AudioDataStamped.TYPE, new AudioDataStamped(new RosHeader(1, 2, "mic"), tooBig)))
                .isInstanceOf(CdrException.class).hasMessageStartingWith("audio_common_msgs/msg/AudioDataStamped: ");
    }
}
