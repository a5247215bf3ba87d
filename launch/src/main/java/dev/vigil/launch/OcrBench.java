package dev.vigil.launch;

import dev.vigil.agent.measure.Summary;
import dev.vigil.agent.message.CameraFrame;
import dev.vigil.agent.message.Observation;
import dev.vigil.engines.EngineOptions;
import dev.vigil.engines.models.ModelCatalog;
import dev.vigil.engines.models.ModelStore;
import dev.vigil.perception.vision.ocr.OcrSettings;
import dev.vigil.perception.vision.ocr.PpOcr;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.GraphicsEnvironment;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code vigil bench ocr}: how often {@link PpOcr} reads a display or a sign exactly, and how long one
 * image takes. The images are drawn from a seed: elevator-style floor displays (digits, B/P/G floors),
 * English signs and Chinese signs, in varied fonts, sizes, colours, backgrounds and positions, some with
 * sensor noise or a slight blur. Its phrases are its own, apart from the unit tests' (PpOcrTest), so
 * tuning against one does not pass the other. An image counts as read when the engine's lines, joined
 * by a space in reading order, are exactly the text drawn. Acceptance: at least 97 % read.
 */
final class OcrBench {

    static final double ACCEPTED = 0.97;
    static final long DEFAULT_SEED = 9_2026;

    enum Kind { DISPLAY, ENGLISH, CHINESE }

    /** One drawn image and what was drawn on it. */
    record Sample(int index, Kind kind, String text, String font, int style, int size, int width, int height,
                  double noise, boolean blur, CameraFrame frame, BufferedImage image) {

        String describe() {
            return String.format(Locale.ROOT, "%s %s%s %d px on %d × %d%s%s", kind.name().toLowerCase(Locale.ROOT),
                    font, style == Font.BOLD ? " bold" : style == Font.ITALIC ? " italic" : "", size, width, height,
                    noise > 0 ? String.format(Locale.ROOT, ", noise σ %.0f", noise) : "", blur ? ", blurred" : "");
        }
    }

    /** What the engine made of one sample. */
    record Reading(Sample sample, String read, double millis) {
        boolean exact() {
            return read.equals(sample.text());
        }
    }

    private static final String CJK = "WenQuanYi Zen Hei";
    private static final List<String> LATIN_FONTS = List.of("DejaVu Sans", "DejaVu Serif", "DejaVu Sans Mono",
            "DejaVu Sans Condensed", CJK);
    private static final List<String> CJK_FONTS = List.of(CJK, "WenQuanYi Zen Hei Mono", "WenQuanYi Zen Hei Sharp");
    private static final List<String> ENGLISH = List.of("OPEN", "CLOSED", "PUSH", "PULL", "LOBBY", "STAIRS",
            "Room 204", "Gate 7", "Level 5", "CAUTION", "Wet Floor", "Welcome", "Kitchen", "Office", "Charging",
            "Station 3", "Meeting Room", "Pharmacy", "Elevator", "Toilets", "Parking", "Staff Only", "Lab 2",
            "Ward C", "Library", "Cafe", "OUT OF ORDER", "Checkout", "Platform 4", "Door 11", "Aisle 9", "Waiting Area");
    private static final List<String> CHINESE = List.of("电梯", "前台", "洗手间", "楼梯", "停车场", "会客厅", "办公室",
            "小心地滑", "禁止通行", "餐厅在右边", "二楼", "3号门", "充电站", "药房", "急诊", "收银台", "图书馆", "实验室",
            "员工通道", "候车室", "出口在前方", "请排队", "会议室B", "5号电梯");
    private static final List<String> FLOOR_PREFIX = List.of("", "", "", "B", "P", "L");
    private static final Color[] LEDS = {new Color(255, 30, 10), new Color(255, 140, 0), new Color(40, 255, 80),
            new Color(240, 240, 255), new Color(80, 160, 255)};

    private OcrBench() {
    }

