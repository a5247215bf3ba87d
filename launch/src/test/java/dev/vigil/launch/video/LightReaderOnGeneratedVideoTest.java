package dev.vigil.launch.video;

import dev.vigil.agent.message.CameraFrame;
import dev.vigil.agent.message.Observation;
import dev.vigil.perception.vision.light.LightReader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The light reader on the scenario generator's frames, as replays give them to it: every state of the
 * traffic light in several sizes and colours is read as the ground truth says, and an elevator display's
 * digits, of any colour, are never a lamp.
 */
class LightReaderOnGeneratedVideoTest {

    private static final List<String> STATES = List.of("red", "amber", "green", "off", "green", "red");

    private static List<CameraFrame> frames(GeneratedVideo video) throws VideoException {
        List<CameraFrame> frames = new ArrayList<>();
        try (FrameStream stream = video.open(problem -> { throw new AssertionError(problem); })) {
            for (CameraFrame f = stream.next(); f != null; f = stream.next()) {
                frames.add(f);
            }
        }
        return frames;
    }

    @ParameterizedTest(name = "{0}×{1}, housing {2}, background {3}")
    @CsvSource({
            "640, 480, 303030, 101010",
            "320, 480, 303030, 101010",
            "1280, 720, 202020, 87CEEB",
            "160, 120, 000000, FFFFFF",
            "96, 160, 404040, 305030"})
    void readsEveryStateOfTheGeneratedLightAsItsTruth(int width, int height, String housing, String background)
            throws Exception {
        List<Shown> states = new ArrayList<>();
        for (int i = 0; i < STATES.size(); i++) {
            states.add(new Shown(i, STATES.get(i)));
        }
        DisplayStyle style = new DisplayStyle("Monospaced", 0, Integer.parseInt(housing, 16),
                Integer.parseInt(background, 16), width, height, 1);
        TrafficLight light = new TrafficLight(states, style, 0, STATES.size());
        List<CameraFrame> frames = frames(light);
        assertThat(frames).hasSize(STATES.size());
        try (LightReader reader = new LightReader()) {
            for (int i = 0; i < frames.size(); i++) {
                List<Observation> seen = reader.observe(frames.get(i));
                String truth = STATES.get(i);
                if (truth.equals("off")) {
                    assertThat(seen).as("frame %d, off", i).isEmpty();
                } else {
                    assertThat(seen).as("frame %d, %s", i, truth).extracting(Observation::label).containsExactly(truth);
                    assertThat(seen.get(0).score()).as("frame %d", i).isGreaterThan(0.6);
                    // The lit lamp's box is where the generator drew it.
                    int[] lamp = TrafficLight.lamp(style, List.of("red", "amber", "green").indexOf(truth));
                    Observation o = seen.get(0);
                    assertThat((o.box().y() + o.box().height() / 2) * height).isCloseTo(lamp[1],
                            org.assertj.core.data.Offset.offset(lamp[2] * 0.5));
                }
            }
        }
    }

    @ParameterizedTest(name = "{0} in {1} on {2}, {3}×{4}")
    @CsvSource({
            "16, FFB000, 101010, 640, 480, 0",
            "08, 20E040, 000000, 640, 480, 0",
            "B2, FF2020, 101010, 320, 240, 0",
            "READ, 20E040, 101010, 800, 300, 0",
            "0, FFB000, 101010, 640, 480, 0",
            "12, FF2020, 000000, 1280, 720, 120"})
    void anElevatorDisplaysDigitsAreNoLamp(String text, String ink, String background, int width, int height,
                                           int size) throws Exception {
        DisplayStyle style = new DisplayStyle("Monospaced", size, Integer.parseInt(ink, 16),
                Integer.parseInt(background, 16), width, height, 1);
        ElevatorDisplay display = new ElevatorDisplay(List.of(new Shown(0, text)), style, 0, 1);
        try (LightReader reader = new LightReader()) {
            for (CameraFrame f : frames(display)) {
                assertThat(reader.observe(f)).isEmpty();
            }
        }
    }
}
