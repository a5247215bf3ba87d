package dev.vigil.perception.vision.objects.ssd;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class BoxDecoderTest {

    private static final List<Anchor> ANCHORS = List.of(new Anchor(0.5f, 0.4f, 0.2f, 0.1f));

    @Test
    void aZeroRegressionIsTheAnchorItself() {
        BoxDecoder ssd = new BoxDecoder(ANCHORS, 4, false, 10, 10, 5, 5, true);

        Detection d = ssd.decode(new float[4], 0, 3, 0.7f);

        assertThat(d.xMin()).isCloseTo(0.4f, within(1e-6f));
        assertThat(d.xMax()).isCloseTo(0.6f, within(1e-6f));
        assertThat(d.yMin()).isCloseTo(0.35f, within(1e-6f));
        assertThat(d.yMax()).isCloseTo(0.45f, within(1e-6f));
        assertThat(d.classId()).isEqualTo(3);
        assertThat(d.score()).isEqualTo(0.7f);
    }

    @Test
    void tensorFlowSsdBoxesAreYxhwWithLogEncodedSizes() {
        BoxDecoder ssd = new BoxDecoder(ANCHORS, 4, false, 10, 10, 5, 5, true);

        // y moves by 1/10 of the anchor's height, x by 2/10 of its width; the height doubles.
        Detection d = ssd.decode(new float[] {1, 2, 5 * (float) Math.log(2), 0}, 0, 1, 1);

        assertThat((d.xMin() + d.xMax()) / 2).isCloseTo(0.5f + 0.2f * 0.2f, within(1e-6f));
        assertThat((d.yMin() + d.yMax()) / 2).isCloseTo(0.4f + 0.1f * 0.1f, within(1e-6f));
        assertThat(d.yMax() - d.yMin()).isCloseTo(0.2f, within(1e-6f));
        assertThat(d.xMax() - d.xMin()).isCloseTo(0.2f, within(1e-6f));
    }

    @Test
    void blazeFaceBoxesAreXywhInInputPixelsAmongKeyPoints() {
        BoxDecoder face = new BoxDecoder(List.of(new Anchor(0.25f, 0.75f, 1, 1), new Anchor(0.5f, 0.5f, 1, 1)), 16, true,
                128, 128, 128, 128, false);
        float[] raw = new float[32];
        raw[16] = 12.8f;
        raw[17] = -25.6f;
        raw[18] = 64;
        raw[19] = 32;

        Detection d = face.decode(raw, 1, 0, 0.9f);

        assertThat(d.xMin()).isCloseTo(0.6f - 0.25f, within(1e-6f));
        assertThat(d.xMax()).isCloseTo(0.6f + 0.25f, within(1e-6f));
        assertThat(d.yMin()).isCloseTo(0.3f - 0.125f, within(1e-6f));
        assertThat(d.yMax()).isCloseTo(0.3f + 0.125f, within(1e-6f));
    }

    @Test
    void logitsBecomeScores() {
        assertThat(BoxDecoder.sigmoid(0)).isEqualTo(0.5f);
        assertThat(BoxDecoder.sigmoid(100)).isEqualTo(1f);
        assertThat(BoxDecoder.sigmoid(-2)).isCloseTo(0.1192f, within(1e-4f));
    }
}
