package dev.vigil.ros.camera;

import com.sun.management.OperatingSystemMXBean;
import dev.vigil.agent.clock.WallClock;
import dev.vigil.agent.message.CameraFrame;
import dev.vigil.ros.testing.CyclonePeer;
import dev.vigil.ros.testing.RosGraph;
import dev.vigil.ros.transport.InputProblems;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Benchmark, not part of the default test run (its name does not end in Test): {@code sensor_msgs/Image}
 * rgb8 at 30 Hz for 10 s from the C peer (Cyclone DDS, best effort) into {@link RosCameraIn}, at 640 × 480
 * and 1280 × 720. One line per size: images sent, delivered to the consumer, lost on the way (never
 * arrived), dropped in the hand-off (a newer one came first), this JVM's CPU over the run (% of one
 * core), and latency from the header stamp (the peer's wall clock when it wrote the image) to the frame
 * reaching the consumer (same machine, same clock), median and 95th percentile.
 * <pre>./mvnw -B -o verify -pl ros-bridge -Dtest=CameraThroughputBench -Dsurefire.failIfNoSpecifiedTests=false</pre>
 */
@Tag("benchmark")
class CameraThroughputBench {

    @RegisterExtension
    static final RosGraph ROS = new RosGraph("vigil_camera_bench");
    private static final int RATE_HZ = 30;
    private static final int SECONDS = 10;


    @Test
    void vgaAndHdAt30Hz() throws Exception {
        Result vga = run(640, 480);
        Result hd = run(1280, 720);
        System.out.println(vga);
        System.out.println(hd);
        assertThat(vga.delivered).as("640×480 delivered of %d", vga.sent).isGreaterThanOrEqualTo(vga.sent * 9 / 10);
    }

    record Result(int width, int height, int sent, long delivered, long dropped, long bad, double cpuPercent,
                  double medianMs, double p95Ms) {
        @Override
        public String toString() {
            long lost = sent - delivered - dropped;
            return String.format("camera bench %d×%d rgb8 %d Hz %d s: sent %d, delivered %d (%.1f %%), lost %d, "
                            + "dropped in hand-off %d, bad %d, JVM CPU %.0f %% of a core, latency median %.1f ms, p95 %.1f ms",
                    width, height, RATE_HZ, SECONDS, sent, delivered, 100.0 * delivered / sent, lost, dropped, bad,
                    cpuPercent, medianMs, p95Ms);
        }
    }

    private static Result run(int width, int height) throws Exception {
        int count = RATE_HZ * SECONDS;
        long[] latencies = new long[count * 2];
        AtomicInteger n = new AtomicInteger();
        AtomicInteger wrong = new AtomicInteger();
        InputProblems problems = new InputProblems("bench camera", (kind, line) -> { });
        String topic = "/vigil_bench_" + width + "x" + height;
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        try (RosCameraIn in = RosCameraIn.open(ROS.transport(), topic, null, new WallClock(), frame -> {
            long now = epochNanos();
            int i = n.getAndIncrement();
            if (i < latencies.length) {
                latencies[i] = now - frame.stampNanos();
            }
            if (!looksRight(frame)) {
                wrong.incrementAndGet();
            }
        }, problems);
             CyclonePeer peer = CyclonePeer.start(ROS.domain(), "pub-image", topic, Integer.toString(width),
                     Integer.toString(height), "rgb8", Integer.toString(count), Integer.toString(1000 / RATE_HZ))) {
            long cpu0 = os.getProcessCpuTime();
            long wall0 = System.nanoTime();
            assertThat(peer.await(SECONDS + 30)).as(peer.errors()).isZero();
            Thread.sleep(300);
            double cpu = 100.0 * (os.getProcessCpuTime() - cpu0) / (System.nanoTime() - wall0);
            int got = Math.min(n.get(), latencies.length);
            long[] sorted = Arrays.copyOf(latencies, got);
            Arrays.sort(sorted);
            assertThat(wrong.get()).as("frames with wrong pixels").isZero();
            return new Result(width, height, count, in.delivered(), in.dropped(),
                    problems.counts().values().stream().mapToLong(Long::longValue).sum(), cpu,
                    got == 0 ? Double.NaN : sorted[got / 2] / 1e6, got == 0 ? Double.NaN : sorted[(int) (got * 0.95)] / 1e6);
        }
    }

    /** A few pixels of the peer's pattern (R = x + i, G = y + 2i, B = x + y + 3i), i from pixel (0, 0). */
    private static boolean looksRight(CameraFrame f) {
        int i = f.rgbAt(0, 0) >> 16;
        for (int[] p : new int[][]{{f.width() - 1, 0}, {0, f.height() - 1}, {f.width() / 2, f.height() / 2},
                {f.width() - 1, f.height() - 1}}) {
            int x = p[0];
            int y = p[1];
            int expected = ((x + i) & 255) << 16 | ((y + 2 * i) & 255) << 8 | ((x + y + 3 * i) & 255);
            if (f.rgbAt(x, y) != expected) {
                return false;
            }
        }
        return true;
    }

    private static long epochNanos() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
}
