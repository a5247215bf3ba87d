package dev.vigil.ros.camera;

import dev.vigil.agent.clock.WallClock;
import dev.vigil.agent.message.CameraFrame;
import dev.vigil.ros.cdr.CdrException;
import dev.vigil.ros.msg.RosType;
import dev.vigil.ros.testing.CyclonePeer;
import dev.vigil.ros.testing.RosGraph;
import dev.vigil.ros.testing.Waiting;
import dev.vigil.ros.transport.DdsTransport;
import dev.vigil.ros.transport.InputProblems;
import dev.vigil.ros.transport.RosPublisher;
import dev.vigil.ros.transport.RosQos;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ROS camera against a real peer of another DDS implementation (Cyclone DDS, in C) that publishes as
 * camera drivers do: {@code sensor_msgs/Image} best effort, stamped when written, in each supported
 * encoding, with and without row padding; each kind of bad raw image; the hand-off to a slow consumer.
 * Compressed images: {@code RosCameraInCompressedTest}.
 */
class RosCameraInTest {

    @RegisterExtension
    static final RosGraph ROS = new RosGraph("vigil_camera_test");

    final WallClock clock = new WallClock();
    final List<CameraFrame> frames = new CopyOnWriteArrayList<>();
    final List<String> problems = new CopyOnWriteArrayList<>();
    final InputProblems counted = new InputProblems("test camera", (kind, line) -> problems.add(kind + ": " + line));
    private final List<RosCameraIn> opened = new ArrayList<>();

    @AfterEach
    void closeCameras() {
        opened.forEach(RosCameraIn::close);
    }

    RosCameraIn camera(String imageTopic, String compressedTopic) throws Exception {
        RosCameraIn in = RosCameraIn.open(ROS.transport(), imageTopic, compressedTopic, clock, frames::add, counted);
        opened.add(in);
        return in;
    }

    @Test
    void vgaRgb8FromTheCyclonePeerArrivesEveryPixelRight() throws Exception {
        RosCameraIn in = camera("/vigil_cam_vga", null);
        long before = clock.nanos();
        long wallBefore = Instant.now().toEpochMilli() * 1_000_000;
        publish("/vigil_cam_vga", 640, 480, "rgb8", 60, 66);
        long after = clock.nanos();
        assertThat(problems).isEmpty();
        // Each 900 KiB image is some 60 datagrams, best effort: how many arrive depends on the socket receive
        // buffer (with the OS default, 10–30 %; docs/ros-images.md, CameraThroughputBench). Those that arrive
        // must be whole and right.
        assertThat(frames).isNotEmpty();
        assertThat(in.delivered()).isEqualTo(frames.size());
        int previous = -1;
        for (CameraFrame f : frames) {
            assertThat(f.width()).isEqualTo(640);
            assertThat(f.height()).isEqualTo(480);
            assertThat(f.frameId()).isEqualTo("camera");
            assertThat(f.captureNanos()).isBetween(before, after);
            assertThat(f.stampNanos()).isBetween(wallBefore, wallBefore + TimeUnit.SECONDS.toNanos(60));
            int i = ImagePattern.index(f);
            assertThat(i).isGreaterThan(previous);
            previous = i;
            assertThat(ImagePattern.mismatch(f, "rgb8", i)).isNull();
        }
    }

    @ParameterizedTest(name = "{0}, step {1}")
    @CsvSource({"rgb8, 480", "rgb8, 500", "bgr8, 480", "bgr8, 487", "rgba8, 640", "rgba8, 700", "bgra8, 640",
            "bgra8, 641", "mono8, 160", "mono8, 163"})
    void everyEncodingWithOrWithoutRowPaddingBecomesTheSamePixels(String encoding, int step) throws Exception {
        String topic = "/vigil_cam_" + encoding + "_" + step;
        camera(topic, null);
        publish(topic, 160, 120, encoding, 5, 50, Integer.toString(step));
        assertThat(problems).isEmpty();
        assertThat(frames).hasSize(5);
        for (int k = 0; k < frames.size(); k++) {
            CameraFrame f = frames.get(k);
            assertThat(ImagePattern.mismatch(f, encoding, k)).isNull();
        }
    }

