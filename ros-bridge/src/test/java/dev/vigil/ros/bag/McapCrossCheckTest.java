package dev.vigil.ros.bag;

import dev.vigil.ros.bag.SampleBag.Written;
import dev.vigil.ros.cdr.CdrReader;
import dev.vigil.ros.msg.AudioDataStamped;
import dev.vigil.ros.msg.StdString;
import dev.vigil.ros.transport.RosQos;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Vigil's MCAP against the reference implementation, npm {@code @mcap/core} 2.2.2 (src/test/node/mcap):
 * its writer's bags read by McapReader, and McapWriter's bags read by its indexed reader (which needs a
 * valid summary, index and CRCs) and by its streaming reader.
 */
class McapCrossCheckTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"none", "zstd", "lz4"})
    void aBagWrittenByMcapCoreReadsWithItsTopicsTimesAndBytes(String compression) throws Exception {
        Path file = dir.resolve("mcap-core-" + compression + ".mcap");
        List<JsonObject> written = McapNode.run("write-bag.js", file.toAbsolutePath().toString(), compression);
        assertThat(written).hasSize(11);
        // Log-time order; two messages share a time, and keep the order they were written in; the big one,
        // written last, comes first.
        List<JsonObject> expected = written.stream().sorted(Comparator.comparingLong(j -> Long.parseLong(j.getString("logTime"))))
                .toList();

        try (McapReader reader = McapReader.open(file)) {
            List<BagMessage> read = reader.readAll();
            assertThat(reader.profile()).isEqualTo("ros2");
            assertThat(reader.library()).isEqualTo("mcap-crosscheck @mcap/core 2.2.2");
            assertThat(read).extracting(McapCrossCheckTest::describe)
                    .containsExactlyElementsOf(expected.stream().map(McapCrossCheckTest::describe).toList());
            for (int i = 0; i < read.size(); i++) {
                BagMessage m = read.get(i);
                JsonObject value = expected.get(i).getJsonObject("value");
                if (m.topic().equals("/robot_utterance")) {
                    assertThat(BagCdr.decode(StdString.TYPE, m).data()).isEqualTo(value.getString("data"));
                } else if (m.data().length < AudioDataStamped.MAX_DATA) {
                    AudioDataStamped audio = BagCdr.decode(AudioDataStamped.TYPE, m);
                    assertThat(audio.header().sec()).isEqualTo(value.getInteger("sec"));
                    assertThat(audio.header().nanosec()).isEqualTo(value.getLong("nanosec"));
                    assertThat(audio.header().frameId()).isEqualTo(value.getString("frameId"));
                    assertThat(HexFormat.of().formatHex(audio.data())).isEqualTo(value.getJsonObject("audio").getString("dataHex"));
                } else {
                    // 5 MiB: over what the agent takes from /audio_stamped (AudioDataStamped.MAX_DATA); read field by field.
                    CdrReader in = new CdrReader(ByteBuffer.wrap(m.data()));
                    assertThat(in.int32()).isEqualTo(value.getInteger("sec"));
                    assertThat(in.uint32()).isEqualTo(value.getLong("nanosec"));
                    assertThat(in.string()).isEqualTo(value.getString("frameId"));
                    assertThat(sha256(in.bytes(Integer.MAX_VALUE))).isEqualTo(value.getJsonObject("audio").getString("dataSha256"));
                }
            }
            McapStatistics stats = reader.statistics().orElseThrow();
            assertThat(stats.messageCount()).isEqualTo(11);
            assertThat(stats.chunkCount()).isGreaterThan(3);
            for (McapChannel c : reader.channels().values()) {
                assertThat(c.metadata()).isEqualTo(Map.of("offered_qos_profiles", Ros2Bag.offeredQosProfiles(RosQos.DEFAULT)));
                assertThat(c.schema().text()).isEqualTo(RosMsgDefinitions.of(c.schemaName()));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(McapCompression.class)
    void aBagWrittenByMcapWriterReadsInMcapCoresIndexedAndStreamingReaders(McapCompression compression) throws Exception {
        Path file = dir.resolve("vigil-" + compression + ".mcap");
        List<Written> written = SampleBag.write(file, McapWriter.Options.ROS2.withCompression(compression).withChunkBytes(1024), 200);
        List<JsonObject> lines = McapNode.run("read-bag.js", file.toAbsolutePath().toString());

        JsonObject summary = lines.get(0);
        assertThat(summary.getString("kind")).isEqualTo("file");
        assertThat(summary.getString("profile")).isEqualTo("ros2");
        assertThat(summary.getString("library")).isEqualTo("vigil");
        assertThat(summary.getLong("dataSectionCrc")).isNotZero().isEqualTo(summary.getLong("dataSectionCrcComputed"));
        JsonObject stats = summary.getJsonObject("statistics");
        int chunks = SampleBag.records(file, Mcap.CHUNK).size();
        assertThat(stats.getString("messageCount")).isEqualTo("200");
        assertThat(stats.getInteger("schemaCount")).isEqualTo(4);
        assertThat(stats.getInteger("channelCount")).isEqualTo(4);
        assertThat(stats.getInteger("chunkCount")).isEqualTo(chunks).isGreaterThan(10);
        assertThat(stats.getString("messageStartTime")).isEqualTo(Long.toString(SampleBag.BASE));
        assertThat(stats.getJsonObject("channelMessageCounts").getMap())
                .isEqualTo(Map.of("1", "50", "2", "50", "3", "50", "4", "50"));
        assertThat(summary.getJsonArray("schemas").stream().map(JsonObject.class::cast)
                .map(s -> s.getString("encoding") + " " + s.getString("name") + "=" + s.getString("data")))
                .containsExactly(
                        "ros2msg std_msgs/msg/String=" + RosMsgDefinitions.of("std_msgs/msg/String"),
                        "ros2msg std_msgs/msg/Bool=" + RosMsgDefinitions.of("std_msgs/msg/Bool"),
                        "ros2msg hri_actions_msgs/msg/Intent=" + RosMsgDefinitions.of("hri_actions_msgs/msg/Intent"),
                        "ros2msg audio_common_msgs/msg/AudioDataStamped=" + RosMsgDefinitions.of("audio_common_msgs/msg/AudioDataStamped"));
        assertThat(summary.getJsonArray("channels").stream().map(JsonObject.class::cast)
                .map(c -> c.getString("topic") + " " + c.getString("messageEncoding") + " "
                        + c.getJsonObject("metadata").getString("offered_qos_profiles")))
                .containsExactly(
                        "/robot_utterance cdr " + Ros2Bag.offeredQosProfiles(RosQos.DEFAULT),
                        "/robot_speaking cdr " + Ros2Bag.offeredQosProfiles(RosQos.DEFAULT),
                        "/intents cdr " + Ros2Bag.offeredQosProfiles(RosQos.DEFAULT),
                        "/audio_stamped cdr " + Ros2Bag.offeredQosProfiles(RosQos.SENSOR_DATA));
        assertThat(summary.getJsonArray("chunkIndexes").stream().map(JsonObject.class::cast).map(c -> c.getString("compression")))
                .hasSize(chunks).containsOnly(compression.wireName());
        assertThat(summary.getJsonArray("summaryOffsetOpcodes").getList()).containsExactly(0x03, 0x04, 0x0B, 0x08);

        List<String> indexed = lines.stream().filter(l -> l.getString("kind").equals("indexed")).map(McapCrossCheckTest::describe).toList();
        assertThat(indexed).containsExactlyElementsOf(SampleBag.byLogTime(written).stream().map(McapCrossCheckTest::describe).toList());
        List<String> streamed = lines.stream().filter(l -> l.getString("kind").equals("stream")).map(McapCrossCheckTest::describe).toList();
        assertThat(streamed).containsExactlyElementsOf(written.stream().map(McapCrossCheckTest::describe).toList());
        assertThat(lines.get(lines.size() - 1)).isEqualTo(new JsonObject().put("kind", "stream-end").put("done", true));
    }

    static String describe(JsonObject j) {
        return j.getString("topic") + " " + j.getString("schema") + " #" + j.getValue("sequence") + " " + j.getString("logTime")
                + "/" + j.getString("publishTime") + " " + j.getString("dataSha256");
    }

    static String describe(BagMessage m) {
        return m.topic() + " " + m.schemaName() + " #" + m.sequence() + " " + m.logTimeNanos() + "/" + m.publishTimeNanos() + " "
                + sha256(ByteBuffer.wrap(m.data()));
    }

    static String describe(Written w) {
        return w.topic() + " " + w.schema() + " #" + w.sequence() + " " + w.logTime() + "/" + w.publishTime() + " "
                + sha256(ByteBuffer.wrap(w.data()));
    }

    static String sha256(ByteBuffer bytes) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(bytes.duplicate());
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
