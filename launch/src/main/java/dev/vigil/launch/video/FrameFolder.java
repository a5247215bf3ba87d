package dev.vigil.launch.video;

import dev.vigil.agent.message.CameraFrame;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A folder of PNG and JPEG images played as a video: in name order, image i at
 * {@code startS + i / fps}. Each image is decoded (ImageIO) when its turn comes. An image that does
 * not decode is rejected with one line and its slot stays empty; the rest play on.
 */
public final class FrameFolder implements Video {

    private final Path dir;
    private final List<Path> images;
    private final double fps;
    private final double startS;
    private final double endS;
    private final List<Shown> truth;

    private FrameFolder(Path dir, List<Path> images, double fps, double startS, double endS, List<Shown> truth) {
        this.dir = dir;
        this.images = images;
        this.fps = fps;
        this.startS = startS;
        this.endS = endS;
        this.truth = List.copyOf(truth);
    }

    /**
     * @param truth what the images show, on the scenario's timeline
     * @throws VideoException the folder does not exist, cannot be listed or holds no PNG or JPEG file
     */
    public static FrameFolder of(Path dir, double fps, double startS, double endS, List<Shown> truth)
            throws VideoException {
        return new FrameFolder(dir, images(dir), fps, startS, endS, truth);
    }

    /** The PNG and JPEG files of {@code dir}, in name order. */
    public static List<Path> images(Path dir) throws VideoException {
        if (!Files.isDirectory(dir)) {
            throw new VideoException(dir, "no such folder");
        }
        List<Path> images;
        try (Stream<Path> files = Files.list(dir)) {
            images = files.filter(f -> isImage(f) && Files.isRegularFile(f)).sorted().toList();
        } catch (IOException e) {
            throw new VideoException(dir, "cannot list it: " + e.getMessage());
        }
        if (images.isEmpty()) {
            throw new VideoException(dir, "no PNG or JPEG files (*.png, *.jpg, *.jpeg) in it");
        }
        return images;
    }

    private static boolean isImage(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".png") || name.endsWith(".jpg") || name.endsWith(".jpeg");
    }

    /** The images played, in order. */
    public List<Path> images() {
        return images;
    }

    /** Scenario seconds after the last image's slot. */
    public double endS() {
        return startS + images.size() / fps;
    }

    @Override
    public FrameStream open(Consumer<String> rejected) {
        return new FrameStream() {
            private int i;

            @Override
            public CameraFrame next() {
                while (i < images.size()) {
                    int k = i++;
                    double videoS = k / fps;
                    double t = startS + videoS;
                    if (t >= endS) {
                        i = images.size();
                        return null;
                    }
                    Path image = images.get(k);
                    String problem;
                    try {
                        BufferedImage decoded = ImageIO.read(image.toFile());
                        if (decoded != null) {
                            return new CameraFrame(Math.round(t * 1e9), Math.round(videoS * 1e9), "scenario",
                                    decoded.getWidth(), decoded.getHeight(), Rgb.of(decoded));
                        }
                        problem = "not a PNG or JPEG image";
                    } catch (IOException | RuntimeException e) {
                        // ImageIO throws its own and the JDK's exceptions for a damaged file alike.
                        problem = "broken image (" + oneLine(e) + ")";
                    }
                    rejected.accept(image + ": " + problem + "; frame " + k + " skipped");
                }
                return null;
            }

            @Override
            public void close() {
            }
        };
    }

    private static String oneLine(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.lines().findFirst().orElse(message).strip();
    }

    @Override
    public List<Shown> truth() {
        return truth;
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "%d images of %s at %s fps", images.size(), dir, fps);
    }
}
