package dev.vigil.perception.vision.ocr;

import dev.vigil.engines.models.ModelCatalog;
import dev.vigil.engines.models.ModelStore;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The pieces around the models: input sizes, DB boxes, CTC decoding, reading order, settings. */
class PpOcrPartsTest {

    @Test
    void detectionInputIsScaledDownToTheLimitInMultiplesOf32() {
        assertThat(TextDetector.inputSize(1920, 1080, 960, 736)).containsExactly(960, 544);
        assertThat(TextDetector.inputSize(1000, 3000, 960, 736)).containsExactly(320, 960);
        assertThat(TextDetector.inputSize(640, 480, 960, 0)).containsExactly(640, 480);
        assertThat(TextDetector.inputSize(200, 120, 960, 0)).containsExactly(192, 128);
    }

    @Test
    void smallFramesAreScaledUpForDetectionAsFarAsTheLimitAllows() {
        assertThat(TextDetector.inputSize(640, 480, 960, 736)).containsExactly(960, 736);
        assertThat(TextDetector.inputSize(200, 120, 960, 256)).containsExactly(416, 256);
        assertThat(TextDetector.inputSize(8, 8, 960, 256)).containsExactly(256, 256);
        assertThat(TextDetector.inputSize(2000, 100, 960, 736)).containsExactly(960, 64);
    }

    @Test
    void aBlobOfTextProbabilityBecomesOneGrownBox() {
        int w = 64;
        int h = 32;
        float[] p = new float[w * h];
        for (int y = 10; y < 20; y++) {
            for (int x = 10; x < 50; x++) {
                p[y * w + x] = 0.9f;
            }
        }
        p[2 * w + 2] = 0.99f; // a lone speck: thinner than 3 map pixels

        List<TextDetector.Line> lines = TextDetector.lines(p, w, h, 2, 2, OcrSettings.defaults());

        // 40 × 10 map pixels: grown by 400 × 1.5 / 100 = 6 on each side, then doubled into frame pixels.
        assertThat(lines).singleElement().satisfies(l -> {
            assertThat(l.left()).isEqualTo(8.0);
            assertThat(l.top()).isEqualTo(8.0);
            assertThat(l.right()).isEqualTo(112.0);
            assertThat(l.bottom()).isEqualTo(52.0);
            assertThat(l.score()).isCloseTo(0.9, org.assertj.core.data.Offset.offset(1e-6));
        });
    }

    @Test
    void wordsSetApartOnOneLineJoinButSeparateSignsDoNot() {
        var no = new TextDetector.Line(100, 50, 160, 90, 0.8);
        var entry = new TextDetector.Line(175, 52, 300, 91, 0.9);    // 15 px gap at 40 px high: one line
        var lift = new TextDetector.Line(420, 50, 500, 90, 0.9);     // 120 px further: another sign
        var small = new TextDetector.Line(340, 60, 360, 75, 0.9);    // 40 px on, a third the height: not a word

        List<TextDetector.Line> joined = TextDetector.joinWords(List.of(no, entry, lift, small));

        assertThat(joined).hasSize(3).contains(lift, small);
        assertThat(joined).anySatisfy(l -> {
            assertThat(l.left()).isEqualTo(100.0);
            assertThat(l.right()).isEqualTo(300.0);
            assertThat(l.top()).isEqualTo(50.0);
            assertThat(l.bottom()).isEqualTo(91.0);
        });
    }

    @Test
    void aLineIsCutWithAMarginThatStopsAtTheNextLineAndTheFrame() {
        var line = new TextDetector.Line(100, 100, 300, 140, 1);      // 40 px high: 6 px sides, 4 px above and below
        var below = new TextDetector.Line(90, 142, 310, 182, 1);      // 2 px under it
        var atTheEdge = new TextDetector.Line(2, 10, 60, 50, 1);

        TextDetector.Line cut = TextRecognizer.withMargin(line, List.of(line, below, atTheEdge), 640, 480);
        TextDetector.Line edge = TextRecognizer.withMargin(atTheEdge, List.of(line, below, atTheEdge), 640, 480);

        assertThat(cut).isEqualTo(new TextDetector.Line(94, 96, 306, 142, 1));
        assertThat(edge.left()).isEqualTo(0.0);
        assertThat(edge.top()).isEqualTo(6.0);
    }

    @Test
    void theSmallCoreOfALoneCharacterJoinsTheWordBeforeIt() {
        var aisle = new TextDetector.Line(109, 61, 191, 85, 0.99);
        var nine = new TextDetector.Line(210, 70, 214, 77, 0.83);    // the "9" of "Aisle 9", as detected

        assertThat(TextDetector.joinWords(List.of(aisle, nine))).singleElement()
                .satisfies(l -> assertThat(l.right()).isEqualTo(214.0));
    }

    @Test
    void faintBlobsAreNotText() {
        int w = 32;
        float[] p = new float[w * w];
        for (int i = 0; i < p.length; i++) {
            p[i] = 0.4f; // above the pixel threshold, under the box threshold
        }

        assertThat(TextDetector.lines(p, w, w, 1, 1, OcrSettings.defaults())).isEmpty();
    }

    @Test
    void ctcDropsBlanksAndMergesRepeatsButNotRepeatsAcrossABlank() {
        CtcAlphabet alphabet = new CtcAlphabet(List.of("a", "b", "1"));
        // classes: 0 blank, 1 a, 2 b, 3 "1", 4 space; steps: a a _ a b space 1 _
        int[] best = {1, 1, 0, 1, 2, 4, 3, 0};
        float[] p = new float[best.length * alphabet.classes()];
        for (int t = 0; t < best.length; t++) {
            p[t * alphabet.classes() + best[t]] = t == 0 ? 0.6f : 1f;
        }

        CtcAlphabet.Reading reading = alphabet.decode(p, 0, best.length);

        assertThat(reading.text()).isEqualTo("aab 1");
        assertThat(reading.score()).isCloseTo((0.6 + 4) / 5, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(alphabet.decode(new float[3 * alphabet.classes()], 0, 0).text()).isEmpty();
    }

    @Test
    void thePaddleKeyFileMakes6625Classes() throws Exception {
        var keys = ModelStore.fromEnvironment().resolve(ModelCatalog.load().get(PpOcr.KEYS));

        CtcAlphabet alphabet = CtcAlphabet.read(keys.path());

        assertThat(alphabet.classes()).isEqualTo(6625);
    }

    @Test
    void linesInOneRowReadLeftToRight() {
        var right = new TextDetector.Line(300, 10, 400, 50, 1);
        var left = new TextDetector.Line(10, 14, 100, 54, 1);
        var below = new TextDetector.Line(0, 80, 100, 120, 1);

        assertThat(PpOcr.readingOrder(List.of(below, right, left))).containsExactly(left, right, below);
    }

    @Test
    void settingsRefuseNonsense() {
        assertThatThrownBy(() -> OcrSettings.defaults().withDetectionLimit(16))
                .hasMessage("detection limit is at least 32 px, was 16");
        assertThatThrownBy(() -> new OcrSettings(960, 736, 1.3, 0.6, 1.5, 0.5)).isInstanceOf(IllegalArgumentException.class);
    }
}
