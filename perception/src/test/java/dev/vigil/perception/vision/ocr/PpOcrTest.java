package dev.vigil.perception.vision.ocr;

import dev.vigil.agent.message.Box;
import dev.vigil.agent.message.CameraFrame;
import dev.vigil.agent.message.Observation;
import dev.vigil.engines.DType;
import dev.vigil.engines.Engine;
import dev.vigil.engines.EngineException;
import dev.vigil.engines.EngineOptions;
import dev.vigil.engines.Tensor;
import dev.vigil.engines.TensorSpec;
import dev.vigil.engines.models.ModelCatalog;
import dev.vigil.engines.models.ModelStore;
import dev.vigil.perception.vision.VisionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * PP-OCRv4 on the real models, on images drawn here with Java2D (their own phrases, fonts and colours,
 * apart from the bench's generator) and on a page scanned by somebody else, from Debian's opencv-doc.
 */
class PpOcrTest {

    private static final Color AMBER = new Color(255, 150, 0);
    private static final Color LED_RED = new Color(255, 40, 20);
    private static final Color LED_GREEN = new Color(60, 255, 90);
    private static final Color PANEL = new Color(12, 12, 14);
    private static final Color SIGN_GREEN = new Color(0, 122, 61);
    private static final Path OPENCV_DATA = Path.of("/usr/share/doc/opencv-doc/examples/data");
    private static final String CJK_FONT = "WenQuanYi Zen Hei";

    private static PpOcr ocr;

    @BeforeAll
    static void open() {
        ocr = PpOcr.open();
    }

    @AfterAll
    static void close() {
        ocr.close();
    }

    private static CameraFrame sign(String text, String font, int style, int size, Color ink, Color background,
                                    int width, int height) {
        return TextImages.frame(TextImages.centred(text, new Font(font, style, size), ink, background, width, height));
    }

    static Stream<Arguments> elevatorDisplays() {
        return Stream.of(
                Arguments.of("16", "Monospaced", Font.BOLD, 72, LED_RED, PANEL, 200, 120),
                Arguments.of("B2", "SansSerif", Font.BOLD, 64, AMBER, PANEL, 200, 120),
                Arguments.of("7", "Serif", Font.PLAIN, 90, LED_GREEN, Color.BLACK, 160, 160),
                Arguments.of("23", "DialogInput", Font.BOLD, 40, Color.WHITE, new Color(30, 40, 90), 240, 100),
                Arguments.of("B1", "Monospaced", Font.PLAIN, 36, LED_RED, new Color(40, 0, 0), 320, 180),
                Arguments.of("108", "SansSerif", Font.PLAIN, 54, Color.BLACK, new Color(200, 200, 190), 260, 110));
    }

    @ParameterizedTest(name = "\"{0}\" in {1} {3} pt")
    @MethodSource("elevatorDisplays")
    void readsTheFloorOnAnElevatorDisplay(String floor, String font, int style, int size, Color ink, Color panel,
                                          int width, int height) {
        List<Observation> seen = ocr.observe(sign(floor, font, style, size, ink, panel, width, height));

        assertThat(seen).extracting(Observation::label).containsExactly(floor);
        assertThat(seen.get(0).kind()).isEqualTo(Observation.Kind.TEXT);
        assertThat(seen.get(0).score()).isGreaterThan(0.9);
    }

    static Stream<Arguments> signs() {
        return Stream.of(
                Arguments.of("READY", "SansSerif", Font.BOLD, 48, LED_GREEN, Color.BLACK),
                Arguments.of("EXIT", "SansSerif", Font.BOLD, 60, Color.WHITE, SIGN_GREEN),
                Arguments.of("Floor 12", "Serif", Font.PLAIN, 44, Color.BLACK, Color.WHITE),
                Arguments.of("Reception", "Dialog", Font.ITALIC, 40, new Color(20, 40, 120), new Color(235, 230, 210)),
                Arguments.of("NO ENTRY", "SansSerif", Font.BOLD, 42, Color.WHITE, new Color(190, 0, 0)));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @MethodSource("signs")
    void readsEnglishSigns(String text, String font, int style, int size, Color ink, Color background) {
        List<Observation> seen = ocr.observe(sign(text, font, style, size, ink, background, 400, 140));

        assertThat(seen).extracting(Observation::label).containsExactly(text);
        assertThat(seen.get(0).score()).isGreaterThan(0.9);
    }

    static Stream<Arguments> chineseSigns() {
        return Stream.of(
                Arguments.of("厨房在左边", 44, Color.BLACK, Color.WHITE),
                Arguments.of("安全出口", 56, Color.WHITE, SIGN_GREEN),
                Arguments.of("会议室3号", 40, AMBER, PANEL),
                Arguments.of("请勿吸烟", 48, new Color(200, 0, 0), new Color(250, 250, 240)));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @MethodSource("chineseSigns")
    void readsChineseSigns(String text, int size, Color ink, Color background) {
        Font font = new Font(CJK_FONT, Font.PLAIN, size);
        assertThat(font.getFamily()).as("the CJK font (Debian package fonts-wqy-zenhei, in ./vigil's TEST_PACKAGES)")
                .isEqualTo(CJK_FONT);

        List<Observation> seen = ocr.observe(TextImages.frame(TextImages.centred(text, font, ink, background, 400, 140)));

        assertThat(seen).extracting(Observation::label).containsExactly(text);
        assertThat(seen.get(0).score()).isGreaterThan(0.9);
    }

    @Test
    void readsEveryLineOfAScannedPageInOrder() throws Exception {
        Path page = OPENCV_DATA.resolve("imageTextN.png");
        assumeTrue(Files.isRegularFile(page), "Debian package opencv-doc is not installed");

        List<Observation> seen = ocr.observe(TextImages.read(page));

        assertThat(seen).extracting(Observation::label).containsExactly(
                "technical details are too complex to cover in the book itself.",
                "In teaching our courses, we have found it useful for the students to attempt a number of",
                "small implementation projects, which often build on one another, in order to get them used to",
                "working with real-world images and the challenges that these present. The students are then",
                "asked to choose an individual topic for each of their small-group, final projects. (Sometimes",
                "these projects even turn into conference papers!) The exercises at the end of each chapter",
                "contain numerous suggestions for smaller mid-term projects, as well as more open-ended",
                "problems whose solutions are still active research topics. Wherever possible, I encourage",
                "students to try their algorithms on their own personal photographs, since this better motivates",
                "them, often leads to creative variants on the problems, and better acquaints them with the",
                "variety and complexity of real-world imagery.",
                "In formulating and solving computer vision problems, I have often found it useful to draw",
                "inspiration from three high-level approaches:");
        assertThat(seen).allSatisfy(o -> assertThat(o.score()).isGreaterThan(0.95));
    }

    @Test
    void readsTheLargerPrintOnAPhotographOfACircuitBoardWhenScaledUp() throws Exception {
        Path photo = OPENCV_DATA.resolve("board.jpg");
        assumeTrue(Files.isRegularFile(photo), "Debian package opencv-doc is not installed");

        List<String> read;
        try (PpOcr closeUp = PpOcr.open(ModelCatalog.load(), ModelStore.fromEnvironment(), EngineOptions.defaults(),
                OcrSettings.defaults().withDetectionMinSide(736))) {
            read = closeUp.observe(TextImages.read(photo)).stream().map(Observation::label).toList();
        }

        // 640 × 480, print 6–12 px high. Read exactly: the FCC notice's last line, the amplifier chip's
        // type and four capacitor labels. Misread as of this writing: "Tested To Compl(y)", "With FCC
        // Stand(ard)o", "GREATIVE" for CREATIVE (a C on a chip in glare), "R4O"; the 4–6 px labels are
        // not found at all.
        assertThat(read).contains("FOR HOME OR OFFICE USE", "TDA1517P", "C58", "C63", "C81", "C82")
                .containsSubsequence("FOR HOME OR OFFICE USE", "TDA1517P", "C58", "C81");
    }

    @Test
    void readsTopToBottomThenLeftToRightAndBoxesTheText() {
        BufferedImage image = new BufferedImage(640, 360, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(new Color(240, 240, 235));
        g.fillRect(0, 0, 640, 360);
        g.setColor(Color.BLACK);
        g.setFont(new Font("SansSerif", Font.BOLD, 40));
        g.drawString("LIFT", 420, 90);       // same row as WAY, but to its right and drawn first
        g.drawString("WAY", 60, 96);
        g.drawString("Level 3", 60, 260);
        g.dispose();

        List<Observation> seen = ocr.observe(TextImages.frame(image));

        assertThat(seen).extracting(Observation::label).containsExactly("WAY", "LIFT", "Level 3");
        Box way = seen.get(0).box();
        // "WAY" at 40 px: baseline 96, so roughly x 60..150, y 66..96 in a 640 × 360 frame.
        assertThat(way.x()).isBetween(40 / 640.0, 62 / 640.0);
        assertThat(way.x() + way.width()).isBetween(140 / 640.0, 175 / 640.0);
        assertThat(way.y()).isBetween(50 / 360.0, 70 / 360.0);
        assertThat(way.y() + way.height()).isBetween(94 / 360.0, 115 / 360.0);
        assertThat(seen.get(1).box().x()).isGreaterThan(400 / 640.0);
        assertThat(seen.get(2).box().y()).isGreaterThan(200 / 360.0);
    }

    @Test
    void aBlankFrameHoldsNoText() {
        CameraFrame grey = sign("", "SansSerif", Font.PLAIN, 12, Color.BLACK, new Color(128, 128, 128), 640, 480);
        CameraFrame black = sign("", "SansSerif", Font.PLAIN, 12, Color.BLACK, Color.BLACK, 320, 240);

        assertThat(ocr.observe(grey)).isEmpty();
        assertThat(ocr.observe(black)).isEmpty();
    }

    @Test
    void aOnePixelFrameIsRefusedInOneLine() {
        CameraFrame dot = new CameraFrame(0, 0, "camera", 1, 1, new byte[3]);

        assertThatThrownBy(() -> ocr.observe(dot)).isInstanceOf(VisionException.class)
                .hasMessage("ocr: a 1 × 1 frame is too small to hold text (at least 8 × 8 pixels)");
    }

    @Test
    void pixelsThatDoNotFillTheFrameAreRefusedInOneLine() {
        CameraFrame torn = new CameraFrame(0, 0, "camera", 64, 48, new byte[100]);

        assertThatThrownBy(() -> ocr.observe(torn)).isInstanceOf(VisionException.class)
                .hasMessage("ocr: a 64 × 48 frame needs 9216 bytes of RGB, got 100");
    }

    @Test
    void aFailedModelRunIsOneLineNamingTheEngineAndTheStage() {
        Engine failing = new Engine() {
            @Override public String model() { return "ppocr-v4-det"; }
            @Override public String backend() { return "test"; }
            @Override public Map<String, TensorSpec> inputs() {
                return Map.of("x", new TensorSpec("x", DType.FLOAT32, new long[] {-1, 3, -1, -1}));
            }
            @Override public Map<String, TensorSpec> outputs() { return Map.of(); }
            @Override public Map<String, Tensor> run(Map<String, Tensor> in) throws EngineException {
                throw new EngineException("model 'ppocr-v4-det': run failed: out of memory");
            }
            @Override public void runInto(Map<String, Tensor> in, Map<String, Tensor> out) throws EngineException {
                run(in);
            }
            @Override public void close() { }
        };
        PpOcr broken = new PpOcr(failing, failing, new CtcAlphabet(List.of("a")), OcrSettings.defaults(),
                Resample.ChannelOrder.BGR);

        assertThatThrownBy(() -> broken.observe(sign("EXIT", "SansSerif", Font.BOLD, 40, Color.WHITE, SIGN_GREEN, 200, 80)))
                .isInstanceOf(VisionException.class)
                .hasMessage("ocr: text detection failed on a 200 × 80 frame: model 'ppocr-v4-det': run failed: out of memory");
    }

    @Test
    void aClosedEngineSaysSo() {
        PpOcr closed = PpOcr.open();
        closed.close();
        closed.close();

        assertThatThrownBy(() -> closed.observe(sign("EXIT", "SansSerif", Font.BOLD, 40, Color.WHITE, SIGN_GREEN, 200, 80)))
                .isInstanceOf(VisionException.class).hasMessage("ocr: the engine is closed");
    }

    @Test
    void isCalledOcr() {
        assertThat(ocr.name()).isEqualTo("ocr");
    }
}
