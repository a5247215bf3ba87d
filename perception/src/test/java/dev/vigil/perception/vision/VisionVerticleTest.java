package dev.vigil.perception.vision;

import dev.vigil.agent.bus.Addresses;
import dev.vigil.agent.message.Box;
import dev.vigil.agent.message.CameraFrame;
import dev.vigil.agent.message.ComponentError;
import dev.vigil.agent.message.InputRejected;
import dev.vigil.agent.message.Observation;
import dev.vigil.agent.message.SceneObservations;
import dev.vigil.agent.message.VisionDemand;
import dev.vigil.agent.telemetry.Telemetry;
import dev.vigil.agent.testing.BusHarness;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static dev.vigil.agent.testing.BusHarness.seconds;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The frame sampler on a virtual clock. The engines here are stand-ins (they name the frame's first
 * pixel, or throw): the sampler's rules do not depend on what an engine sees, and an engine that
 * throws on demand is a fault the real ones cannot be made to show.
 */
class VisionVerticleTest {

    @RegisterExtension
    final BusHarness bus = new BusHarness();
    private final InMemoryMetricReader metrics = InMemoryMetricReader.create();
    private final Telemetry telemetry = new Telemetry(OpenTelemetrySdk.builder()
            .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(metrics).build()).build());

    /** Names the shade of the frame's first pixel: which frame was looked at. */
    private static final VisionEngine SHADE = new VisionEngine() {
        @Override
        public String name() {
            return "shade";
        }

        @Override
        public List<Observation> observe(CameraFrame frame) {
            return List.of(new Observation(Observation.Kind.TEXT, String.valueOf(frame.rgb()[0] & 0xFF), 1, Box.WHOLE_FRAME));
        }

        @Override
        public void close() {
        }
    };

    private static VisionEngine failingOn(int shade) {
        return new VisionEngine() {
            @Override
            public String name() {
                return "flaky";
            }

            @Override
            public List<Observation> observe(CameraFrame frame) {
                if ((frame.rgb()[0] & 0xFF) == shade) {
                    throw new VisionException("flaky: cannot read this frame");
                }
                return List.of();
            }

            @Override
            public void close() {
            }
        };
    }

    private static CameraFrame frame(double atSeconds, int shade) {
        byte[] rgb = new byte[4 * 3 * 3];
        java.util.Arrays.fill(rgb, (byte) shade);
        return new CameraFrame(seconds(atSeconds), 0, "", 4, 3, rgb);
    }

    private void start(List<VisionEngine> engines) {
        bus.record(Addresses.OBSERVATIONS, Addresses.ERRORS, Addresses.INPUT_REJECTED);
        bus.deploy(new VisionVerticle(VisionSettings.defaults(), () -> engines, bus.clock(), bus.work(), telemetry));
    }

    private List<String> shadesSeen() {
        return bus.published(Addresses.OBSERVATIONS, SceneObservations.class).stream()
                .filter(s -> s.engine().equals("shade"))
                .map(s -> s.observations().get(0).label() + "@" + s.captureNanos() / 1_000_000).toList();
    }

    private long counter(String name) {
        return metrics.collectAllMetrics().stream().filter(m -> m.getName().equals(name))
                .map(MetricData::getLongSumData).flatMap(d -> d.getPoints().stream()).mapToLong(p -> p.getValue()).sum();
    }

    @Test
    void theNewestFrameWinsOnceASecondAndTheOthersAreCountedAsDropped() {
        start(List.of(SHADE));
        for (int i = 1; i <= 25; i++) {   // 10 frames a second, 0.1 … 2.5 s
            bus.advanceTo(seconds(i / 10.0));
            bus.send(Addresses.CAMERA_FRAMES, frame(i / 10.0, i));
        }
        bus.advanceTo(seconds(3.0));
        // A frame sent at a tick's own time comes after the tick (as in a replay: timers first).
        assertThat(shadesSeen()).containsExactly("9@900", "19@1900", "25@2500");
        assertThat(counter(Telemetry.FRAMES_SAMPLED)).isEqualTo(3);
        assertThat(counter(Telemetry.FRAMES_DROPPED)).isEqualTo(22);
    }

    @Test
    void aDemandRaisesTheRateUpToTheMaximumAndItsWithdrawalLowersIt() {
        start(List.of(SHADE));
        bus.send(Addresses.VISION_DEMAND, new VisionDemand("watches", 10));   // capped at 4 Hz
        for (int i = 1; i <= 10; i++) {
            bus.advanceTo(seconds(i / 10.0));
            bus.send(Addresses.CAMERA_FRAMES, frame(i / 10.0, i));
        }
        bus.advanceTo(seconds(1.05));
        assertThat(shadesSeen()).containsExactly("2@200", "4@400", "7@700", "9@900");
        bus.send(Addresses.VISION_DEMAND, new VisionDemand("watches", 0));
        for (int i = 11; i <= 25; i++) {
            bus.advanceTo(seconds(i / 10.0));
            bus.send(Addresses.CAMERA_FRAMES, frame(i / 10.0, i));
        }
        bus.advanceTo(seconds(3.0));
        assertThat(shadesSeen()).endsWith("9@900", "19@1900", "25@2500").hasSize(6);
    }

    @Test
    void betweenBaselineSamplesOnlyTheDemandedEnginesRun() {
        start(List.of(failingOn(-1), SHADE));   // "flaky", here never failing: the engine nobody asked for
        bus.send(Addresses.VISION_DEMAND, new VisionDemand("watches", 4, java.util.Set.of("shade")));
        for (int i = 1; i <= 20; i++) {
            bus.advanceTo(seconds(i / 10.0));
            bus.send(Addresses.CAMERA_FRAMES, frame(i / 10.0, i));
        }
        bus.advanceTo(seconds(2.05));
        List<SceneObservations> seen = bus.published(Addresses.OBSERVATIONS, SceneObservations.class);
        assertThat(seen).filteredOn(o -> o.engine().equals("shade")).hasSize(8);   // 4 Hz
        assertThat(seen).filteredOn(o -> o.engine().equals("flaky")).extracting(SceneObservations::captureNanos)
                .containsExactly(seconds(0.2), seconds(1.2));                   // once a second
    }

    @Test
    void anEngineThatThrowsIsReportedAndTheOthersAndLaterFramesGoOn() {
        start(List.of(failingOn(10), SHADE));
        bus.advanceTo(seconds(0.9));
        bus.send(Addresses.CAMERA_FRAMES, frame(0.9, 10));
        bus.advanceTo(seconds(1.9));
        bus.send(Addresses.CAMERA_FRAMES, frame(1.9, 20));
        bus.advanceTo(seconds(2.0));
        assertThat(bus.published(Addresses.ERRORS, ComponentError.class)).singleElement().satisfies(e -> {
            assertThat(e.component()).isEqualTo("vision");
            assertThat(e.message()).isEqualTo("flaky failed on the frame at 900 ms: flaky: cannot read this frame");
        });
        assertThat(shadesSeen()).containsExactly("10@900", "20@1900");
        assertThat(bus.published(Addresses.OBSERVATIONS, SceneObservations.class))
                .filteredOn(s -> s.engine().equals("flaky")).extracting(SceneObservations::captureNanos)
                .containsExactly(seconds(1.9));
    }

    @Test
    void aFrameWhosePixelsDoNotMatchItsSizeIsRejectedWithOneLine() {
        start(List.of(SHADE));
        bus.advanceTo(seconds(0.5));
        bus.send(Addresses.CAMERA_FRAMES, new CameraFrame(seconds(0.5), 0, "", 640, 480, new byte[100]));
        bus.send(Addresses.CAMERA_FRAMES, frame(0.5, 7));
        bus.advanceTo(seconds(1));
        assertThat(bus.published(Addresses.INPUT_REJECTED, InputRejected.class)).singleElement().satisfies(r -> {
            assertThat(r.input()).isEqualTo("camera");
            assertThat(r.message()).isEqualTo(
                    "camera frame at 500 ms rejected: 640 × 480 RGB needs 921600 bytes, it has 100");
        });
        assertThat(shadesSeen()).containsExactly("7@500");
        assertThat(counter(Telemetry.FRAMES_DROPPED)).isZero();
    }
}
