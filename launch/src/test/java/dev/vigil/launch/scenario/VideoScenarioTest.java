package dev.vigil.launch.scenario;

import dev.vigil.agent.message.CameraFrame;
import dev.vigil.launch.video.FrameStream;
import dev.vigil.launch.video.Shown;
import dev.vigil.launch.video.VideoFiles;
import dev.vigil.speech.tts.engine.FliteSynthesizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The {@code video:} key of a scenario: what is accepted, what is refused (one line each), what is rendered. */
class VideoScenarioTest {

    @TempDir
    Path dir;

    private Path write(String yaml) throws Exception {
        return new ScenarioFiles(dir).write(yaml);
    }

    private void refused(String yaml, String where, String problem) throws Exception {
        new ScenarioFiles(dir).refused(yaml, where, problem);
    }

    private static RenderedScenario render(Path scenario) throws Exception {
        return new ScenarioRenderer(new FliteSynthesizer()).render(ScenarioLoader.load(scenario));
    }

    @Test
    void anElevatorScenarioCarriesTheFloorsAsTruthOnTheScenarioTimeline() throws Exception {
        Scenario s = ScenarioLoader.load(write("""
                video:
                  at: 1
                  elevator: {floors: [[0, 14], [2.5, 15], [5, "16"]], foreground: white, width: 320, height: 240, fps: 5}
                """));
        Scenario.Elevator elevator = (Scenario.Elevator) s.video().orElseThrow().source();
        assertThat(elevator.floors()).containsExactly(new Shown(0, "14"), new Shown(2.5, "15"), new Shown(5, "16"));
        assertThat(elevator.style().foreground()).isEqualTo(0xFFFFFF);
        RenderedScenario rendered = new ScenarioRenderer(new FliteSynthesizer()).render(s);
        assertThat(rendered.videoTruth()).containsExactly(new Shown(1, "14"), new Shown(3.5, "15"), new Shown(6, "16"));
        // No audio given: the run lasts to the last change (6 s) and the usual 2 s after it.
        assertThat(rendered.durationSeconds()).isEqualTo(8.0);
        List<CameraFrame> frames = new ArrayList<>();
        try (FrameStream stream = rendered.video().orElseThrow().open(p -> { })) {
            for (CameraFrame f = stream.next(); f != null; f = stream.next()) {
                frames.add(f);
            }
        }
        // 5 fps from 1 s to 8 s: 35 frames, the first at 1 s.
        assertThat(frames).hasSize(35);
        assertThat(frames.get(0).captureNanos()).isEqualTo(1_000_000_000L);
        assertThat(frames.get(1).captureNanos()).isEqualTo(1_200_000_000L);
        assertThat(frames.get(0).width()).isEqualTo(320);
    }

    @Test
    void aLightScenarioKnowsItsColours() throws Exception {
        Scenario s = ScenarioLoader.load(write("""
                mic: [{at: 0.5, say: "tell me when it is green"}]
                video: {light: {states: [[0, red], [3, amber], [4, green]]}}
                """));
        assertThat(((Scenario.Light) s.video().orElseThrow().source()).states())
                .extracting(Shown::what).containsExactly("red", "amber", "green");
    }

    @Test
    void twoKindsAtOnceAreRefused() throws Exception {
        Files.writeString(dir.resolve("a.avi"), "x");
        refused("""
                video: {file: a.avi, elevator: {floors: [[0, 1]]}}
                """, "video", "give exactly one of 'file', 'frames', 'elevator' or 'light' (got file, elevator)");
    }

    @Test
    void noKindIsRefused() throws Exception {
        refused("""
                video: {at: 2}
                """, "video", "give exactly one of 'file', 'frames', 'elevator' or 'light'");
    }

    @Test
    void anElevatorWithoutFloorsIsRefused() throws Exception {
        refused("""
                video: {elevator: {width: 320}}
                """, "video.elevator", "missing 'floors'");
    }

    @Test
    void unsortedTimesAreRefused() throws Exception {
        refused("""
                video: {elevator: {floors: [[0, 1], [5, 2], [3, 3]]}}
                """, "video.elevator.floors[2][0]", "time 3.0 s does not come after the previous entry's (5.0 s)");
    }

    @Test
    void unsortedTruthIsRefused() throws Exception {
        Files.writeString(dir.resolve("a.avi"), "x");
        refused("""
                video: {file: a.avi, truth: [[2, "a door"], [1, "a cat"]]}
                """, "video.truth[1][0]", "does not come after the previous entry's");
    }

    @Test
    void anUnknownLightColourIsRefused() throws Exception {
        refused("""
                video: {light: {states: [[0, red], [2, blue]]}}
                """, "video.light.states[1][1]", "unknown light state 'blue' (use one of amber, green, off, red)");
    }

    @Test
    void anUnknownDisplayColourIsRefused() throws Exception {
        refused("""
                video: {elevator: {floors: [[0, 1]], background: purplish}}
                """, "video.elevator.background", "unknown colour 'purplish' (give #RRGGBB or one of");
    }

    @Test
    void truthOnAGeneratedDisplayIsRefused() throws Exception {
        refused("""
                video: {light: {states: [[0, red]]}, truth: [[0, "red"]]}
                """, "video.truth", "'truth' goes with 'file' and 'frames'");
    }

