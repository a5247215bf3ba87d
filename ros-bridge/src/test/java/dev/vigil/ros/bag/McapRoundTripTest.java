package dev.vigil.ros.bag;

import dev.vigil.ros.bag.SampleBag.Written;
import dev.vigil.ros.msg.StdString;
import dev.vigil.ros.transport.RosQos;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** McapWriter's files read back by McapReader: every message, in log-time order, with its channel and schema. */
class McapRoundTripTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(McapCompression.class)
    void messagesComeBackInLogTimeOrderAcrossOverlappingChunks(McapCompression compression) throws Exception {
        Path file = dir.resolve("sample.mcap");
        List<Written> written = SampleBag.write(file, McapWriter.Options.ROS2.withCompression(compression).withChunkBytes(1024), 200);

        try (McapReader reader = McapReader.open(file)) {
            List<BagMessage> read = reader.readAll();
            assertThat(reader.profile()).isEqualTo("ros2");
            assertThat(reader.library()).isEqualTo("vigil");
            assertThat(read).extracting(m -> m.topic() + " " + m.schemaName() + " #" + m.sequence() + " " + m.logTimeNanos()
                            + "/" + m.publishTimeNanos() + " " + java.util.HexFormat.of().formatHex(m.data()))
                    .containsExactlyElementsOf(SampleBag.byLogTime(written).stream().map(w -> w.topic() + " " + w.schema()
                            + " #" + w.sequence() + " " + w.logTime() + "/" + w.publishTime() + " " + w.hex()).toList());
            McapStatistics stats = reader.statistics().orElseThrow();
            assertThat(stats.messageCount()).isEqualTo(200);
            assertThat(stats.channelCount()).isEqualTo(4);
            assertThat(stats.schemaCount()).isEqualTo(4);
            assertThat(stats.chunkCount()).isEqualTo(SampleBag.records(file, Mcap.CHUNK).size()).isGreaterThan(10);
            assertThat(stats.messageStartTime()).isEqualTo(SampleBag.BASE);
            assertThat(stats.messageEndTime()).isEqualTo(SampleBag.BASE + 199 * 1_000_000L);
            assertThat(stats.channelMessageCounts()).isEqualTo(Map.of(1, 50L, 2, 50L, 3, 50L, 4, 50L));
        }
    }

    @Test
    void eachChannelCarriesTheRos2ProfilesFields() throws Exception {
        Path file = dir.resolve("sample.mcap");
        SampleBag.write(file, McapWriter.Options.ROS2, 8);
        try (McapReader reader = McapReader.open(file)) {
            reader.readAll();
            McapChannel audio = reader.channels().values().stream().filter(c -> c.topic().equals("/audio_stamped")).findFirst()
                    .orElseThrow();
            assertThat(audio.messageEncoding()).isEqualTo("cdr");
            assertThat(audio.schema().encoding()).isEqualTo("ros2msg");
            assertThat(audio.schema().name()).isEqualTo("audio_common_msgs/msg/AudioDataStamped");
            assertThat(audio.schema().text()).isEqualTo(RosMsgDefinitions.of("audio_common_msgs/msg/AudioDataStamped"));
            assertThat(audio.metadata()).containsOnlyKeys("offered_qos_profiles");
            assertThat(audio.metadata().get("offered_qos_profiles")).contains("reliability: 2", "depth: 5", "durability: 2");
        }
    }

    @Test
    void aMessageLargerThanAChunkGetsAChunkOfItsOwn() throws Exception {
        Path file = dir.resolve("big.mcap");
        byte[] big = SampleBag.pcm(3 << 20, 1);
        try (McapWriter w = McapWriter.create(file, McapWriter.Options.ROS2.withCompression(McapCompression.ZSTD))) {
            int ch = w.addChannel(0, "/blob", "cdr", Map.of());
            w.write(ch, 0, 5, 5, new byte[] {1});
            w.write(ch, 0, 6, 6, big);
            w.write(ch, 0, 7, 7, new byte[] {2});
        }
        try (McapReader reader = McapReader.open(file)) {
            List<BagMessage> read = reader.readAll();
            assertThat(read).extracting(BagMessage::logTimeNanos).containsExactly(5L, 6L, 7L);
            assertThat(read.get(1).data()).isEqualTo(big);
            assertThat(read.get(1).schemaName()).isEmpty();
        }
    }

    @Test
    void aBagWithoutMessagesIsStillAWholeFile() throws Exception {
        Path file = dir.resolve("empty.mcap");
        McapWriter.create(file, McapWriter.Options.ROS2).close();
        try (McapReader reader = McapReader.open(file)) {
            assertThat(reader.next()).isNull();
            assertThat(reader.next()).isNull();
            assertThat(reader.statistics().orElseThrow().messageCount()).isZero();
        }
    }

    @Test
    void aKilledRecordingKeepsEveryClosedChunk() throws Exception {
        Path file = dir.resolve("live.mcap");
        try (McapWriter w = McapWriter.create(file, McapWriter.Options.ROS2.withChunkMaxAge(Duration.ofMillis(20)))) {
            int ch = Ros2Bag.addTopic(w, "/robot_utterance", StdString.TYPE, RosQos.DEFAULT);
            w.write(ch, 1, 100, 100, BagCdr.encode(StdString.TYPE, new StdString("first")));
            w.write(ch, 2, 200, 200, BagCdr.encode(StdString.TYPE, new StdString("second")));
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (!w.flushIfDue()) {   // the recorder's idle check: closes the chunk once it is 20 ms old
                assertThat(System.nanoTime()).as("chunk closed within 5 s").isLessThan(deadline);
                Thread.onSpinWait();
            }
            w.write(ch, 3, 300, 300, BagCdr.encode(StdString.TYPE, new StdString("still open")));

            Path killed = dir.resolve("killed.mcap");   // what a kill -9 now would leave
            Files.copy(file, killed);
            try (McapReader reader = McapReader.open(killed)) {
                List<String> texts = new ArrayList<>();
                McapException cut = catchThrowableOfType(McapException.class, () -> {
                    for (BagMessage m; (m = reader.next()) != null; ) {
                        texts.add(BagCdr.decode(StdString.TYPE, m).data());
                    }
                });
                assertThat(texts).containsExactly("first", "second");
                assertThat(cut.getMessage()).isEqualTo(killed + ": byte " + Files.size(killed)
                        + ": the file ends here, before its Data End and Footer: cut short (a recording that was stopped?)");
            }
        }
    }

    @Test
    void sameSchemaAndChannelAreRegisteredOnce() throws Exception {
        try (McapWriter w = McapWriter.create(dir.resolve("ids.mcap"), McapWriter.Options.ROS2)) {
            int a = Ros2Bag.addTopic(w, "/robot_utterance", StdString.TYPE, RosQos.DEFAULT);
            int b = Ros2Bag.addTopic(w, "/robot_utterance", StdString.TYPE, RosQos.DEFAULT);
            int c = Ros2Bag.addTopic(w, "/say", StdString.TYPE, RosQos.DEFAULT);
            assertThat(a).isEqualTo(b).isEqualTo(1);
            assertThat(c).isEqualTo(2);
            assertThat(w.addSchema(StdString.TYPE.name(), "ros2msg", RosMsgDefinitions.bytes(StdString.TYPE.name()))).isEqualTo(1);
        }
    }
}
