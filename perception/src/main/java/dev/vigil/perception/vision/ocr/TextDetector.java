package dev.vigil.perception.vision.ocr;

import dev.vigil.agent.message.CameraFrame;
import dev.vigil.engines.Engine;
import dev.vigil.engines.EngineException;
import dev.vigil.engines.Tensor;
import dev.vigil.perception.vision.ocr.Resample.ChannelOrder;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * PP-OCRv4 text detection: where the lines of text are. The frame is scaled so that its longer side is
 * at most {@link OcrSettings#detectionLimit()} and both sides are multiples of 32, normalised as
 * PaddleOCR's {@code NormalizeImage} does (ImageNet mean and standard deviation, B, G, R planes), and
 * the model's per-pixel text probability is turned into boxes by DB post-processing: threshold,
 * 8-connected components, the mean probability of each component's pixels as its score, and each box
 * grown by {@code area × unclip / perimeter} on every side, since the model marks a shrunk core of each
 * line. Boxes are axis-aligned: upright text is what a robot reads on displays and signs.
 * <p>
 * Two departures from PaddleOCR, each measured (docs/performance.md): a frame whose shorter side is
 * under {@link OcrSettings#detectionMinSide()} is scaled <em>up</em> to it (within the limit), because
 * the model finds nothing in small, noisy displays ("L4" in 31 px type on a 211 × 148 frame) and only
 * fragments of the small print in a 640 × 480 photograph; and a component is scored by its own pixels
 * rather than by its bounding box, whose empty corners put words with ascenders and descenders
 * ("Pharmacy", "Library" in large bold type, 0.54–0.58) under the 0.6 threshold.
 */
final class TextDetector {

    /**
     * PaddleOCR's det {@code NormalizeImage}, per plane: it applies ImageNet's R, G, B figures to the planes
     * of the B, G, R image OpenCV decoded, and the model was trained that way.
     */
    private static final float[] MEAN = {0.485f, 0.456f, 0.406f};
    private static final float[] STD = {0.229f, 0.224f, 0.225f};
    /** Components thinner than this, in probability-map pixels, are noise (PaddleOCR's {@code min_size}). */
    private static final int MIN_SIDE = 3;

    /** A detected line in frame pixels: left, top inclusive, right, bottom exclusive; score 0..1. */
    record Line(double left, double top, double right, double bottom, double score) {
        double width() {
            return right - left;
        }

        double height() {
            return bottom - top;
        }
    }

    private final Engine engine;
    private final String input;
    private final OcrSettings settings;
    private final ChannelOrder order;

    TextDetector(Engine engine, OcrSettings settings, ChannelOrder order) {
        this.engine = engine;
        this.input = engine.inputs().keySet().iterator().next();
        this.settings = settings;
        this.order = order;
    }

    /** Lines of text in {@code frame}, in no particular order. */
    List<Line> detect(CameraFrame frame) throws EngineException {
        int[] size = inputSize(frame.width(), frame.height(), settings.detectionLimit(), settings.detectionMinSide());
        int w = size[0];
        int h = size[1];
        float[] pixels = new float[3 * w * h];
        Resample.region(frame, 0, 0, frame.width(), frame.height(), w, h, pixels, w, order);
        int plane = w * h;
        for (int c = 0; c < 3; c++) {
            float scale = 1f / (255f * STD[c]);
            float shift = MEAN[c] / STD[c];
            for (int i = c * plane; i < (c + 1) * plane; i++) {
                pixels[i] = pixels[i] * scale - shift;
            }
        }
        Tensor x = Tensor.ofFloats(pixels, 1, 3, h, w);
        Tensor out = engine.run(Map.of(input, x)).values().iterator().next();
        float[] probability = new float[plane];
        FloatBuffer fb = out.floats();
        fb.get(probability);
        return joinWords(lines(probability, w, h, frame.width() / (double) w, frame.height() / (double) h, settings));
    }

    /**
     * Joins boxes that are words of one line. The model leaves a gap between words set far apart (large
     * bold type on a sign: "NO" and "ENTRY" come out as two boxes), and a sign read as two observations
     * is a sign misread. Two boxes are one line when they share most of their height, are of similar
     * height, and the gap between them is under {@value #WORD_GAP} of that height; a gap that wide is
     * more than a word space in any common font but less than the space between separate signs. A box
     * lying within the height of a bigger one joins it across a gap of up to {@value #CORE_GAP} of the
     * bigger one's height: the model often marks only a small core of a lone character after a word, so
     * the "9" of "Aisle 9" comes out a third of the word's height.
     */
    static List<Line> joinWords(List<Line> lines) {
        List<Line> joined = new ArrayList<>(lines);
        boolean changed = true;
        while (changed) {
            changed = false;
            search:
            for (int i = 0; i < joined.size(); i++) {
                for (int j = 0; j < joined.size(); j++) {
                    if (i != j && wordsOfOneLine(joined.get(i), joined.get(j))) {
                        Line a = joined.get(i);
                        Line b = joined.get(j);
                        double wa = a.width() * a.height();
                        double wb = b.width() * b.height();
                        Line both = new Line(Math.min(a.left(), b.left()), Math.min(a.top(), b.top()),
                                Math.max(a.right(), b.right()), Math.max(a.bottom(), b.bottom()),
                                (a.score() * wa + b.score() * wb) / (wa + wb));
                        joined.remove(Math.max(i, j));
                        joined.remove(Math.min(i, j));
                        joined.add(both);
                        changed = true;
                        break search;
                    }
                }
            }
        }
        return joined;
    }

    /** How wide a gap between two boxes may be, as a fraction of their height, for them to be one line. */
    static final double WORD_GAP = 0.5;
    /** The same for a smaller box lying within the height of the bigger one. */
    static final double CORE_GAP = 0.8;

    private static boolean wordsOfOneLine(Line left, Line right) {
        double low = Math.min(left.height(), right.height());
        double high = Math.max(left.height(), right.height());
        double shared = Math.min(left.bottom(), right.bottom()) - Math.max(left.top(), right.top());
        double gap = right.left() - left.right();
        if (left.left() > right.left()) {
            return false;
        }
        Line big = left.height() >= right.height() ? left : right;
        Line small = big == left ? right : left;
        boolean core = small.top() >= big.top() && small.bottom() <= big.bottom() && gap < CORE_GAP * big.height();
        return core || high < 1.5 * low && shared > 0.7 * low && gap < WORD_GAP * low;
    }

    /**
     * The model's input size for a {@code width × height} frame: scaled down so the longer side is at most
     * {@code limit}, or up so the shorter side is {@code minSide} as far as the limit allows, then each
     * side rounded to the nearest multiple of 32, at least 32.
     */
    static int[] inputSize(int width, int height, int limit, int minSide) {
        int longer = Math.max(width, height);
        int shorter = Math.min(width, height);
        double ratio = longer > limit ? (double) limit / longer : 1;
        if (shorter < minSide) {
            ratio = Math.min((double) minSide / shorter, (double) limit / longer);
        }
        int w = Math.max(32, (int) Math.round(width * ratio / 32) * 32);
        int h = Math.max(32, (int) Math.round(height * ratio / 32) * 32);
        return new int[] {w, h};
    }

    /** DB post-processing of a {@code w × h} probability map; {@code sx}, {@code sy} scale map to frame pixels. */
    static List<Line> lines(float[] probability, int w, int h, double sx, double sy, OcrSettings settings) {
        float threshold = (float) settings.pixelThreshold();
        int[] label = new int[w * h];
        int[] stack = new int[w * h];
        List<Line> lines = new ArrayList<>();
        int next = 0;
        for (int start = 0; start < label.length; start++) {
            if (label[start] != 0 || probability[start] <= threshold) {
                continue;
            }
            next++;
            int top = 0;
            stack[top++] = start;
            label[start] = next;
            int minX = w;
            int minY = h;
            int maxX = -1;
            int maxY = -1;
            while (top > 0) {
                int p = stack[--top];
                int px = p % w;
                int py = p / w;
                minX = Math.min(minX, px);
                maxX = Math.max(maxX, px);
                minY = Math.min(minY, py);
                maxY = Math.max(maxY, py);
                for (int dy = -1; dy <= 1; dy++) {
                    int ny = py + dy;
                    if (ny < 0 || ny >= h) {
                        continue;
                    }
                    for (int dx = -1; dx <= 1; dx++) {
                        int nx = px + dx;
                        if (nx < 0 || nx >= w) {
                            continue;
                        }
                        int q = ny * w + nx;
                        if (label[q] == 0 && probability[q] > threshold) {
                            label[q] = next;
                            stack[top++] = q;
                        }
                    }
                }
            }
            int bw = maxX - minX + 1;
            int bh = maxY - minY + 1;
            if (Math.min(bw, bh) < MIN_SIDE) {
                continue;
            }
            double sum = 0;
            int pixels = 0;
            for (int y = minY; y <= maxY; y++) {
                for (int x = minX; x <= maxX; x++) {
                    if (label[y * w + x] == next) {
                        sum += probability[y * w + x];
                        pixels++;
                    }
                }
            }
            double score = sum / pixels;
            if (score < settings.boxThreshold()) {
                continue;
            }
            double grow = bw * bh * settings.unclipRatio() / (2.0 * (bw + bh));
            if (Math.min(bw, bh) + 2 * grow < MIN_SIDE + 2) {
                continue;
            }
            lines.add(new Line(Math.max(0, (minX - grow) * sx), Math.max(0, (minY - grow) * sy),
                    Math.min(w, maxX + 1 + grow) * sx, Math.min(h, maxY + 1 + grow) * sy, score));
        }
        return lines;
    }
}