    /** The {@code count} images of {@code seed}: 35 % displays, 35 % English signs, 30 % Chinese signs. */
    static List<Sample> generate(long seed, int count) throws SetupException {
        Set<String> families = Set.of(GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames(Locale.ROOT));
        for (String family : CJK_FONTS) {
            if (!families.contains(family)) {
                throw new SetupException("font '" + family + "' is not installed (Debian package fonts-wqy-zenhei)");
            }
        }
        Random random = new Random(seed);
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            double pick = random.nextDouble();
            Kind kind = pick < 0.35 ? Kind.DISPLAY : pick < 0.70 ? Kind.ENGLISH : Kind.CHINESE;
            samples.add(draw(i, kind, random));
        }
        return samples;
    }

    private static Sample draw(int index, Kind kind, Random random) {
        String text;
        String font;
        int style;
        int size;
        Color ink;
        Color background;
        switch (kind) {
            case DISPLAY -> {
                String prefix = FLOOR_PREFIX.get(random.nextInt(FLOOR_PREFIX.size()));
                text = prefix + (prefix.isEmpty() ? 1 + random.nextInt(60) : 1 + random.nextInt(5));
                font = LATIN_FONTS.get(random.nextInt(LATIN_FONTS.size()));
                style = random.nextBoolean() ? Font.BOLD : Font.PLAIN;
                size = 28 + random.nextInt(60);
                ink = jitter(LEDS[random.nextInt(LEDS.length)], random, 20);
                int dark = random.nextInt(45);
                background = new Color(dark, dark, Math.min(255, dark + random.nextInt(20)));
            }
            case ENGLISH -> {
                text = ENGLISH.get(random.nextInt(ENGLISH.size()));
                font = LATIN_FONTS.get(random.nextInt(LATIN_FONTS.size()));
                style = new int[] {Font.PLAIN, Font.BOLD, Font.ITALIC}[random.nextInt(3)];
                size = 22 + random.nextInt(50);
                Color[] pair = contrasting(random);
                ink = pair[0];
                background = pair[1];
            }
            default -> {
                text = CHINESE.get(random.nextInt(CHINESE.size()));
                font = CJK_FONTS.get(random.nextInt(CJK_FONTS.size()));
                style = Font.PLAIN;
                size = 22 + random.nextInt(46);
                Color[] pair = contrasting(random);
                ink = pair[0];
                background = pair[1];
            }
        }
        BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D pg = probe.createGraphics();
        FontMetrics m = pg.getFontMetrics(new Font(font, style, size));
        pg.dispose();
        int textWidth = m.stringWidth(text);
        int left = 12 + random.nextInt(120);
        int top = 10 + random.nextInt(90);
        int width = Math.max(96, left + textWidth + 12 + random.nextInt(120));
        int height = Math.max(64, top + m.getHeight() + 10 + random.nextInt(90));
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(background);
        g.fillRect(0, 0, width, height);
        g.setColor(ink);
        g.setFont(new Font(font, style, size));
        g.drawString(text, left, top + m.getAscent());
        g.dispose();
        boolean blur = random.nextDouble() < 0.25;
        double noise = random.nextDouble() < 0.35 ? 3 + 9 * random.nextDouble() : 0;
        if (blur) {
            image = blurred(image);
        }
        if (noise > 0) {
            addNoise(image, noise, random);
        }
        return new Sample(index, kind, text, font, style, size, width, height, noise, blur, frame(image), image);
    }

    /** Ink and background at least 110 apart in luminance (0..255), either way round. */
    private static Color[] contrasting(Random random) {
        while (true) {
            Color a = new Color(random.nextInt(256), random.nextInt(256), random.nextInt(256));
            Color b = new Color(random.nextInt(256), random.nextInt(256), random.nextInt(256));
            if (Math.abs(luminance(a) - luminance(b)) >= 110) {
                return new Color[] {a, b};
            }
        }
    }

    private static double luminance(Color c) {
        return 0.299 * c.getRed() + 0.587 * c.getGreen() + 0.114 * c.getBlue();
    }

    private static Color jitter(Color c, Random random, int by) {
        return new Color(clamp(c.getRed() + random.nextInt(2 * by + 1) - by),
                clamp(c.getGreen() + random.nextInt(2 * by + 1) - by), clamp(c.getBlue() + random.nextInt(2 * by + 1) - by));
    }

    private static int clamp(double v) {
        return (int) Math.max(0, Math.min(255, Math.round(v)));
    }

    /** A 3 × 3 binomial blur: about what a slightly defocused camera does to text. */
    private static BufferedImage blurred(BufferedImage in) {
        int w = in.getWidth();
        int h = in.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int[] k = {1, 2, 1};
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int r = 0;
                int gr = 0;
                int b = 0;
                for (int dy = -1; dy <= 1; dy++) {
                    for (int dx = -1; dx <= 1; dx++) {
                        int p = in.getRGB(Math.max(0, Math.min(w - 1, x + dx)), Math.max(0, Math.min(h - 1, y + dy)));
                        int weight = k[dx + 1] * k[dy + 1];
                        r += weight * (p >> 16 & 0xFF);
                        gr += weight * (p >> 8 & 0xFF);
                        b += weight * (p & 0xFF);
                    }
                }
                out.setRGB(x, y, (r / 16) << 16 | (gr / 16) << 8 | b / 16);
            }
        }
        return out;
    }

    private static void addNoise(BufferedImage image, double sigma, Random random) {
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int p = image.getRGB(x, y);
                int r = clamp((p >> 16 & 0xFF) + sigma * random.nextGaussian());
                int g = clamp((p >> 8 & 0xFF) + sigma * random.nextGaussian());
                int b = clamp((p & 0xFF) + sigma * random.nextGaussian());
                image.setRGB(x, y, r << 16 | g << 8 | b);
            }
        }
    }

    private static CameraFrame frame(BufferedImage image) {
        return dev.vigil.perception.vision.Images.frame(image);
    }

    /**
     * Reads every sample once after three untimed warm-up reads, printing each miss; writes every image
     * as PNG into {@code images} when given (names say read or miss).
     */
    static List<Reading> run(List<Sample> samples, PpOcr ocr, Path images, PrintStream out) throws IOException {
        for (int i = 0; i < Math.min(3, samples.size()); i++) {
            ocr.observe(samples.get(i).frame());
        }
        if (images != null) {
            Files.createDirectories(images);
        }
        List<Reading> readings = new ArrayList<>();
        for (Sample s : samples) {
            long start = System.nanoTime();
            List<Observation> seen = ocr.observe(s.frame());
            double millis = (System.nanoTime() - start) / 1e6;
            String read = seen.stream().map(Observation::label).collect(Collectors.joining(" "));
            Reading r = new Reading(s, read, millis);
            readings.add(r);
            if (!r.exact()) {
                out.printf(Locale.ROOT, "  miss #%d: \"%s\" read as \"%s\" (%s)%n", s.index(), s.text(), read, s.describe());
            }
            if (images != null) {
                ImageIO.write(s.image(), "png", images.resolve(String.format(Locale.ROOT, "%03d-%s.png", s.index(),
                        r.exact() ? "read" : "miss")).toFile());
            }
        }
        return readings;
    }

    /** Prints the read rate (overall and per kind) and latency; true when the acceptance holds. */
    static boolean summarise(List<Reading> readings, PrintStream out) {
        for (Kind kind : Kind.values()) {
            List<Reading> of = readings.stream().filter(r -> r.sample().kind() == kind).toList();
            long exact = of.stream().filter(Reading::exact).count();
            out.printf(Locale.ROOT, "  %-8s %3d/%3d read exactly%n", kind.name().toLowerCase(Locale.ROOT), exact, of.size());
        }
        long exact = readings.stream().filter(Reading::exact).count();
        double rate = readings.isEmpty() ? 0 : (double) exact / readings.size();
        Summary latency = Summary.of(readings.stream().map(Reading::millis).toList());
        out.printf(Locale.ROOT, "latency per image: median %.1f ms, p95 %.1f ms, max %.1f ms%n", latency.median(),
                latency.p95(), latency.max());
        out.printf(Locale.ROOT, "exact reads: %d/%d = %.1f %% (acceptance: at least %.0f %%: %s)%n", exact,
                readings.size(), 100 * rate, 100 * ACCEPTED, rate >= ACCEPTED ? "pass" : "FAIL");
        return rate >= ACCEPTED;
    }

    /** Opens the engine, draws, reads and summarises; exit status 0 when accepted, 1 when not. */
    static int bench(long seed, int count, int threads, OcrSettings settings, Path images, Path report, PrintStream out)
            throws Exception {
        List<Sample> samples = generate(seed, count);
        EngineOptions options = EngineOptions.defaults().withIntraOpThreads(threads);
        long opening = System.nanoTime();
        try (PpOcr ocr = PpOcr.open(ModelCatalog.load(), ModelStore.fromEnvironment(), options, settings)) {
            double openMillis = (System.nanoTime() - opening) / 1e6;
            out.printf(Locale.ROOT, "bench ocr: %d images from seed %d, models opened in %.0f ms, %d intra-op thread%s,"
                            + " frames scaled for detection to a shorter side of %d px, a longer side of at most %d px, %d cores,"
                            + " load %s (1, 5, 15 min)%n", count, seed, openMillis, threads,
                    threads == 1 ? "" : "s", settings.detectionMinSide(), settings.detectionLimit(),
                    Runtime.getRuntime().availableProcessors(),
                    WhisperBench.loadAverage());
            List<Reading> readings = run(samples, ocr, images, out);
            boolean accepted = summarise(readings, out);
            out.printf("load at the end: %s%n", WhisperBench.loadAverage());
            if (report != null) {
                ReportJson.write(figures(readings, seed, threads, settings, accepted), report);
            }
            return accepted ? Vigil.OK : Vigil.EXPECTATIONS_FAILED;
        }
    }

    static Map<String, Object> figures(List<Reading> readings, long seed, int threads, OcrSettings settings, boolean accepted) {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("bench", "ocr");
        figures.put("seed", seed);
        figures.put("images", readings.size());
        figures.put("intra_op_threads", threads);
        figures.put("detection_limit", settings.detectionLimit());
        figures.put("detection_min_side", settings.detectionMinSide());
        figures.put("cores", Runtime.getRuntime().availableProcessors());
        figures.put("load_at_end", WhisperBench.loadAverage());
        figures.put("exact", readings.stream().filter(Reading::exact).count());
        figures.put("latency_ms", Summary.of(readings.stream().map(Reading::millis).toList()));
        figures.put("accepted", accepted);
        figures.put("misses", readings.stream().filter(r -> !r.exact()).map(r -> Map.of("index", r.sample().index(),
                "text", r.sample().text(), "read", r.read(), "image", r.sample().describe())).toList());
        return figures;
    }
}
