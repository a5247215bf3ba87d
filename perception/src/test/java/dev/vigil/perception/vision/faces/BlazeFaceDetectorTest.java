package dev.vigil.perception.vision.faces;

import dev.vigil.agent.message.Box;
import dev.vigil.agent.message.CameraFrame;
import dev.vigil.agent.message.Observation;
import dev.vigil.perception.vision.VisionException;
import dev.vigil.perception.vision.objects.Photos;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Comparator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * BlazeFace short range on the real model, on photographs from Debian's opencv-doc: a man at his desk
 * holding a calibration chessboard (grey, in profile), three copies of a frontal portrait side by side,
 * and pictures without a human face.
 */
class BlazeFaceDetectorTest {

    private static BlazeFaceDetector faces;

    @BeforeAll
    static void open() {
        faces = BlazeFaceDetector.open();
    }

    @AfterAll
    static void close() {
        faces.close();
    }

    private static double centreX(Box b) {
        return b.x() + b.width() / 2;
    }

    private static double centreY(Box b) {
        return b.y() + b.height() / 2;
    }

    @Test
    void findsTheFaceOfAManAtHisDesk() {
        List<Observation> seen = faces.observe(Photos.frame(Photos.SAMPLES.resolve("left06.jpg")));

        assertThat(seen).hasSize(1);
        Observation face = seen.get(0);
        assertThat(face.kind()).isEqualTo(Observation.Kind.FACE);
        assertThat(face.label()).isEqualTo("face");
        assertThat(face.score()).isGreaterThan(0.7);
        assertThat(centreX(face.box())).isBetween(0.4, 0.6);
        assertThat(centreY(face.box())).isBetween(0.25, 0.5);
        assertThat(face.box().width()).isBetween(0.1, 0.3);
    }

    @Test
    void findsThreePortraitsSideBySideWhereTheyAre() {
        // 1162 × 580: letterboxed into the model's square, so this also checks boxes come back to the frame.
        List<Observation> seen = faces.observe(Photos.frame(Photos.TUTORIALS.resolve("example.jpg")));

        assertThat(seen).hasSize(3);
        assertThat(seen).extracting(Observation::score).isSortedAccordingTo(Comparator.reverseOrder())
                .allSatisfy(s -> assertThat(s).isGreaterThan(0.85));
        List<Box> leftToRight = seen.stream().map(Observation::box).sorted(Comparator.comparingDouble(Box::x)).toList();
        for (int i = 0; i < 3; i++) {
            Box b = leftToRight.get(i);
            assertThat(centreX(b)).as("face %d in its third", i).isBetween(i / 3.0, (i + 1) / 3.0);
            assertThat(centreY(b)).isBetween(0.5, 0.8);
            assertThat(b.height()).isBetween(0.4, 0.75);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"building.jpg", "baboon.jpg", "fruits.jpg"})
    void seesNoFaceWhereThereIsNone(String photo) {
        assertThat(faces.observe(Photos.frame(Photos.SAMPLES.resolve(photo)))).isEmpty();
    }

    @Test
    void aOnePixelFrameIsRefusedInOneLine() {
        assertThatThrownBy(() -> faces.observe(new CameraFrame(0, 0, "", 1, 1, new byte[3])))
                .isInstanceOf(VisionException.class)
                .hasMessage("faces: a 1 × 1 frame is too small to look at (at least 16 × 16 pixels)");
    }

    @Test
    void pixelsThatDoNotFillTheFrameAreRefused() {
        assertThatThrownBy(() -> faces.observe(new CameraFrame(0, 0, "", 64, 48, new byte[64 * 48])))
                .isInstanceOf(VisionException.class)
                .hasMessage("faces: a 64 × 48 frame needs 9216 bytes of RGB, got 3072");
    }

    @Test
    void aClosedDetectorRefusesFrames() {
        BlazeFaceDetector closed = BlazeFaceDetector.open();
        closed.close();
        closed.close();

        assertThatThrownBy(() -> closed.observe(new CameraFrame(0, 0, "", 32, 32, new byte[32 * 32 * 3])))
                .isInstanceOf(VisionException.class)
                .hasMessage("faces: the engine is closed");
    }
}
