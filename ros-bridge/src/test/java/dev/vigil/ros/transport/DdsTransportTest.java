package dev.vigil.ros.transport;

import dev.vigil.ros.msg.AudioDataStamped;
import dev.vigil.ros.msg.HriIntent;
import dev.vigil.ros.msg.RosType;
import dev.vigil.ros.msg.StdString;
import dev.vigil.ros.testing.CyclonePeer;
import dev.vigil.ros.testing.RosGraph;
import dev.vigil.ros.testing.Waiting;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Vigil's DDS transport against a real ROS 2 peer of another DDS implementation (Cyclone DDS, in C):
 * the same topic names, type names and bytes as ROS 2 nodes use, both ways, on loopback.
 */
class DdsTransportTest {

    @RegisterExtension
    static final RosGraph ROS = new RosGraph("vigil_test");


    @Test
    void aStringFromVigilReachesTheCPeerWordForWord() throws Exception {
        String text = "Turning left — étage 16, 你好";
        try (CyclonePeer peer = CyclonePeer.start(ROS.domain(), "sub-string", "/vigil_test_out", "3", "30");
             RosPublisher<StdString> out = ROS.transport().publisher("/vigil_test_out", StdString.TYPE, RosQos.DEFAULT)) {
            peer.feedUntilDone(() -> out.publish(new StdString(text)));
            assertThat(peer.await(10)).as(peer.errors()).isZero();
            assertThat(peer.lines()).containsExactly(text, text, text);
        }
    }

    @Test
    void aStringFromTheCPeerReachesVigil() throws Exception {
        List<StdString> got = new CopyOnWriteArrayList<>();
        List<String> malformed = new CopyOnWriteArrayList<>();
        try (AutoCloseable in = ROS.transport().subscribe("/vigil_test_in", StdString.TYPE, RosQos.DEFAULT, Waiting.collecting(got, malformed));
             CyclonePeer peer = CyclonePeer.start(ROS.domain(), "pub-string", "/vigil_test_in", "go forward ten meters", "3", "20")) {
            assertThat(peer.await(30)).as(peer.errors()).isZero();
            Waiting.until(() -> got.size() >= 3, 10);
            assertThat(got).containsOnly(new StdString("go forward ten meters")).hasSize(3);
            assertThat(malformed).isEmpty();
        }
    }

    @Test
    void anIntentReachesTheCPeerWithEveryField() throws Exception {
        HriIntent intent = new HriIntent("__intent_move_to__", "{\"goal\":\"kitchen\"}", "__unknown_agent__", "__modality_speech__",
                128, 0.875f);
        try (CyclonePeer peer = CyclonePeer.start(ROS.domain(), "sub-intent", "/vigil_test_intents", "1", "30");
             RosPublisher<HriIntent> out = ROS.transport().publisher("/vigil_test_intents", HriIntent.TYPE, RosQos.DEFAULT)) {
            peer.feedUntilDone(() -> out.publish(intent));
            assertThat(peer.await(10)).as(peer.errors()).isZero();
            assertThat(peer.lines()).containsExactly(
                    "__intent_move_to__|{\"goal\":\"kitchen\"}|__unknown_agent__|__modality_speech__|128|0.8750");
        }
    }

    @Test
    void audioChunksAt50HzBestEffortArriveAllAndIntactOverTenSeconds() throws Exception {
        // A real human recording, streamed as audio_common's capture node does: 20 ms chunks, best effort.
        Path raw = Path.of("/usr/share/pocketsphinx/test/data/goforward.raw");
        byte[] file = Files.readAllBytes(raw);
        List<AudioDataStamped> got = new CopyOnWriteArrayList<>();
        List<String> malformed = new CopyOnWriteArrayList<>();
        try (AutoCloseable in = ROS.transport().subscribe("/vigil_test_audio", AudioDataStamped.TYPE, RosQos.SENSOR_DATA,
                Waiting.collecting(got, malformed));
             CyclonePeer peer = CyclonePeer.start(ROS.domain(), "pub-audio", "/vigil_test_audio", raw.toString(), "500", "20")) {
            assertThat(peer.await(40)).as(peer.errors()).isZero();
            Waiting.until(() -> got.size() >= 500, 10);
        }
        assertThat(malformed).isEmpty();
        assertThat(got).as("chunks received of 500 sent").hasSize(500);
        for (int i = 0; i < got.size(); i++) {
            AudioDataStamped chunk = got.get(i);
            assertThat(chunk.header().frameId()).isEqualTo("mic");
            assertThat(chunk.data()).as("chunk %d", i).isEqualTo(expectedChunk(file, i, 640));
            if (i > 0) {
                assertThat(chunk.header().stampNanos()).isGreaterThan(got.get(i - 1).header().stampNanos());
            }
        }
    }

    /** Chunk {@code i} of {@code size} bytes of {@code file} read in turn, looping, as the peer does. */
    private static byte[] expectedChunk(byte[] file, int i, int size) {
        byte[] out = new byte[size];
        int at = (int) (((long) i * size) % file.length);
        for (int k = 0; k < size; k++) {
            out[k] = file[(at + k) % file.length];
        }
        return out;
    }

    @Test
    void aSampleOverTheTypesBoundIsRefusedByDdsAndTheJvmAndTheStreamGoOn() throws Exception {
        // Another writer of the same ROS type, with a larger bound: its 200 KiB string is over what
        // Vigil's reader takes. Before the reader's memory was preallocated, such a sample killed the JVM
        // (SIGSEGV in the library's copy).
        RosType<StdString> larger = RosType.of(StdString.TYPE.name(), 1024 * 1024,
                (m, out) -> out.string(m.data()), in -> new StdString(in.string()));
        List<StdString> got = new CopyOnWriteArrayList<>();
        List<String> malformed = new CopyOnWriteArrayList<>();
        try (DdsTransport other = DdsTransport.open("vigil_big_writer", ROS.domain(), InetAddress.getLoopbackAddress());
             AutoCloseable in = ROS.transport().subscribe("/vigil_test_big", StdString.TYPE, RosQos.DEFAULT, Waiting.collecting(got, malformed));
             RosPublisher<StdString> big = other.publisher("/vigil_test_big", larger, RosQos.DEFAULT)) {
            String huge = "x".repeat(200 * 1024);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (got.isEmpty() && System.nanoTime() < deadline) {
                big.publish(new StdString(huge));
                big.publish(new StdString("small enough"));
                Thread.sleep(100);
            }
            Thread.sleep(500);
        }
        assertThat(got).as("the JVM lives and the small ones arrive").isNotEmpty()
                .allSatisfy(m -> assertThat(m.data()).isEqualTo("small enough"));
    }

    @Test
    void aTopicNameThatIsNotRosIsRefusedInOneLine() {
        assertThatThrownBy(() -> ROS.transport().publisher("intents", StdString.TYPE, RosQos.DEFAULT))
                .isInstanceOf(RosException.class)
                .hasMessage("\"intents\" is not an absolute ROS topic name (like /intents)");
        assertThatThrownBy(() -> ROS.transport().subscribe("/a//b", StdString.TYPE, RosQos.DEFAULT, Waiting.collecting(List.of(), List.of())))
                .isInstanceOf(RosException.class);
    }


}
