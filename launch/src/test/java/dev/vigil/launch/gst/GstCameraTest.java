package dev.vigil.launch.gst;

import dev.vigil.agent.clock.WallClock;
import dev.vigil.agent.message.CameraFrame;
import dev.vigil.launch.io.DeviceException;
import dev.vigil.launch.io.DeviceListener;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A live camera through real GStreamer: videotestsrc stands in for the device. */
class GstCameraTest {

    private final List<String> errors = new CopyOnWriteArrayList<>();
    private final List<String> recoveries = new CopyOnWriteArrayList<>();
    private final DeviceListener listener = new DeviceListener() {
        @Override
        public void error(String message) {
            errors.add(message);
        }

        @Override
        public void recovered(String message) {
            recoveries.add(message);
        }
    };

    private static void waitUntil(BooleanSupplier condition, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }

    @Test
    void framesArriveAsPackedRgbOfTheCamerasSizeStampedOnTheSessionClock() throws Exception {
        WallClock clock = new WallClock();
        List<CameraFrame> frames = new CopyOnWriteArrayList<>();
        // 322 × 3 bytes is no multiple of 4: GStreamer pads those rows, a frame must not.
        try (GstCamera camera = new GstCamera(
                "videotestsrc is-live=true pattern=blue ! video/x-raw,width=322,height=240,framerate=30/1")) {
            camera.start(clock, frames::add, listener);
            waitUntil(() -> frames.size() >= 10, 10);
        }
        assertThat(frames).hasSizeGreaterThanOrEqualTo(10);
        CameraFrame first = frames.get(0);
        assertThat(first.width()).isEqualTo(322);
        assertThat(first.height()).isEqualTo(240);
        assertThat(first.rgb()).hasSize(322 * 240 * 3);
        // Blue everywhere, last column and row included (row padding would shift them).
        for (int[] xy : new int[][] {{0, 0}, {321, 0}, {0, 239}, {321, 239}, {160, 120}}) {
            int p = first.rgbAt(xy[0], xy[1]);
            assertThat(p & 0xFF).as("blue at " + xy[0] + "," + xy[1]).isGreaterThan(200);
            assertThat(p >> 8 & 0xFFFF).as("red and green at " + xy[0] + "," + xy[1]).isLessThan(0x2020);
        }
        long now = clock.nanos();
        for (int i = 1; i < frames.size(); i++) {
            assertThat(frames.get(i).captureNanos()).isGreaterThan(frames.get(i - 1).captureNanos());
        }
        assertThat(frames.get(frames.size() - 1).captureNanos()).isBetween(0L, now);
        // 30 fps on the session clock: 10 frames span about a third of a second.
        long span = frames.get(9).captureNanos() - frames.get(0).captureNanos();
        assertThat(span).isBetween(200_000_000L, 600_000_000L);
        assertThat(errors).isEmpty();
    }

    @Test
    void aPipelineThatDoesNotParseIsOneLine() {
        assertThatThrownBy(() -> new GstCamera("nosuchcamerasrc device=/dev/video0"))
                .isInstanceOf(DeviceException.class)
                .satisfies(e -> assertThat(e.getMessage())
                        .startsWith("camera pipeline \"nosuchcamerasrc device=/dev/video0\": ")
                        .contains("nosuchcamerasrc").doesNotContain("\n"));
    }

    @Test
    void aCameraThatCannotStartIsOneLine() throws Exception {
        GstCamera camera = new GstCamera("v4l2src device=/dev/video97");
        try {
            assertThatThrownBy(() -> camera.start(new WallClock(), f -> { }, listener))
                    .isInstanceOf(DeviceException.class)
                    .satisfies(e -> assertThat(e.getMessage())
                            .startsWith("camera pipeline \"v4l2src device=/dev/video97\": ")
                            .contains("/dev/video97").doesNotContain("\n"));
        } finally {
            camera.close();
        }
    }

    @Test
    void aCameraThatStopsIsReportedAndWhenItComesBackThatIsReportedToo() throws Exception {
        List<CameraFrame> frames = new CopyOnWriteArrayList<>();
        // Each run of the pipeline sends 10 frames, then its stream ends: a camera that stops.
        try (GstCamera camera = new GstCamera(
                "videotestsrc is-live=true num-buffers=10 ! video/x-raw,width=64,height=48,framerate=20/1")) {
            camera.start(new WallClock(), frames::add, listener);
            waitUntil(() -> !recoveries.isEmpty(), 15);
        }
        assertThat(errors).first().asString().startsWith("camera pipeline \"videotestsrc").contains("stream ended")
                .doesNotContain("\n");
        assertThat(recoveries).first().asString().contains("works again");
        assertThat(frames.size()).as("frames before and after").isGreaterThan(10);
    }
}
