package dev.vigil.ros.audio;

import dev.vigil.ros.cdr.CdrException;
import dev.vigil.ros.msg.RosType;
import dev.vigil.ros.testing.CyclonePeer;
import dev.vigil.ros.testing.RosGraph;
import dev.vigil.ros.testing.Waiting;
import dev.vigil.ros.transport.DdsTransport;
import dev.vigil.ros.transport.InputProblems;
import dev.vigil.ros.transport.RosPublisher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ROS microphone against a real peer of another DDS implementation (Cyclone DDS, in C) that
 * publishes as audio_common's capture node does: an {@code AudioInfo} (transient local), then
 * {@code AudioDataStamped} chunks best effort. Formats, and each kind of bad input.
 */
class RosAudioInTest {

    @RegisterExtension
    static final RosGraph ROS = new RosGraph("vigil_audio_test");
    private static final Path GO_FORWARD = Path.of("/usr/share/pocketsphinx/test/data/goforward.raw");

    @TempDir
    Path dir;

    private final List<short[]> chunks = new CopyOnWriteArrayList<>();
    private final List<Integer> rates = new CopyOnWriteArrayList<>();
    private final List<String> problems = new CopyOnWriteArrayList<>();
    private final InputProblems counted = new InputProblems("test microphone", (kind, line) -> problems.add(kind + ": " + line));


    private RosAudioIn open(String topic, int channel) throws Exception {
        return RosAudioIn.open(ROS.transport(), topic, topic + "_info", PcmFormat.CAPTURE_NODE_DEFAULT, channel,
                (stamp, rate, mono) -> {
                    chunks.add(mono);
                    rates.add(rate);
                }, counted);
    }