    @Test
    void aSlowConsumerGetsTheNewestImageAndTheSkippedOnesAreCounted() throws Exception {
        List<Integer> seen = new CopyOnWriteArrayList<>();
        RosCameraIn in = RosCameraIn.open(ROS.transport(), "/vigil_cam_slow", null, clock, f -> {
            seen.add(ImagePattern.index(f));
            try {
                Thread.sleep(150);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, counted);
        opened.add(in);
        publish("/vigil_cam_slow", 64, 48, "rgb8", 40, 10);
        Waiting.until(() -> in.delivered() + in.dropped() >= 40, 3);
        assertThat(problems).isEmpty();
        assertThat(in.received()).isEqualTo(40);
        assertThat(in.delivered() + in.dropped()).isEqualTo(40);
        assertThat(in.dropped()).as("40 images in 0.4 s, 150 ms each").isGreaterThanOrEqualTo(30);
        assertThat(seen).hasSize((int) in.delivered()).isSorted().doesNotHaveDuplicates();
        assertThat(seen).as("the newest is never the one dropped").last().isEqualTo(39);
    }

    @Test
    void aMalformedSampleIsCountedAndTheStreamGoesOn() throws Exception {
        // A writer of the same ROS type whose samples end inside the header's frame_id.
        RosType<byte[]> broken = RosType.of("sensor_msgs/msg/Image", 64,
                (m, out) -> out.int32(1).uint32(2).uint32(1_000_000), in -> {
                    throw new CdrException("never read");
                });
        camera("/vigil_cam_broken", null);
        try (DdsTransport other = DdsTransport.open("vigil_broken_camera", ROS.domain(), InetAddress.getLoopbackAddress());
             RosPublisher<byte[]> junk = other.publisher("/vigil_cam_broken", broken,
                     new RosQos(RosQos.Reliability.BEST_EFFORT, RosQos.Durability.VOLATILE, 5))) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (problems.isEmpty() && System.nanoTime() < deadline) {
                junk.publish(new byte[0]);
                Thread.sleep(50);
            }
        }
        assertThat(problems).isNotEmpty();
        assertThat(problems.get(0)).startsWith("malformed: test camera: /vigil_cam_broken (sensor_msgs/msg/Image): ");
        publish("/vigil_cam_broken", 64, 48, "rgb8", 3, 50);
        assertThat(frames).hasSize(3);
        assertThat(counted.counts()).containsOnlyKeys("malformed");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "short_data | 64 48 rgb8 9215 | image dropped: 9215 bytes of data for 48 rows of 192 bytes",
            "short_step | 64 48 rgb8 - 191 | image dropped: step 191 is shorter than a row of 64 rgb8 pixels (192 bytes)",
            "unsupported_encoding | 64 48 bayer_rggb8 | image encoding \"bayer_rggb8\" is not supported (rgb8, bgr8, "
                    + "rgba8, bgra8, mono8; or publish a CompressedImage)",
            "empty_image | 0 48 rgb8 | image of 0 × 48 pixels dropped",
            "empty_image | 64 0 mono8 | image of 64 × 0 pixels dropped"})
    void aBadImageIsDroppedCountedAndTheStreamGoesOn(String kind, String image, String line) throws Exception {
        String[] f = image.split(" ");
        String topic = "/vigil_cam_bad_" + kind;
        RosCameraIn in = camera(topic, null);
        Map<String, String> env = f.length > 3 && !f[3].equals("-") ? Map.of("PEER_IMAGE_DATA_BYTES", f[3]) : Map.of();
        List<String> args = new ArrayList<>(List.of("pub-image", topic, f[0], f[1], f[2], "4", "50"));
        if (f.length > 4) {
            args.add(f[4]);
        }
        try (CyclonePeer peer = CyclonePeer.start(ROS.domain(), env, args.toArray(String[]::new))) {
            assertThat(peer.await(30)).as(peer.errors()).isZero();
        }
        Waiting.until(() -> in.received() >= 4, 3);
        assertThat(frames).isEmpty();
        assertThat(counted.counts()).containsExactlyEntriesOf(Map.of(kind, 4L));
        assertThat(problems.get(0)).isEqualTo(kind + ": test camera: " + line);
        publish(topic, 64, 48, "rgb8", 3, 50);
        assertThat(frames).hasSize(3);
        assertThat(counted.counts()).containsExactlyEntriesOf(Map.of(kind, 4L));
    }

    /** The peer streams {@code count} images of the pattern; returns once they had time to arrive. */
    void publish(String topic, int width, int height, String encoding, int count, int periodMs, String... step)
            throws Exception {
        List<String> args = new ArrayList<>(List.of("pub-image", topic, Integer.toString(width), Integer.toString(height),
                encoding, Integer.toString(count), Integer.toString(periodMs)));
        args.addAll(List.of(step));
        int before = frames.size();
        try (CyclonePeer peer = CyclonePeer.start(ROS.domain(), args.toArray(String[]::new))) {
            assertThat(peer.await(30)).as(peer.errors()).isZero();
        }
        Waiting.until(() -> frames.size() >= before + count, 3);
    }

}
