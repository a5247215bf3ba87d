package dev.vigil.perception.vision.light;

import dev.vigil.agent.message.Box;
import dev.vigil.agent.message.CameraFrame;
import dev.vigil.agent.message.Observation;
import dev.vigil.perception.vision.VisionEngine;
import dev.vigil.perception.vision.VisionException;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Reads signal lights: finds the lit lamps in a frame and names each one's colour, {@code red},
 * {@code amber} or {@code green}. One {@link Observation} of kind {@link Observation.Kind#LIGHT} per lit
 * lamp, best first; none when no lamp is lit (a light that is off, or no light at all).
 * <p>
 * A lit lamp is a blob of bright, saturated pixels of one hue class that is about as wide as it is high,
 * fills most of its box (a disc fills 79 %, a digit's strokes far less) and is clearly brighter than a
 * thin ring just outside it (a lamp shines out of a dark housing; a red shirt in daylight does not). The
 * frame is first averaged down to at most {@value #WORK_SIDE} pixels on its longer side, so a 640 × 480
 * frame costs about a millisecond and a lamp must be some {@code 2 × (longer side / }{@value #WORK_SIDE}
 * {@code )} pixels across to be seen. The score is the blob's brightness and saturation (their geometric
 * mean) times a size confidence (full from {@value #FULL_DIAMETER} working pixels across) times its
 * roundness.
 * <p>
 * Hand-written rather than a detector model: a lit lamp is the brightest, most saturated thing around it,
 * which a few thresholds find in a millisecond with no download. Limits: a lamp whose centre the camera
 * saturates to white reads as a ring or not at all; arrows and pedestrian figures are not round enough;
 * a saturated, lit screen showing a filled disc reads as a lamp. Not thread-safe, as
 * {@link VisionEngine} allows.
 */
public final class LightReader implements VisionEngine {

    public static final String NAME = "light";
    /** The longer side the frame is averaged down to before looking. */
    static final int WORK_SIDE = 160;
    /** Brightness (HSV value, 0..1) and saturation a pixel needs to count as lit. */
    static final double MIN_VALUE = 0.55;
    static final double MIN_SATURATION = 0.45;
    /** The smallest blob, in working pixels: fewer cannot be told from noise. */
    static final int MIN_AREA = 5;
    /** The largest blob, as a share of the working frame: larger is a wall, a screen or a sign, not a lamp. */
    static final double MAX_AREA_SHARE = 0.12;
    /** The least share of its box a blob fills. */
    static final double MIN_FILL = 0.6;
    /** The most of its box a lamp fills at full resolution: a disc fills 79 %, a square 100 %. */
    static final double MAX_FILL = 0.9;
    /** The least share of the runs across a lamp's rows and columns that is lit: a ring or a digit has gaps. */
    static final double MIN_SOLIDITY = 0.92;
    /** The most a blob's box is longer one way than the other. */
    static final double MAX_ASPECT = 1.8;
    /** The ring's mean brightness may be at most this share of the blob's. */
    static final double MAX_SURROUND = 0.6;
    /** How far outside the blob's box the ring runs, in working pixels. */
    static final int RING = 2;
    /** Distances, in blob sizes, of the rings in which a lamp must not be enclosed by its own colour. */
    static final double[] ENCLOSED_AT = {0.5, 1.0};
    /** The share of such a ring lit in the blob's colour from which the blob is enclosed (a dot in a glyph). */
    static final double MAX_ENCLOSED = 0.25;
    /** The diameter, in working pixels, from which a blob's size no longer lowers its score. */
    static final double FULL_DIAMETER = 6;

    private static final String[] COLOURS = {null, "red", "amber", "green"};

    private boolean closed;

    public LightReader() {
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * The lit lamps in {@code frame}, best score first.
     *
     * @throws VisionException one line: pixels that do not fill the frame, or a closed engine
     */
    @Override
    public List<Observation> observe(CameraFrame frame) {
        if (closed) {
            throw new VisionException(NAME + ": the engine is closed");
        }
        int w = frame.width();
        int h = frame.height();
        if ((long) w * h * 3 != frame.rgb().length) {
            throw new VisionException(NAME + ": a " + w + " × " + h + " frame needs " + (long) w * h * 3
                    + " bytes of RGB, got " + frame.rgb().length);
        }
        int f = Math.max(1, (Math.max(w, h) + WORK_SIDE - 1) / WORK_SIDE);
        Work work = Work.of(frame, f);
        List<Observation> seen = new ArrayList<>();
        for (Blob blob : work.blobs()) {
            Observation o = judge(frame, work, blob, f, w, h);
            if (o != null) {
                seen.add(o);
            }
        }
        seen.sort(Comparator.comparingDouble(Observation::score).reversed());
        return seen;
    }

    /** The blob as a lamp, or null when it is not one. */
    private static Observation judge(CameraFrame frame, Work work, Blob b, int f, int w, int h) {
        int bw = b.maxX - b.minX + 1;
        int bh = b.maxY - b.minY + 1;
        if (b.area < MIN_AREA || b.area > MAX_AREA_SHARE * work.width * work.height) {
            return null;
        }
        if (Math.max(bw, bh) > MAX_ASPECT * Math.min(bw, bh)) {
            return null;
        }
        if ((double) b.area / (bw * bh) < MIN_FILL) {
            return null;
        }
        double value = b.sumValue / b.area;
        double ring = work.ringValue(b.minX - RING, b.minY - RING, b.maxX + RING, b.maxY + RING);
        if (Double.isNaN(ring) || ring > MAX_SURROUND * value) {
            return null;
        }
        // A dot inside a glyph (a slashed or dotted zero) is a disc too, but ringed by more of its colour.
        for (double out : ENCLOSED_AT) {
            int m = Math.max(RING + 1, (int) Math.round(out * Math.max(bw, bh)));
            if (work.share(b.colour, b.minX - m, b.minY - m, b.maxX + m, b.maxY + m) >= MAX_ENCLOSED) {
                return null;
            }
        }
        double fill = Shape.of(frame, b.colour, (b.minX - 1) * f, (b.minY - 1) * f, (b.maxX + 2) * f, (b.maxY + 2) * f)
                .discFill();
        if (Double.isNaN(fill)) {
            return null;
        }
        double saturation = b.sumSaturation / b.area;
        double diameter = Math.sqrt(4 * b.area / Math.PI);
        double score = Math.sqrt(value * saturation) * Math.min(1, diameter / FULL_DIAMETER)
                * Math.min(1, fill / (Math.PI / 4));
        return new Observation(Observation.Kind.LIGHT, COLOURS[b.colour], Math.max(0, Math.min(1, score)),
                Box.ofPixels(b.minX * f, b.minY * f, (b.maxX + 1) * f, (b.maxY + 1) * f, w, h));
    }

    /** Hue class of a lit pixel: 1 red, 2 amber, 3 green, 0 none (blue, violet, or not lit). */
    static int colour(int r, int g, int b) {
        int max = Math.max(r, Math.max(g, b));
        int min = Math.min(r, Math.min(g, b));
        if (max < MIN_VALUE * 255 || max - min < MIN_SATURATION * max) {
            return 0;
        }
        double d = max - min;
        double hue;
        if (max == r) {
            hue = 60 * ((g - b) / d);
            if (hue < 0) {
                hue += 360;
            }
        } else if (max == g) {
            hue = 60 * ((b - r) / d + 2);
        } else {
            hue = 60 * ((r - g) / d + 4);
        }
        if (hue < 15 || hue >= 340) {
            return 1;
        }
        if (hue < 62) {
            return 2;
        }
        return hue >= 75 && hue < 180 ? 3 : 0;
    }

    /**
     * A blob's lit pixels at full resolution, within a region: a lamp is a disc there, where averaging
     * has not yet merged a digit's strokes or a pupil into a solid patch.
     */
    private record Shape(int count, int width, int height, long rowSpans, long columnSpans) {

        static Shape of(CameraFrame frame, int colour, int x0, int y0, int x1, int y1) {
            int left = Math.max(0, x0);
            int top = Math.max(0, y0);
            int right = Math.min(frame.width(), x1);
            int bottom = Math.min(frame.height(), y1);
            int cols = right - left;
            int[] colFirst = new int[Math.max(0, cols)];
            int[] colLast = new int[Math.max(0, cols)];
            java.util.Arrays.fill(colFirst, -1);
            byte[] rgb = frame.rgb();
            int count = 0;
            long rowSpans = 0;
            int minX = Integer.MAX_VALUE;
            int maxX = -1;
            int minY = Integer.MAX_VALUE;
            int maxY = -1;
            for (int y = top; y < bottom; y++) {
                int first = -1;
                int last = -1;
                for (int x = left; x < right; x++) {
                    int p = 3 * (y * frame.width() + x);
                    if (colour(rgb[p] & 0xFF, rgb[p + 1] & 0xFF, rgb[p + 2] & 0xFF) != colour) {
                        continue;
                    }
                    count++;
                    if (first < 0) {
                        first = x;
                    }
                    last = x;
                    int c = x - left;
                    if (colFirst[c] < 0) {
                        colFirst[c] = y;
                    }
                    colLast[c] = y;
                }
                if (first >= 0) {
                    rowSpans += last - first + 1;
                    minX = Math.min(minX, first);
                    maxX = Math.max(maxX, last);
                    minY = Math.min(minY, y);
                    maxY = y;
                }
            }
            long columnSpans = 0;
            for (int c = 0; c < cols; c++) {
                if (colFirst[c] >= 0) {
                    columnSpans += colLast[c] - colFirst[c] + 1;
                }
            }
            return new Shape(count, maxX - minX + 1, maxY - minY + 1, rowSpans, columnSpans);
        }

        /**
         * The share of its box the shape fills, when it is disc-like: about as wide as high, neither
         * hollow nor notched (every row and every column one run, but for a few pixels), and not a
         * square; NaN otherwise.
         */
        double discFill() {
            if (count == 0 || Math.max(width, height) > MAX_ASPECT * Math.min(width, height)) {
                return Double.NaN;
            }
            double fill = (double) count / ((long) width * height);
            boolean solid = count >= MIN_SOLIDITY * rowSpans && count >= MIN_SOLIDITY * columnSpans;
            return solid && fill >= MIN_FILL && fill <= MAX_FILL ? fill : Double.NaN;
        }
    }

    /** A connected set of working pixels of one colour class. */
    private static final class Blob {
        final int colour;
        int area;
        int minX = Integer.MAX_VALUE;
        int minY = Integer.MAX_VALUE;
        int maxX = -1;
        int maxY = -1;
        double sumValue;
        double sumSaturation;

        Blob(int colour) {
            this.colour = colour;
        }
    }

    /** The frame averaged down: each pixel's brightness, saturation and colour class. */
    private static final class Work {
        final int width;
        final int height;
        final float[] value;
        final float[] saturation;
        final byte[] colour;

        private Work(int width, int height) {
            this.width = width;
            this.height = height;
            this.value = new float[width * height];
            this.saturation = new float[width * height];
            this.colour = new byte[width * height];
        }

        /** {@code frame} averaged over {@code f × f} blocks (the last row and column over what is left). */
        static Work of(CameraFrame frame, int f) {
            int w = frame.width();
            int h = frame.height();
            Work work = new Work((w + f - 1) / f, (h + f - 1) / f);
            byte[] rgb = frame.rgb();
            int[] sums = new int[3 * work.width];
            for (int wy = 0; wy < work.height; wy++) {
                java.util.Arrays.fill(sums, 0);
                int y1 = Math.min(h, (wy + 1) * f);
                for (int y = wy * f; y < y1; y++) {
                    int row = 3 * y * w;
                    for (int x = 0; x < w; x++) {
                        int at = 3 * (x / f);
                        int p = row + 3 * x;
                        sums[at] += rgb[p] & 0xFF;
                        sums[at + 1] += rgb[p + 1] & 0xFF;
                        sums[at + 2] += rgb[p + 2] & 0xFF;
                    }
                }
                int rows = y1 - wy * f;
                for (int wx = 0; wx < work.width; wx++) {
                    int n = rows * (Math.min(w, (wx + 1) * f) - wx * f);
                    int r = sums[3 * wx] / n;
                    int g = sums[3 * wx + 1] / n;
                    int b = sums[3 * wx + 2] / n;
                    int max = Math.max(r, Math.max(g, b));
                    int min = Math.min(r, Math.min(g, b));
                    int i = wy * work.width + wx;
                    work.value[i] = max / 255f;
                    work.saturation[i] = max == 0 ? 0 : (max - min) / (float) max;
                    work.colour[i] = (byte) colour(r, g, b);
                }
            }
            return work;
        }

        /** The 8-connected blobs of lit pixels of one colour. */
        List<Blob> blobs() {
            List<Blob> out = new ArrayList<>();
            boolean[] taken = new boolean[colour.length];
            int[] stack = new int[colour.length];
            for (int start = 0; start < colour.length; start++) {
                if (colour[start] == 0 || taken[start]) {
                    continue;
                }
                Blob blob = new Blob(colour[start]);
                int top = 0;
                stack[top++] = start;
                taken[start] = true;
                while (top > 0) {
                    int i = stack[--top];
                    int x = i % width;
                    int y = i / width;
                    blob.area++;
                    blob.sumValue += value[i];
                    blob.sumSaturation += saturation[i];
                    blob.minX = Math.min(blob.minX, x);
                    blob.maxX = Math.max(blob.maxX, x);
                    blob.minY = Math.min(blob.minY, y);
                    blob.maxY = Math.max(blob.maxY, y);
                    for (int dy = -1; dy <= 1; dy++) {
                        int ny = y + dy;
                        if (ny < 0 || ny >= height) {
                            continue;
                        }
                        for (int dx = -1; dx <= 1; dx++) {
                            int nx = x + dx;
                            int j = ny * width + nx;
                            if (nx >= 0 && nx < width && !taken[j] && colour[j] == blob.colour) {
                                taken[j] = true;
                                stack[top++] = j;
                            }
                        }
                    }
                }
                out.add(blob);
            }
            return out;
        }

        /** The share of the border of the box (x0, y0)–(x1, y1), where it is inside the frame, lit in {@code colour}. */
        double share(int colour, int x0, int y0, int x1, int y1) {
            int lit = 0;
            int n = 0;
            for (int x = Math.max(0, x0); x <= Math.min(width - 1, x1); x++) {
                if (y0 >= 0) {
                    lit += this.colour[y0 * width + x] == colour ? 1 : 0;
                    n++;
                }
                if (y1 < height) {
                    lit += this.colour[y1 * width + x] == colour ? 1 : 0;
                    n++;
                }
            }
            for (int y = Math.max(0, y0 + 1); y <= Math.min(height - 1, y1 - 1); y++) {
                if (x0 >= 0) {
                    lit += this.colour[y * width + x0] == colour ? 1 : 0;
                    n++;
                }
                if (x1 < width) {
                    lit += this.colour[y * width + x1] == colour ? 1 : 0;
                    n++;
                }
            }
            return n == 0 ? 0 : (double) lit / n;
        }

        /** Mean brightness along the border of the box (x0, y0)–(x1, y1) where it is inside the frame; NaN if nowhere. */
        double ringValue(int x0, int y0, int x1, int y1) {
            double sum = 0;
            int n = 0;
            for (int x = Math.max(0, x0); x <= Math.min(width - 1, x1); x++) {
                if (y0 >= 0) {
                    sum += value[y0 * width + x];
                    n++;
                }
                if (y1 < height) {
                    sum += value[y1 * width + x];
                    n++;
                }
            }
            for (int y = Math.max(0, y0 + 1); y <= Math.min(height - 1, y1 - 1); y++) {
                if (x0 >= 0) {
                    sum += value[y * width + x0];
                    n++;
                }
                if (x1 < width) {
                    sum += value[y * width + x1];
                    n++;
                }
            }
            return n == 0 ? Double.NaN : sum / n;
        }
    }

    /** Nothing to release; observing after this fails. */
    @Override
    public void close() {
        closed = true;
    }
}
