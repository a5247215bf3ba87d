package dev.vigil.ros.camera;

import dev.vigil.agent.clock.WallClock;
import dev.vigil.agent.message.CameraFrame;
import dev.vigil.ros.testing.CyclonePeer;
import dev.vigil.ros.testing.RosGraph;
import dev.vigil.ros.testing.Waiting;
import dev.vigil.ros.transport.InputProblems;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code sensor_msgs/CompressedImage} from the C peer (Cyclone DDS), as image_transport's compressed plugin
 * publishes it: a whole JPEG or PNG file per message. Pictures made here with the JDK's encoders, real
 * photographs (Debian's opencv-doc, which ./vigil test installs), and each kind of bad compressed image.
 */
class RosCameraInCompressedTest {

    @RegisterExtension
    static final RosGraph ROS = new RosGraph("vigil_compressed_test");
    private static final Path PHOTOS = Path.of("/usr/share/doc/opencv-doc/examples/data");

    @TempDir
    Path dir;

    private final List<CameraFrame> frames = new CopyOnWriteArrayList<>();
    private final List<String> problems = new CopyOnWriteArrayList<>();
    private final InputProblems counted = new InputProblems("test camera", (kind, line) -> problems.add(kind + ": " + line));
    private final List<RosCameraIn> opened = new ArrayList<>();


    @AfterEach
    void closeCameras() {
        opened.forEach(RosCameraIn::close);
    }

    @ParameterizedTest
    @ValueSource(strings = {"rgb", "grey", "rgba", "palette"})
    void aPngArrivesAsItsExactPixels(String kind) throws Exception {
        BufferedImage picture = switch (kind) {
            case "rgb" -> picture(BufferedImage.TYPE_3BYTE_BGR);
            case "grey" -> picture(BufferedImage.TYPE_BYTE_GRAY);
            case "rgba" -> translucent(picture(BufferedImage.TYPE_4BYTE_ABGR));
            default -> picture(BufferedImage.TYPE_BYTE_INDEXED);
        };
        Path png = dir.resolve(kind + ".png");
        assertThat(ImageIO.write(picture, "png", png.toFile())).isTrue();
        receive("/vigil_png_" + kind, png, "bgr8; png compressed bgr8", 3);
        assertThat(problems).isEmpty();
        assertThat(frames).hasSize(3).allSatisfy(f -> assertThat(differences(f, picture, kind.equals("grey"))).isZero());
        assertThat(frames.get(0).frameId()).isEqualTo("camera");
    }

    @Test
    void aJpegArrivesAsTheJdkDecodesItAndCloseToThePicture() throws Exception {
        BufferedImage picture = picture(BufferedImage.TYPE_3BYTE_BGR);
        Path jpeg = dir.resolve("picture.jpg");
        assertThat(ImageIO.write(picture, "jpeg", jpeg.toFile())).isTrue();
        receive("/vigil_jpeg", jpeg, "rgb8; jpeg compressed bgr8", 3);
        assertThat(problems).isEmpty();
        BufferedImage decoded = ImageIO.read(jpeg.toFile());
        assertThat(frames).hasSize(3).allSatisfy(f -> {
            assertThat(differences(f, decoded, false)).isZero();
            assertThat(meanAbsoluteError(f, picture)).as("JPEG at the JDK's default quality").isLessThan(3.0);
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"messi5.jpg", "left01.jpg", "basketball1.png", "fruits.jpg"})
    void aRealPhotographArrivesAsTheJdkDecodesIt(String name) throws Exception {
        Path photo = PHOTOS.resolve(name);
        assertThat(photo).as("Debian's opencv-doc (./vigil test installs it)").exists();
        receive("/vigil_photo_" + name.replace('.', '_'), photo, name.endsWith(".png") ? "png" : "jpeg", 3);
        assertThat(problems).isEmpty();
        BufferedImage decoded = ImageIO.read(photo.toFile());
        boolean grey = decoded.getColorModel().getNumColorComponents() == 1;
        assertThat(frames).hasSize(3).allSatisfy(f -> {
            assertThat(f.width()).isEqualTo(decoded.getWidth());
            assertThat(f.height()).isEqualTo(decoded.getHeight());
            assertThat(differences(f, decoded, grey)).isZero();
        });
    }

    @Test
    void aJpegCutShortIsUndecodableAndTheStreamGoesOn() throws Exception {
        Path jpeg = dir.resolve("picture.jpg");
        ImageIO.write(picture(BufferedImage.TYPE_3BYTE_BGR), "jpeg", jpeg.toFile());
        byte[] whole = Files.readAllBytes(jpeg);
        Path cut = dir.resolve("cut.jpg");
        Files.write(cut, Arrays.copyOf(whole, whole.length / 2));
        badThenGood("/vigil_jpeg_cut", cut, "jpeg", "undecodable", "undecodable: test camera: compressed image (format "
                + "\"jpeg\", " + whole.length / 2 + " bytes) does not decode: ");
    }

    @Test
    void bytesOfNoImageFormatAreUndecodable() throws Exception {
        byte[] noise = new byte[5000];
        new Random(7).nextBytes(noise);
        noise[0] = 0x42;   // not a JPEG, PNG, GIF or BMP signature
        Path file = dir.resolve("noise.jpg");
        Files.write(file, noise);
        badThenGood("/vigil_noise", file, "rgb8; jpeg compressed bgr8", "undecodable",
                "undecodable: test camera: compressed image (format \"rgb8; jpeg compressed bgr8\", 5000 bytes) does not "
                        + "decode: no image format has this signature");
    }

    @Test
    void aCompressedDepthImageIsAnUnsupportedFormat() throws Exception {
        Path png = dir.resolve("depth.png");
        ImageIO.write(picture(BufferedImage.TYPE_USHORT_GRAY), "png", png.toFile());
        badThenGood("/vigil_depth", png, "16UC1; compressedDepth png", "unsupported_format",
                "unsupported_format: test camera: format \"16UC1; compressedDepth png\" is a depth image "
                        + "(compressed_depth_image_transport), not a picture");
    }

    @Test
    void anImageOverThePixelBoundIsRefusedFromItsHeaderAlone() throws Exception {
        // 3841 × 2160 one colour: 8.3 million pixels in a few kilobytes of PNG.
        Path png = dir.resolve("huge.png");
        ImageIO.write(new BufferedImage(3841, 2160, BufferedImage.TYPE_BYTE_GRAY), "png", png.toFile());
        badThenGood("/vigil_huge", png, "png", "too_large",
                "too_large: test camera: compressed image of 3841 × 2160 pixels dropped: over the 8294400 a frame may have");
    }

    /** Three bad images, each counted (the first logged), then three good ones that come through. */
    private void badThenGood(String topic, Path bad, String format, String kind, String firstLine) throws Exception {
        RosCameraIn in = receive(topic, bad, format, 0);
        Waiting.until(() -> in.received() >= 3 && counted.counts().getOrDefault(kind, 0L) >= 3, 3);
        assertThat(frames).isEmpty();
        assertThat(counted.counts()).containsExactlyEntriesOf(Map.of(kind, 3L));
        assertThat(problems.get(0)).startsWith(firstLine);
        Path good = dir.resolve("good.png");
        ImageIO.write(picture(BufferedImage.TYPE_3BYTE_BGR), "png", good.toFile());
        try (CyclonePeer peer = CyclonePeer.start(ROS.domain(), "pub-compressed", topic, good.toString(), "png", "3", "100")) {
            assertThat(peer.await(30)).as(peer.errors()).isZero();
        }
        Waiting.until(() -> frames.size() >= 3, 3);
        assertThat(frames).hasSize(3);
        assertThat(counted.counts()).containsExactlyEntriesOf(Map.of(kind, 3L));
    }

    /** Opens a camera on the compressed topic and has the peer publish {@code file} three times. */
    private RosCameraIn receive(String topic, Path file, String format, int expected) throws Exception {
        RosCameraIn in = RosCameraIn.open(ROS.transport(), null, topic, new WallClock(), frames::add, counted);
        opened.add(in);
        try (CyclonePeer peer = CyclonePeer.start(ROS.domain(), "pub-compressed", topic, file.toString(), format, "3", "100")) {
            assertThat(peer.await(30)).as(peer.errors()).isZero();
        }
        Waiting.until(() -> frames.size() >= expected && in.received() >= 3, 3);
        return in;
    }

    /** A 320 × 240 picture with smooth gradients, hard edges and fine detail, in the given image type. */
    private static BufferedImage picture(int type) {
        BufferedImage image = new BufferedImage(320, 240, type);
        Graphics2D g = image.createGraphics();
        for (int y = 0; y < 240; y++) {
            g.setColor(new Color(40 + y / 2, 90 + y / 4, 200 - y / 2));
            g.drawLine(0, y, 319, y);
        }
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(new Color(220, 60, 40));
        g.fillOval(40, 50, 120, 120);
        g.setColor(new Color(30, 160, 70));
        g.fillRect(190, 120, 90, 80);
        g.setColor(Color.WHITE);
        g.drawString("vigil 42", 200, 60);
        g.dispose();
        return image;
    }

    /** Varies the alpha channel: it must not leak into the frame's colours. */
    private static BufferedImage translucent(BufferedImage image) {
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                image.getRaster().setSample(x, y, 3, (x * 7 + y) & 255);
            }
        }
        return image;
    }

    /**
     * Pixels of the frame that differ from the image's: its sRGB colours ({@code getRGB}), or for a grey image
     * its grey levels as stored (which {@code getRGB} would take for linear light and brighten).
     */
    private static long differences(CameraFrame f, BufferedImage image, boolean grey) {
        assertThat(f.width()).isEqualTo(image.getWidth());
        assertThat(f.height()).isEqualTo(image.getHeight());
        assertThat(f.rgb()).hasSize(f.width() * f.height() * 3);
        long wrong = 0;
        for (int y = 0; y < f.height(); y++) {
            for (int x = 0; x < f.width(); x++) {
                int level = grey ? image.getRaster().getSample(x, y, 0) : 0;
                int expected = grey ? level << 16 | level << 8 | level : image.getRGB(x, y) & 0xFFFFFF;
                if (f.rgbAt(x, y) != expected) {
                    wrong++;
                }
            }
        }
        return wrong;
    }

    private static double meanAbsoluteError(CameraFrame f, BufferedImage image) {
        long sum = 0;
        for (int y = 0; y < f.height(); y++) {
            for (int x = 0; x < f.width(); x++) {
                int a = f.rgbAt(x, y);
                int b = image.getRGB(x, y);
                for (int shift = 0; shift <= 16; shift += 8) {
                    sum += Math.abs((a >> shift & 255) - (b >> shift & 255));
                }
            }
        }
        return sum / (3.0 * f.width() * f.height());
    }
}