    @Test
    void stereo48kHzAnnouncedByAudioInfoArrivesAsTheChosenChannel() throws Exception {
        // Left: the real recording; right: its negation. 20 ms chunks of 48 kHz stereo S16LE = 3840 bytes.
        short[] left = samples(Files.readAllBytes(GO_FORWARD));
        ByteBuffer stereo = ByteBuffer.allocate(left.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (short s : left) {
            stereo.putShort(s).putShort((short) -Math.max(s, -32767));
        }
        Path raw = write("stereo.raw", stereo.array());
        int count = 100;
        try (RosAudioIn in = open("/vigil_mic_stereo", 0);
             CyclonePeer peer = CyclonePeer.start(ROS.domain(), "pub-audio", "/vigil_mic_stereo", raw.toString(),
                     Integer.toString(count), "20", "3840", "/vigil_mic_stereo_info", "2", "48000", "S16LE", "wave")) {
            assertThat(peer.await(30)).as(peer.errors()).isZero();
            Waiting.until(() -> chunks.size() >= count, 10);
            assertThat(in.format()).isEqualTo(new PcmFormat(2, 48_000, PcmFormat.SampleFormat.S16LE));
        }
        assertThat(problems).isEmpty();
        assertThat(rates).hasSize(count).containsOnly(48_000);
        short[] heard = concat(chunks);
        assertThat(heard).hasSize(count * 960);
        for (int i = 0; i < heard.length; i++) {
            if (heard[i] != left[i % left.length]) {
                throw new AssertionError("sample " + i + ": " + heard[i] + " instead of the left channel's " + left[i % left.length]);
            }
        }
    }

    @Test
    void withoutAudioInfoTheConfiguredFormatIsAssumed() throws Exception {
        int count = 50;
        try (RosAudioIn in = open("/vigil_mic_noinfo", -1);
             CyclonePeer peer = CyclonePeer.start(ROS.domain(), "pub-audio", "/vigil_mic_noinfo", GO_FORWARD.toString(),
                     Integer.toString(count), "20")) {
            assertThat(peer.await(30)).as(peer.errors()).isZero();
            Waiting.until(() -> chunks.size() >= count, 10);
            assertThat(in.format()).isEqualTo(PcmFormat.CAPTURE_NODE_DEFAULT);
        }
        assertThat(problems).as("a warning, not bad input").isEmpty();
        assertThat(rates).hasSize(count).containsOnly(16_000);
        assertThat(chunks).allSatisfy(c -> assertThat(c).hasSize(320));
    }

    @Test
    void mgonzs13sAudioStampedArrivesSampleForSample() throws Exception {
        short[] recording = samples(Files.readAllBytes(GO_FORWARD));
        int count = 50;
        try (RosAudioIn in = RosAudioIn.openMgonzs13(ROS.transport(), "/vigil_mic_mgonzs13", -1, (stamp, rate, mono) -> {
                chunks.add(mono);
                rates.add(rate);
            }, counted);
             CyclonePeer peer = CyclonePeer.start(ROS.domain(), "pub-audio-mgonzs13", "/vigil_mic_mgonzs13",
                     GO_FORWARD.toString(), Integer.toString(count), "20")) {
            assertThat(peer.await(30)).as(peer.errors()).isZero();
            Waiting.until(() -> chunks.size() >= count, 10);
        }
        assertThat(problems).isEmpty();
        assertThat(rates).hasSize(count).containsOnly(16_000);
        short[] heard = concat(chunks);
        assertThat(heard).hasSize(count * 320);
        for (int i = 0; i < heard.length; i++) {
            if (heard[i] != recording[i % recording.length]) {
                throw new AssertionError("sample " + i + ": " + heard[i] + " instead of " + recording[i % recording.length]);
            }
        }
    }

    @Test
    void mp3IsRefusedItsChunksDroppedAndCountedNamingTheParameterToChange() throws Exception {
        int count = 20;
        try (RosAudioIn in = open("/vigil_mic_mp3", -1);
             CyclonePeer peer = CyclonePeer.start(ROS.domain(), "pub-audio", "/vigil_mic_mp3", GO_FORWARD.toString(),
                     Integer.toString(count), "20", "417", "/vigil_mic_mp3_info", "1", "16000", "S16LE", "mp3")) {
            assertThat(peer.await(30)).as(peer.errors()).isZero();
            Waiting.until(() -> in.received() >= count, 10);
        }
        assertThat(chunks).isEmpty();
        assertThat(counted.counts()).containsOnlyKeys("unsupported_format");
        assertThat(counted.counts().get("unsupported_format")).isEqualTo(count + 1L);
        assertThat(problems.get(0)).isEqualTo("unsupported_format: test microphone: coding_format mp3 is not raw PCM: "
                + "start audio_common's audio_capture_node with format:=wave (its default is mp3)");
    }

    @Test
    void chunksThatContradictTheirAudioInfoAreDroppedAndCounted() throws Exception {
        // The info says F32LE stereo (8 bytes an instant); the chunks are 644 bytes.
        int count = 20;
        try (RosAudioIn in = open("/vigil_mic_contra", -1);
             CyclonePeer peer = CyclonePeer.start(ROS.domain(), "pub-audio", "/vigil_mic_contra", GO_FORWARD.toString(),
                     Integer.toString(count), "20", "644", "/vigil_mic_contra_info", "2", "16000", "F32LE", "wave")) {
            assertThat(peer.await(30)).as(peer.errors()).isZero();
            Waiting.until(() -> in.received() >= count, 10);
        }
        assertThat(chunks).isEmpty();
        assertThat(counted.counts()).containsExactlyEntriesOf(java.util.Map.of("contradicts_info", (long) count));
        assertThat(problems.get(0)).isEqualTo("contradicts_info: test microphone: chunk dropped: 644 bytes are not whole "
                + "instants of F32LE 16000 Hz 2 channels (8 bytes each)");
    }

    @Test
    void nanOrInfiniteFloatSamplesBecomeSilenceCountedAndTheRestArrives() throws Exception {
        // A broken driver's float stream: 20 ms chunks of 320 samples, one NaN and one +Inf in each.
        ByteBuffer floats = ByteBuffer.allocate(320 * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 320; i++) {
            floats.putFloat(i == 100 ? Float.NaN : i == 200 ? Float.POSITIVE_INFINITY : 0.25f);
        }
        Path raw = write("broken-float.raw", floats.array());
        int count = 20;
        try (RosAudioIn in = open("/vigil_mic_nan", -1);
             CyclonePeer peer = CyclonePeer.start(ROS.domain(), "pub-audio", "/vigil_mic_nan", raw.toString(),
                     Integer.toString(count), "20", "1280", "/vigil_mic_nan_info", "1", "16000", "F32LE", "wave")) {
            assertThat(peer.await(30)).as(peer.errors()).isZero();
            Waiting.until(() -> chunks.size() >= count, 10);
        }
        assertThat(counted.counts()).containsExactlyEntriesOf(java.util.Map.of("non_finite", (long) count));
        assertThat(problems.get(0)).isEqualTo(
                "non_finite: test microphone: 2 NaN or infinite samples in a chunk: replaced with silence");
        assertThat(chunks).hasSize(count).allSatisfy(c -> {
            assertThat(c[100]).isZero();
            assertThat(c[200]).as("not a full-scale click").isZero();
            assertThat(c[0]).isEqualTo((short) 8192);
        });
    }

    @Test
    void aMalformedSampleIsCountedAndTheStreamGoesOn() throws Exception {
        // A writer of the same ROS type whose samples end inside the header's frame_id: not valid CDR of it.
        RosType<byte[]> broken = RosType.of("audio_common_msgs/msg/AudioDataStamped", 64,
                (m, out) -> out.int32(1).uint32(2).uint32(1_000_000), in -> {
                    throw new CdrException("never read");
                });
        try (DdsTransport other = DdsTransport.open("vigil_broken_peer", ROS.domain(), InetAddress.getLoopbackAddress());
             RosAudioIn in = open("/vigil_mic_broken", -1);
             RosPublisher<byte[]> junk = other.publisher("/vigil_mic_broken", broken,
                     new dev.vigil.ros.transport.RosQos(dev.vigil.ros.transport.RosQos.Reliability.RELIABLE,
                             dev.vigil.ros.transport.RosQos.Durability.VOLATILE, 10))) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (problems.isEmpty() && System.nanoTime() < deadline) {
                junk.publish(new byte[0]);
                Thread.sleep(50);
            }
            assertThat(problems).isNotEmpty();
            assertThat(problems.get(0)).startsWith("malformed: test microphone: /vigil_mic_broken (audio_common_msgs/msg/AudioDataStamped): ");
            // The stream goes on: a good peer's chunks are heard after the junk.
            try (CyclonePeer peer = CyclonePeer.start(ROS.domain(), "pub-audio", "/vigil_mic_broken", GO_FORWARD.toString(), "10", "20")) {
                assertThat(peer.await(30)).as(peer.errors()).isZero();
                Waiting.until(() -> chunks.size() >= 10, 10);
            }
            assertThat(chunks).hasSize(10);
            assertThat(counted.counts()).containsOnlyKeys("malformed");
        }
    }

    private Path write(String name, byte[] data) throws Exception {
        Path file = dir.resolve(name);
        Files.write(file, data);
        return file;
    }

    private static short[] samples(byte[] s16le) {
        short[] out = new short[s16le.length / 2];
        ByteBuffer.wrap(s16le).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(out);
        return out;
    }

    private static short[] concat(List<short[]> parts) {
        int n = parts.stream().mapToInt(p -> p.length).sum();
        short[] out = new short[n];
        int at = 0;
        for (short[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

}
