package dev.vigil.launch.video;

import dev.vigil.agent.message.CameraFrame;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The generated displays, checked on their pixels. */
class VideoGeneratorsTest {

    private static List<CameraFrame> all(Video video) throws VideoException {
        List<CameraFrame> frames = new ArrayList<>();
        try (FrameStream stream = video.open(problem -> { throw new AssertionError(problem); })) {
            for (CameraFrame f = stream.next(); f != null; f = stream.next()) {
                frames.add(f);
            }
        }
        return frames;
    }

    /** How many pixels of the frame are close to {@code rgb}. */
    private static int pixelsNear(CameraFrame frame, int rgb, int tolerance) {
        int n = 0;
        for (int y = 0; y < frame.height(); y++) {
            for (int x = 0; x < frame.width(); x++) {
                int p = frame.rgbAt(x, y);
                if (Math.abs((p >> 16 & 0xFF) - (rgb >> 16 & 0xFF)) <= tolerance
                        && Math.abs((p >> 8 & 0xFF) - (rgb >> 8 & 0xFF)) <= tolerance
                        && Math.abs((p & 0xFF) - (rgb & 0xFF)) <= tolerance) {
                    n++;
                }
            }
        }
        return n;
    }

    @Test
    void theElevatorDisplayShowsEachFloorInAmberOnDarkAtTheRightTimes() throws Exception {
        ElevatorDisplay display = new ElevatorDisplay(List.of(new Shown(0.5, "15"), new Shown(1.0, "16")),
                DisplayStyle.defaults(), 10, 11.5);
        assertThat(display.truth()).containsExactly(new Shown(10.5, "15"), new Shown(11.0, "16"));
        List<CameraFrame> frames = all(display);
        assertThat(frames).hasSize(15);
        assertThat(frames).allSatisfy(f -> {
            assertThat(f.width()).isEqualTo(640);
            assertThat(f.height()).isEqualTo(480);
            assertThat(f.rgb()).hasSize(640 * 480 * 3);
        });
        assertThat(frames.get(3).captureNanos()).isEqualTo(10_300_000_000L);
        assertThat(frames.get(3).stampNanos()).isEqualTo(300_000_000L);
        // Before its first floor the display is dark; then amber digits cover a good part of it.
        assertThat(pixelsNear(frames.get(0), DisplayStyle.AMBER, 10)).isZero();
        assertThat(pixelsNear(frames.get(0), DisplayStyle.DARK, 0)).isEqualTo(640 * 480);
        int lit15 = pixelsNear(frames.get(5), DisplayStyle.AMBER, 10);
        assertThat(lit15).isGreaterThan(640 * 480 / 20);
        // "16" is not "15": the frames differ, and frames of one floor are the same picture.
        assertThat(frames.get(10).rgb()).isNotEqualTo(frames.get(5).rgb());
        assertThat(frames.get(11).rgb()).isEqualTo(frames.get(10).rgb());
        assertThat(frames.get(5).rgbAt(0, 0)).isEqualTo(DisplayStyle.DARK);
    }

    @Test
    void theElevatorDisplayTakesItsStyle() throws Exception {
        DisplayStyle style = new DisplayStyle("DejaVu Sans", 60, 0xFFFFFF, 0x000000, 200, 100, 4);
        List<CameraFrame> frames = all(new ElevatorDisplay(List.of(new Shown(0, "7")), style, 0, 1));
        assertThat(frames).hasSize(4);
        CameraFrame f = frames.get(0);
        assertThat(f.width()).isEqualTo(200);
        assertThat(f.height()).isEqualTo(100);
        assertThat(pixelsNear(f, 0xFFFFFF, 10)).isGreaterThan(200);
        assertThat(f.rgbAt(0, 0)).isZero();
    }

    @Test
    void theTrafficLightLightsOneLampAtATime() throws Exception {
        DisplayStyle style = new DisplayStyle("Monospaced", 0, TrafficLight.HOUSING, DisplayStyle.DARK, 320, 480, 2);
        TrafficLight light = new TrafficLight(List.of(new Shown(0, "red"), new Shown(1, "amber"), new Shown(2, "green"),
                new Shown(3, "off")), style, 0, 4);
        assertThat(light.truth()).extracting(Shown::what).containsExactly("red", "amber", "green", "off");
        List<CameraFrame> frames = all(light);
        assertThat(frames).hasSize(8);
        int[][] lamps = {TrafficLight.lamp(style, 0), TrafficLight.lamp(style, 1), TrafficLight.lamp(style, 2)};
        int[] bright = {0xFF2020, DisplayStyle.AMBER, 0x20E040};
        String[] shown = {"red", "amber", "green", "off"};
        for (int second = 0; second < 4; second++) {
            CameraFrame f = frames.get(second * 2);
            for (int lamp = 0; lamp < 3; lamp++) {
                int centre = f.rgbAt(lamps[lamp][0], lamps[lamp][1]);
                boolean lit = lamp == second;
                assertThat(centre == bright[lamp]).as(shown[second] + ": lamp " + lamp + " lit").isEqualTo(lit);
                if (!lit) {
                    assertThat(Math.max(centre >> 16 & 0xFF, Math.max(centre >> 8 & 0xFF, centre & 0xFF)))
                            .as("an unlit lamp is dark").isLessThan(60);
                }
            }
        }
        assertThat(frames.get(0).rgbAt(0, 0)).isEqualTo(DisplayStyle.DARK);
    }
}
