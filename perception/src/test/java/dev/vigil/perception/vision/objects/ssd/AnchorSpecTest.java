package dev.vigil.perception.vision.objects.ssd;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The anchors MediaPipe's graphs give its two detectors, from their options (sizes as fractions of the input). */
class AnchorSpecTest {

    private static final AnchorSpec OBJECTS = new AnchorSpec(300, 300, 0.2f, 0.95f, 0.5f, 0.5f,
            List.of(16, 32, 64, 128, 256, 512), List.of(1.0f, 2.0f, 0.5f, 3.0f, 0.3333f), true, 1.0f, false);
    private static final AnchorSpec FACES = new AnchorSpec(128, 128, 0.1484375f, 0.75f, 0.5f, 0.5f,
            List.of(8, 16, 16, 16), List.of(1.0f), false, 1.0f, true);

    @Test
    void theObjectDetectorHas1917AnchorsThreeACellInItsFinestLayer() {
        List<Anchor> anchors = OBJECTS.anchors();

        assertThat(anchors).hasSize(19 * 19 * 3 + (10 * 10 + 5 * 5 + 3 * 3 + 2 * 2 + 1) * 6).hasSize(1917);
        // The lowest layer's three fixed anchors: 0.1 at 1:1, then its scale (0.2) at 2:1 and 1:2.
        assertAnchor(anchors.get(0), 0.5f / 19, 0.5f / 19, 0.1f, 0.1f);
        assertAnchor(anchors.get(1), 0.5f / 19, 0.5f / 19, 0.2f * (float) Math.sqrt(2), 0.2f / (float) Math.sqrt(2));
        assertAnchor(anchors.get(2), 0.5f / 19, 0.5f / 19, 0.2f / (float) Math.sqrt(2), 0.2f * (float) Math.sqrt(2));
        assertAnchor(anchors.get(3), 1.5f / 19, 0.5f / 19, 0.1f, 0.1f);
        // The second layer (10 × 10, scale 0.35) starts after 1083: five ratios, then the interpolated one.
        assertAnchor(anchors.get(1083), 0.05f, 0.05f, 0.35f, 0.35f);
        assertAnchor(anchors.get(1083 + 5), 0.05f, 0.05f, (float) Math.sqrt(0.35 * 0.5), (float) Math.sqrt(0.35 * 0.5));
        // The last: the 1 × 1 layer's interpolated anchor, between its scale 0.95 and 1.
        assertAnchor(anchors.get(1916), 0.5f, 0.5f, (float) Math.sqrt(0.95), (float) Math.sqrt(0.95));
    }

    @Test
    void theFaceDetectorHas896UnitAnchorsOnTwoGrids() {
        List<Anchor> anchors = FACES.anchors();

        assertThat(anchors).hasSize(16 * 16 * 2 + 8 * 8 * 6).hasSize(896);
        assertThat(anchors).allSatisfy(a -> assertThat(a.width()).isEqualTo(1f)).allSatisfy(a -> assertThat(a.height())
                .isEqualTo(1f));
        assertThat(anchors.get(0).xCenter()).isCloseTo(0.5f / 16, within(1e-6f));
        assertThat(anchors.get(1).xCenter()).isCloseTo(0.5f / 16, within(1e-6f));
        assertThat(anchors.get(2).xCenter()).isCloseTo(1.5f / 16, within(1e-6f));
        // Strides 16, 16, 16 share one 8 × 8 grid: six anchors a cell.
        assertThat(anchors.subList(512, 518)).allSatisfy(a -> assertThat(a.xCenter()).isCloseTo(0.0625f, within(1e-6f)));
        assertThat(anchors.get(518).xCenter()).isCloseTo(0.1875f, within(1e-6f));
        assertThat(anchors.get(895).yCenter()).isCloseTo(7.5f / 8, within(1e-6f));
    }

    private static void assertAnchor(Anchor a, float x, float y, float w, float h) {
        assertThat(a.xCenter()).isCloseTo(x, within(1e-5f));
        assertThat(a.yCenter()).isCloseTo(y, within(1e-5f));
        assertThat(a.width()).isCloseTo(w, within(1e-5f));
        assertThat(a.height()).isCloseTo(h, within(1e-5f));
    }
}
