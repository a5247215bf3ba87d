package dev.vigil.perception.vision.objects;

import dev.vigil.agent.message.CameraFrame;
import dev.vigil.engines.EngineOptions;
import dev.vigil.engines.models.ModelCatalog;
import dev.vigil.engines.models.ModelStore;
import dev.vigil.perception.vision.VisionEngine;
import dev.vigil.perception.vision.faces.BlazeFaceDetector;
import dev.vigil.perception.vision.faces.FaceSettings;
import dev.vigil.engines.opencv.OpenCvNatives;
import dev.vigil.perception.vision.ocr.OcrSettings;
import dev.vigil.perception.vision.ocr.PpOcr;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Benchmark, not part of the default test run (its name does not end in Test): how long {@code objects}
 * and {@code faces} take on one frame, on the test photographs and on one of them scaled to 1280 × 720, with
 * one OpenCV thread (the agent's default) and with two. Per engine and image: 3 runs to warm up, then 20
 * timed; median and 95th percentile of the wall time of {@code observe}, frame conversion included; and
 * {@code ocr}, the engine on by default before these, on the same frames for comparison (one thread). Also
 * the time to load OpenCV's natives and to open each engine (models already in the cache), and the process's
 * resident memory after each.
 * <pre>./mvnw -B -o verify -pl perception -am -Dtest=DetectorBench -Dsurefire.failIfNoSpecifiedTests=false</pre>
 */
@Tag("benchmark")
class DetectorBench {

    private static final int WARM_UP = 3;
    private static final int RUNS = 20;

    @Test
    void latencyPerEngineAndImage() throws Exception {
        System.out.printf("resident memory before OpenCV: %s%n", resident());
        long t0 = System.nanoTime();
        OpenCvNatives.load("bench");
        System.out.printf("%s, %d cores, %s %s, Java %s%n", Instant.now(), Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name"), System.getProperty("os.arch"), System.getProperty("java.version"));
        System.out.printf("OpenCV natives loaded in %.0f ms; resident memory %s%n", ms(System.nanoTime() - t0),
                resident());
        Map<String, CameraFrame> images = new LinkedHashMap<>();
        CameraFrame street = Photos.frame(Photos.TUTORIALS.resolve("Background_Subtraction_Tutorial_frame.jpg"));
        images.put("campus path 576x432", street);
        images.put("campus path scaled 1280x720", scaled(Photos.TUTORIALS.resolve("Background_Subtraction_Tutorial_frame.jpg"),
                1280, 720));
        images.put("man at desk 640x480", Photos.frame(Photos.SAMPLES.resolve("left06.jpg")));
        images.put("three portraits 1162x580", Photos.frame(Photos.TUTORIALS.resolve("example.jpg")));
        images.put("building 868x600", Photos.frame(Photos.SAMPLES.resolve("building.jpg")));
        // For comparison: the engine that is on by default already, on the same frames.
        bench("ocr", 1, () -> PpOcr.open(ModelCatalog.load(), ModelStore.fromEnvironment(), EngineOptions.defaults(),
                OcrSettings.defaults()), images);
        for (int threads : new int[] {1, 2}) {
            EngineOptions options = EngineOptions.defaults().withIntraOpThreads(threads);
            bench("objects", threads, () -> SsdObjectDetector.open(ModelCatalog.load(), ModelStore.fromEnvironment(),
                    options, ObjectSettings.defaults()), images);
            bench("faces", threads, () -> BlazeFaceDetector.open(ModelCatalog.load(), ModelStore.fromEnvironment(),
                    options, FaceSettings.defaults()), images);
        }
    }

    private static void bench(String name, int threads, Supplier<VisionEngine> open, Map<String, CameraFrame> images) {
        long t0 = System.nanoTime();
        try (VisionEngine engine = open.get()) {
            System.out.printf("%s, %d thread(s): opened in %.0f ms; resident memory %s%n", name, threads,
                    ms(System.nanoTime() - t0), resident());
            for (Map.Entry<String, CameraFrame> image : images.entrySet()) {
                double[] took = new double[RUNS];
                int found = 0;
                for (int i = 0; i < WARM_UP + RUNS; i++) {
                    long start = System.nanoTime();
                    found = engine.observe(image.getValue()).size();
                    if (i >= WARM_UP) {
                        took[i - WARM_UP] = ms(System.nanoTime() - start);
                    }
                }
                Arrays.sort(took);
                System.out.printf("  %-30s median %6.1f ms  p95 %6.1f ms  (%d seen)%n", image.getKey(),
                        took[RUNS / 2], took[(int) Math.ceil(RUNS * 0.95) - 1], found);
            }
        }
    }

    private static CameraFrame scaled(Path file, int w, int h) {
        CameraFrame original = Photos.frame(file);
        BufferedImage src = new BufferedImage(original.width(), original.height(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < original.height(); y++) {
            for (int x = 0; x < original.width(); x++) {
                src.setRGB(x, y, original.rgbAt(x, y));
            }
        }
        BufferedImage dst = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        var g = dst.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(src, 0, 0, w, h, null);
        g.dispose();
        byte[] rgb = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = dst.getRGB(x, y);
                int i = 3 * (y * w + x);
                rgb[i] = (byte) (p >> 16);
                rgb[i + 1] = (byte) (p >> 8);
                rgb[i + 2] = (byte) p;
            }
        }
        return new CameraFrame(0, 0, "", w, h, rgb);
    }

    /** The process's resident set (Linux), for what loading OpenCV and a model costs in memory. */
    private static String resident() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmRSS:"))
                    .map(l -> l.substring(6).strip()).findFirst().orElse("?");
        } catch (IOException e) {
            return "?";
        }
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