    @Test
    void aMissingVideoFileIsRefused() throws Exception {
        refused("""
                video: {file: missing.mkv}
                """, "video.file", "missing.mkv: no such file (looked for " + dir.resolve("missing.mkv") + ")");
    }

    @Test
    void aFileGStreamerCannotReadIsRefusedWithItsReason() throws Exception {
        Path notVideo = dir.resolve("notes.avi");
        Files.writeString(notVideo, "these are notes, not a video\n".repeat(50));
        Path file = write("""
                video: {file: notes.avi}
                """);
        assertThatThrownBy(() -> render(file))
                .isInstanceOf(ScenarioException.class)
                .satisfies(e -> assertThat(e.getMessage())
                        .startsWith(file + ": video.file: " + notVideo + ": GStreamer cannot read it: ")
                        .doesNotContain("\n"));
    }

    @Test
    void aMissingFramesFolderIsRefused() throws Exception {
        refused("""
                video: {frames: {dir: shots, fps: 5}}
                """, "video.frames.dir", "shots: no such folder");
    }

    @Test
    void aFramesFolderWithoutImagesIsRefused() throws Exception {
        Files.createDirectories(dir.resolve("shots"));
        Files.writeString(dir.resolve("shots/readme.txt"), "no images");
        refused("""
                video: {frames: {dir: shots, fps: 5}}
                """, "video.frames.dir", "shots: no PNG or JPEG files");
    }

    @Test
    void aFramesFolderPlaysItsImagesInNameOrderAndSkipsABrokenOne() throws Exception {
        Path shots = Files.createDirectories(dir.resolve("shots"));
        ImageIO.write(solid(0xFF0000), "png", shots.resolve("a.png").toFile());
        Files.write(shots.resolve("b.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0});
        ImageIO.write(solid(0x0000FF), "jpg", shots.resolve("c.jpg").toFile());
        Path file = write("""
                video:
                  at: 0.5
                  frames: {dir: shots, fps: 2}
                  truth: [[0, "a red wall"], [1, "a blue wall"]]
                """);
        RenderedScenario rendered = render(file);
        assertThat(rendered.videoTruth()).containsExactly(new Shown(0.5, "a red wall"), new Shown(1.5, "a blue wall"));
        List<String> rejected = new ArrayList<>();
        List<CameraFrame> frames = new ArrayList<>();
        try (FrameStream stream = rendered.video().orElseThrow().open(rejected::add)) {
            for (CameraFrame f = stream.next(); f != null; f = stream.next()) {
                frames.add(f);
            }
        }
        assertThat(rejected).singleElement().satisfies(line -> assertThat(line)
                .startsWith(shots.resolve("b.png") + ": broken image").endsWith("frame 1 skipped").doesNotContain("\n"));
        assertThat(frames).extracting(CameraFrame::captureNanos).containsExactly(500_000_000L, 1_500_000_000L);
        assertThat(frames.get(0).rgbAt(4, 4)).isEqualTo(0xFF0000);
        int blue = frames.get(1).rgbAt(4, 4);
        assertThat(blue & 0xFF).as("JPEG blue").isGreaterThan(200);
        assertThat(blue >> 16).as("JPEG red").isLessThan(40);
        assertThat(frames.get(1).rgb()).hasSize(16 * 12 * 3);
    }

    @Test
    void aVideoFileIsDecodedFrameByFrameWithItsTimes() throws Exception {
        Path video = VideoFiles.testPattern(dir.resolve("pattern.avi"), 10, 161, 120, 10);
        Path file = write("""
                video: {file: pattern.avi, at: 2, truth: [[0, "colour bars"]]}
                """);
        RenderedScenario rendered = render(file);
        assertThat(rendered.videoTruth()).containsExactly(new Shown(2, "colour bars"));
        // The file lasts 1 s: the run lasts until 3 s plus the tail.
        assertThat(rendered.durationSeconds()).isCloseTo(5.0, org.assertj.core.data.Offset.offset(0.05));
        List<CameraFrame> frames = new ArrayList<>();
        try (FrameStream stream = rendered.video().orElseThrow().open(p -> { })) {
            for (CameraFrame f = stream.next(); f != null; f = stream.next()) {
                frames.add(f);
            }
        }
        assertThat(frames).hasSize(10);
        assertThat(frames).extracting(CameraFrame::captureNanos)
                .containsExactly(2_000_000_000L, 2_100_000_000L, 2_200_000_000L, 2_300_000_000L, 2_400_000_000L,
                        2_500_000_000L, 2_600_000_000L, 2_700_000_000L, 2_800_000_000L, 2_900_000_000L);
        assertThat(frames.get(0).width()).isEqualTo(161);
        assertThat(frames.get(0).rgb()).hasSize(161 * 120 * 3);
        assertThat(video).exists();
    }

    static BufferedImage solid(int rgb) {
        BufferedImage image = new BufferedImage(16, 12, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 12; y++) {
            for (int x = 0; x < 16; x++) {
                image.setRGB(x, y, rgb);
            }
        }
        return image;
    }

    @Test
    void aBareOffIsTheLightsOffStateThoughYamlReadsItAsFalse() throws Exception {
        Scenario s = ScenarioLoader.load(write("video: {light: {states: [[0, off], [3, green]]}}\nduration: 5\n"));
        assertThat(s.video()).isPresent();
    }
}
