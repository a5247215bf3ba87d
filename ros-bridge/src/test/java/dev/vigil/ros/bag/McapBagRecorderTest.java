package dev.vigil.ros.bag;

import dev.vigil.agent.bus.Addresses;
import dev.vigil.agent.bus.Codecs;
import dev.vigil.agent.message.Intent;
import dev.vigil.agent.message.RobotSpeaking;
import dev.vigil.agent.message.UtteranceStarted;
import dev.vigil.ros.bridge.RosTopics;
import dev.vigil.ros.msg.HriIntent;
import dev.vigil.ros.msg.StdBool;
import dev.vigil.ros.msg.StdString;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** The agent's outputs from a real Vert.x event bus into a rosbag2 MCAP file, read back by McapReader and @mcap/core. */
class McapBagRecorderTest {

    @TempDir
    Path dir;
    private Vertx vertx;

    @BeforeEach
    void startBus() {
        vertx = Vertx.vertx();
        Codecs.registerAll(vertx.eventBus());
    }

    @AfterEach
    void stopBus() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @Test
    void theAgentsIntentsUtterancesAndSpeakingAreRecordedAsRos2Messages() throws Exception {
        Path file = dir.resolve("outputs.mcap");
        long before = wallNanos();
        BagRecorder recorder = BagRecorder.open(file, RosTopics.DEFAULTS, McapWriter.Options.ROS2);
        recorder.attach(vertx.eventBus());
        vertx.eventBus().publish(Addresses.ROBOT_SPEAKING, new RobotSpeaking(true, 10, "Moving forward ten meters."));
        vertx.eventBus().publish(Addresses.UTTERANCE_STARTED, new UtteranceStarted("u1", "Moving forward ten meters.", 10));
        vertx.eventBus().publish(Addresses.INTENTS, new Intent("go_to", "{\"goal\":\"kitchen\"}", Intent.UNKNOWN_AGENT,
                Intent.MODALITY_SPEECH, 128, 0.9f, 5));
        vertx.eventBus().publish(Addresses.ROBOT_SPEAKING, new RobotSpeaking(false, 20, ""));
        await(() -> recorder.recorded() == 4);
        recorder.close();
        long after = wallNanos();
        assertThat(recorder.dropped()).isZero();

        try (McapReader reader = McapReader.open(file)) {
            List<BagMessage> read = reader.readAll();
            assertThat(read).extracting(m -> m.topic() + " " + m.schemaName() + " #" + m.sequence()).containsExactly(
                    "/robot_speaking std_msgs/msg/Bool #1",
                    "/robot_utterance std_msgs/msg/String #1",
                    "/intents hri_actions_msgs/msg/Intent #1",
                    "/robot_speaking std_msgs/msg/Bool #2");
            assertThat(read).allSatisfy(m -> {
                assertThat(m.logTimeNanos()).isBetween(before, after);
                assertThat(m.publishTimeNanos()).isEqualTo(m.logTimeNanos());
            });
            assertThat(BagCdr.decode(StdBool.TYPE, read.get(0))).isEqualTo(new StdBool(true));
            assertThat(BagCdr.decode(StdString.TYPE, read.get(1))).isEqualTo(new StdString("Moving forward ten meters."));
            assertThat(BagCdr.decode(HriIntent.TYPE, read.get(2))).isEqualTo(new HriIntent("__intent_move_to__",
                    "{\"goal\":\"kitchen\"}", "__unknown_agent__", "__modality_speech__", 128, 0.9f));
            assertThat(BagCdr.decode(StdBool.TYPE, read.get(3))).isEqualTo(new StdBool(false));
        }

        List<JsonObject> mcapCore = McapNode.run("read-bag.js", file.toAbsolutePath().toString());
        List<JsonObject> indexed = mcapCore.stream().filter(l -> l.getString("kind").equals("indexed")).toList();
        assertThat(indexed).extracting(l -> l.getString("topic")).containsExactly("/robot_speaking", "/robot_utterance",
                "/intents", "/robot_speaking");
        assertThat(BagCdr.decode(HriIntent.TYPE, HexFormat.of().parseHex(indexed.get(2).getString("dataHex"))).intent())
                .isEqualTo("__intent_move_to__");
        assertThat(mcapCore.stream().filter(l -> l.getString("kind").equals("stream"))).hasSize(4);
    }

    @Test
    void messagesTheWriterCannotTakeAreDroppedCountedAndLeaveGapsInTheSequence() throws Exception {
        Path file = dir.resolve("burst.mcap");
        BagRecorder recorder = BagRecorder.open(file, RosTopics.DEFAULTS, McapWriter.Options.ROS2, 1);
        recorder.attach(vertx.eventBus());
        int published = 20_000;
        vertx.runOnContext(v -> {
            for (int i = 0; i < published; i++) {
                vertx.eventBus().publish(Addresses.UTTERANCE_STARTED, new UtteranceStarted("u" + i, "utterance " + i, i));
            }
        });
        await(() -> recorder.recorded() + recorder.dropped() == published);
        recorder.close();
        assertThat(recorder.dropped()).isPositive();

        try (McapReader reader = McapReader.open(file)) {
            List<BagMessage> read = reader.readAll();
            assertThat(read).hasSize((int) recorder.recorded());
            long gaps = 0;
            long last = 0;
            for (BagMessage m : read) {
                assertThat(m.sequence()).isGreaterThan(last);
                assertThat(BagCdr.decode(StdString.TYPE, m).data()).isEqualTo("utterance " + (m.sequence() - 1));
                gaps += m.sequence() - last - 1;
                last = m.sequence();
            }
            gaps += published - last;
            assertThat(gaps).isEqualTo(recorder.dropped());
        }
    }

    private static long wallNanos() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    private static void await(BooleanSupplier done) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!done.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 10 s").isLessThan(deadline);
            Thread.onSpinWait();
        }
    }
}
