package dev.vigil.launch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.ros.bag.McapNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue "ROS 2 bridge", rosbag2: a bag written by the reference MCAP implementation ({@code @mcap/core},
 * as {@code ros2 bag record} records audio_common's capture node) replays through the agent:
 * {@code ./vigil replay bag.mcap --report}. The microphone holds the real human recording "go forward
 * ten meters" ({@code goforward.raw}, pocketsphinx-testdata).
 */
class BagReplayTest {

    private static final Path GO_FORWARD = Path.of("/usr/share/pocketsphinx/test/data/goforward.raw");

    @TempDir
    Path dir;

    @Test
    void aBagFromMcapCoreReplaysThroughTheAgentAndItsCommandIsActedOn() throws Exception {
        ByteArrayOutputStream audio = new ByteArrayOutputStream();
        audio.write(new byte[16_000]);
        audio.write(Files.readAllBytes(GO_FORWARD));
        audio.write(new byte[64_000]);
        Path raw = dir.resolve("mic.raw");
        Files.write(raw, audio.toByteArray());
        Path bag = dir.resolve("lobby.mcap");
        var written = McapNode.run("write-mic-bag.js", raw.toString(), bag.toString());
        assertThat(written.get(0).getInteger("chunks")).isGreaterThan(200);

        Path report = dir.resolve("report.json");
        Cli replay = Cli.run("replay", bag.toString(), "--report", report.toString());
        assertThat(replay.exit()).as(replay.out() + replay.err()).isZero();
        assertThat(replay.out()).contains("vigil: bag " + bag + ": /audio_stamped: " + written.get(0).getInteger("chunks")
                + " chunks, ");
        JsonNode intents = new ObjectMapper().readTree(report.toFile()).get("intents");
        assertThat(intents).anySatisfy(i -> {
            assertThat(i.get("intent").asText()).isEqualTo("move");
            assertThat(i.get("data").get("direction").asText()).isEqualTo("forward");
            assertThat(i.get("data").get("distance").asInt()).isEqualTo(10);
        });
    }

    @Test
    void aBagWithoutTheMicrophoneTopicOrNotMcapAtAllIsOneLine() throws Exception {
        Path raw = dir.resolve("mic.raw");
        Files.write(raw, new byte[6400]);
        Path bag = dir.resolve("quiet.mcap");
        McapNode.run("write-mic-bag.js", raw.toString(), bag.toString());
        Cli other = Cli.run("replay", bag.toString(), "--audio-topic", "/mic");
        assertThat(other.exit()).as(other.out() + other.err()).isEqualTo(Vigil.BAD_INPUT);
        assertThat(other.err().strip()).isEqualTo("vigil: " + bag + ": no microphone audio on /mic (the bag has: "
                + "/audio_info (audio_common_msgs/msg/AudioInfo), /audio_stamped (audio_common_msgs/msg/AudioDataStamped))");

        Cli missing = Cli.run("replay", dir.resolve("missing.mcap").toString());
        assertThat(missing.exit()).isEqualTo(Vigil.BAD_INPUT);
        assertThat(missing.err().strip()).startsWith("vigil: " + dir.resolve("missing.mcap") + ": no such file");

        Path notABag = dir.resolve("notes.mcap");
        Files.writeString(notABag, "these are not the bytes you are looking for");
        Cli broken = Cli.run("replay", notABag.toString());
        assertThat(broken.exit()).isEqualTo(Vigil.BAD_INPUT);
        assertThat(broken.err().strip().lines()).singleElement().asString().startsWith("vigil: " + notABag + ": byte 0: ");
    }
}
