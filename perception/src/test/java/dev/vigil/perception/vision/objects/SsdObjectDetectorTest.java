package dev.vigil.perception.vision.objects;

import dev.vigil.agent.message.CameraFrame;
import dev.vigil.agent.message.Observation;
import dev.vigil.engines.EngineOptions;
import dev.vigil.engines.models.ModelCatalog;
import dev.vigil.engines.models.ModelFetchException;
import dev.vigil.engines.models.ModelStore;
import dev.vigil.perception.vision.VisionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Comparator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The MediaPipe SSD object detector on the real model, on photographs from Debian's opencv-doc: a campus
 * path with seven people walking (a background-subtraction tutorial's frame), a kitten, a dog, and a
 * building with no one in front of it.
 */
class SsdObjectDetectorTest {

    private static SsdObjectDetector objects;

    @BeforeAll
    static void open() {
        objects = SsdObjectDetector.open();
    }

    @AfterAll
    static void close() {
        objects.close();
    }

    private static List<Observation> people(List<Observation> seen) {
        return seen.stream().filter(o -> o.label().equals("person")).toList();
    }

    @Test
    void countsThePeopleWalkingOnACampusPath() {
        // People a fifth of the frame tall score 0.42-0.54 on this model: a lower threshold counts them all.
        try (SsdObjectDetector keen = SsdObjectDetector.open(ModelCatalog.load(), ModelStore.fromEnvironment(),
                EngineOptions.defaults(), ObjectSettings.defaults().withMinScore(0.4))) {
            List<Observation> seen = keen.observe(Photos.frame(
                    Photos.TUTORIALS.resolve("Background_Subtraction_Tutorial_frame.jpg")));

            assertThat(people(seen)).hasSizeGreaterThanOrEqualTo(5);
            assertThat(people(seen)).allSatisfy(p -> {
                assertThat(p.kind()).isEqualTo(Observation.Kind.OBJECT);
                assertThat(p.box().height()).as("a standing person is taller than wide").isGreaterThan(p.box().width());
                assertThat(p.box().y()).as("on the path, not in the sky or the grass").isBetween(0.1, 0.5);
            });
        }
    }

    @Test
    void theMostPeopleAreCountedOnceAtTheDefaultThreshold() {
        List<Observation> seen = objects.observe(Photos.frame(
                Photos.TUTORIALS.resolve("Background_Subtraction_Tutorial_frame.jpg")));

        assertThat(people(seen)).hasSizeBetween(2, 7);
        assertThat(seen).extracting(Observation::score).isSortedAccordingTo(Comparator.reverseOrder())
                .allSatisfy(s -> assertThat(s).isGreaterThanOrEqualTo(0.5));
    }

    @Test
    void seesAKittenFillingThePicture() {
        List<Observation> seen = objects.observe(Photos.frame(
                Photos.TUTORIALS.resolve("Morphology_1_Tutorial_Original_Image.jpg")));

        assertThat(seen).isNotEmpty();
        assertThat(seen.get(0).label()).isEqualTo("cat");
        assertThat(seen.get(0).score()).isGreaterThan(0.8);
        assertThat(seen.get(0).box().width()).isGreaterThan(0.8);
    }

    @Test
    void seesADog() {
        List<Observation> seen = objects.observe(Photos.frame(
                Photos.TUTORIALS.resolve("Threshold_Tutorial_Original_Image.jpg")));

        assertThat(seen).extracting(Observation::label).first().isEqualTo("dog");
        assertThat(seen.get(0).score()).isGreaterThan(0.8);
    }

    @Test
    void seesNothingInFrontOfAnEmptyBuilding() {
        assertThat(objects.observe(Photos.frame(Photos.SAMPLES.resolve("building.jpg")))).isEmpty();
    }

    @Test
    void labelsAreTheModelsClassesLowerCaseAndSingular() throws IOException, ModelFetchException {
        List<String> labels = LabelMap.read(ModelStore.fromEnvironment()
                .resolve(ModelCatalog.load().get(SsdObjectDetector.LABELS)).path());

        assertThat(labels).hasSize(SsdObjectDetector.CLASSES).contains("person", "dog", "cat", "chair", "car",
                "bicycle", "bottle", "mug", "laptop", "book", "high heel").doesNotContain("high heels");
        assertThat(labels.subList(1, labels.size())).allSatisfy(l -> assertThat(l).isLowerCase());
    }

    @Test
    void aOnePixelFrameIsRefusedInOneLine() {
        assertThatThrownBy(() -> objects.observe(new CameraFrame(0, 0, "", 1, 1, new byte[3])))
                .isInstanceOf(VisionException.class)
                .hasMessage("objects: a 1 × 1 frame is too small to look at (at least 16 × 16 pixels)");
    }

    @Test
    void aClosedDetectorRefusesFrames() {
        SsdObjectDetector closed = SsdObjectDetector.open();
        closed.close();
        closed.close();

        assertThatThrownBy(() -> closed.observe(new CameraFrame(0, 0, "", 32, 32, new byte[32 * 32 * 3])))
                .isInstanceOf(VisionException.class)
                .hasMessage("objects: the engine is closed");
    }
}
