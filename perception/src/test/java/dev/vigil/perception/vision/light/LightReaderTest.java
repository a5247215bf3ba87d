package dev.vigil.perception.vision.light;

import dev.vigil.agent.message.CameraFrame;
import dev.vigil.agent.message.Observation;
import dev.vigil.perception.vision.VisionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The light reader on signal heads drawn here with Java2D (their own geometry, colours and sizes, apart
 * from the scenario generator's, which launch's tests use) and on photographs by somebody else that
 * show no lit signal, from Debian's opencv-doc.
 */
class LightReaderTest {

    private static final Path OPENCV_DATA = Path.of("/usr/share/doc/opencv-doc/examples/data");
    private static final String BLOBS = "detect_blob.png";
    private static final Color RED = new Color(230, 30, 25);
    private static final Color AMBER = new Color(255, 160, 10);
    private static final Color GREEN = new Color(40, 220, 150);
    private static final Color HOUSING = new Color(25, 28, 22);

    private final LightReader reader = new LightReader();

    /**
     * A horizontal three-lamp head (red, amber, green from the left) on a grey sky, {@code lit} lit and
     * the others at a quarter of their brightness; {@code lit} null for none.
     */
    private static CameraFrame horizontalHead(Color lit, int width, int height, int lampRadius) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(new Color(150, 160, 175));
        g.fillRect(0, 0, width, height);
        int cx = width / 3;
        int cy = height / 4;
        int pitch = lampRadius * 5 / 2;
        g.setColor(HOUSING);
        g.fillRect(cx - pitch - lampRadius * 3 / 2, cy - lampRadius * 3 / 2, 2 * pitch + 3 * lampRadius, 3 * lampRadius);
        Color[] lamps = {RED, AMBER, GREEN};
        for (int i = 0; i < 3; i++) {
            Color c = lamps[i].equals(lit) ? lamps[i] : new Color(lamps[i].getRed() / 4, lamps[i].getGreen() / 4,
                    lamps[i].getBlue() / 4);
            g.setColor(c);
            int x = cx + (i - 1) * pitch;
            g.fillOval(x - lampRadius, cy - lampRadius, 2 * lampRadius, 2 * lampRadius);
        }
        g.dispose();
        return frame(image);
    }

    static Stream<Arguments> litLamps() {
        return Stream.of(
                Arguments.of(RED, "red", 640, 480, 40),
                Arguments.of(AMBER, "amber", 640, 480, 40),
                Arguments.of(GREEN, "green", 640, 480, 40),
                Arguments.of(GREEN, "green", 1280, 720, 20),
                Arguments.of(RED, "red", 320, 240, 8),
                Arguments.of(AMBER, "amber", 160, 120, 6));
    }

    @ParameterizedTest(name = "{1} at {2}×{3}, radius {4}")
    @MethodSource("litLamps")
    void namesTheColourOfTheOneLitLampWhereItIs(Color lit, String colour, int width, int height, int radius) {
        List<Observation> seen = reader.observe(horizontalHead(lit, width, height, radius));

        assertThat(seen).extracting(Observation::label).containsExactly(colour);
        Observation lamp = seen.get(0);
        assertThat(lamp.kind()).isEqualTo(Observation.Kind.LIGHT);
        assertThat(lamp.score()).isGreaterThan(0.6);
        int index = List.of("red", "amber", "green").indexOf(colour);
        double centreX = (width / 3 + (index - 1) * radius * 5 / 2) / (double) width;
        assertThat(lamp.box().x() + lamp.box().width() / 2).isCloseTo(centreX, org.assertj.core.data.Offset.offset(0.03));
        assertThat(lamp.box().y() + lamp.box().height() / 2).isCloseTo(0.25, org.assertj.core.data.Offset.offset(0.03));
    }

    @Test
    void aHeadWithNoLampLitShowsNothing() {
        assertThat(reader.observe(horizontalHead(null, 640, 480, 40))).isEmpty();
    }

    @Test
    void twoHeadsLitDifferentlyAreTwoObservations() {
        BufferedImage image = new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.BLACK);
        g.fillRect(0, 0, 640, 480);
        g.setColor(RED);
        g.fillOval(100, 100, 60, 60);
        g.setColor(GREEN);
        g.fillOval(450, 300, 30, 30);
        g.dispose();

        List<Observation> seen = reader.observe(frame(image));

        assertThat(seen).extracting(Observation::label).containsExactly("red", "green");
        assertThat(seen.get(0).score()).isGreaterThanOrEqualTo(seen.get(1).score());
    }

    /** An elevator's amber or green digits are bright and saturated too, but strokes, not discs. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"16", "108", "B2", "READY", "0"})
    void digitsOnALitDisplayAreNoLamp(String text) {
        for (Color ink : List.of(AMBER, GREEN, RED)) {
            for (int size : new int[] {60, 180, 320}) {
                BufferedImage image = new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB);
                Graphics2D g = image.createGraphics();
                g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
                g.setColor(new Color(12, 12, 14));
                g.fillRect(0, 0, 640, 480);
                g.setColor(ink);
                g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, size));
                int textWidth = g.getFontMetrics().stringWidth(text);
                g.drawString(text, (640 - textWidth) / 2, 240 + g.getFontMetrics().getAscent() / 3);
                g.dispose();

                assertThat(reader.observe(frame(image))).as("%s in %s at %d px", text, ink, size).isEmpty();
            }
        }
    }

    @Test
    void aWholeScreenOfOneColourIsNoLamp() {
        BufferedImage image = new BufferedImage(320, 240, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(GREEN);
        g.fillRect(0, 0, 320, 240);
        g.dispose();

        assertThat(reader.observe(frame(image))).isEmpty();
    }

    static Stream<String> photos() throws IOException {
        assumeTrue(Files.isDirectory(OPENCV_DATA), "Debian package opencv-doc is not installed");
        try (Stream<Path> files = Files.list(OPENCV_DATA)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.matches(".*\\.(jpg|png)"))
                    .filter(n -> !n.equals(BLOBS)).sorted().toList()
                    .stream();
        }
    }

    /** Photographs and drawings with no signal light in them: fruit, faces, buildings, boards, logos. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("photos")
    void photosWithoutASignalShowNoLitLamp(String name) throws IOException {
        BufferedImage image = ImageIO.read(OPENCV_DATA.resolve(name).toFile());
        assumeTrue(image != null, name + ": not an image ImageIO reads");

        List<Observation> seen = reader.observe(frame(image));

        assertThat(seen).isEmpty();
    }

    /**
     * OpenCV's blob-detector test card: filled green discs, squares, bars, an ellipse, a ring and a
     * cluster on black. Its round discs are, to a camera, lit green lamps: the three plain ones at least
     * are read so (the shaded and the pale one may be too, as may be a disc beside another green shape);
     * the other shapes never.
     */
    @Test
    void theBlobTestCardsDiscsReadAsGreenLampsAndNothingElse() throws IOException {
        Path card = OPENCV_DATA.resolve(BLOBS);
        assumeTrue(Files.isRegularFile(card), "Debian package opencv-doc is not installed");
        BufferedImage image = ImageIO.read(card.toFile());

        List<Observation> seen = reader.observe(frame(image));

        assertThat(seen).hasSizeBetween(3, 5).allSatisfy(o -> {
            assertThat(o.label()).isEqualTo("green");
            double w = o.box().width() * image.getWidth();
            double h = o.box().height() * image.getHeight();
            assertThat(w / h).as("a disc's box is square").isBetween(0.8, 1.25);
        });
    }

    @Test
    void aVgaFrameTakesAFewMilliseconds() {
        CameraFrame frame = horizontalHead(GREEN, 640, 480, 40);
        for (int i = 0; i < 50; i++) {
            reader.observe(frame);
        }
        long[] nanos = new long[101];
        for (int i = 0; i < nanos.length; i++) {
            long t0 = System.nanoTime();
            reader.observe(frame);
            nanos[i] = System.nanoTime() - t0;
        }
        Arrays.sort(nanos);
        double medianMs = nanos[nanos.length / 2] / 1e6;
        System.out.printf("light reader, 640 × 480: median %.2f ms%n", medianMs);
        assertThat(medianMs).isLessThan(10);
    }

    @Test
    void aFrameWhosePixelsDoNotFillItIsRefusedAndAClosedReaderRefusesAll() {
        assertThatThrownBy(() -> reader.observe(new CameraFrame(0, 0, "", 4, 4, new byte[10])))
                .isInstanceOf(VisionException.class).hasMessageContaining("light: a 4 × 4 frame needs 48 bytes");
        reader.close();
        reader.close();
        assertThatThrownBy(() -> reader.observe(horizontalHead(RED, 64, 48, 5)))
                .isInstanceOf(VisionException.class).hasMessage("light: the engine is closed");
    }

    private static CameraFrame frame(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
        byte[] rgb = new byte[w * h * 3];
        for (int i = 0; i < argb.length; i++) {
            rgb[3 * i] = (byte) (argb[i] >> 16);
            rgb[3 * i + 1] = (byte) (argb[i] >> 8);
            rgb[3 * i + 2] = (byte) argb[i];
        }
        return new CameraFrame(0, 0, "", w, h, rgb);
    }
}
