package dev.vigil.perception.vision.objects;

import dev.vigil.agent.message.Box;
import dev.vigil.agent.message.CameraFrame;
import dev.vigil.agent.message.Observation;
import dev.vigil.engines.EngineOptions;
import dev.vigil.engines.models.ModelCatalog;
import dev.vigil.engines.models.ModelFetchException;
import dev.vigil.engines.models.ModelFile;
import dev.vigil.engines.models.ModelStore;
import dev.vigil.perception.vision.VisionEngine;
import dev.vigil.perception.vision.VisionException;
import dev.vigil.perception.vision.objects.ssd.AnchorSpec;
import dev.vigil.perception.vision.objects.ssd.BoxDecoder;
import dev.vigil.perception.vision.objects.ssd.Detection;
import dev.vigil.perception.vision.objects.ssd.DetectorEngine;
import dev.vigil.perception.vision.objects.ssd.FrameTensor;
import dev.vigil.perception.vision.objects.ssd.NonMaxSuppression;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds objects of 24 everyday classes in camera frames: MediaPipe's SSD MobileNetV2 trained on Open
 * Images V4 (the detector of its Objectron solution), run by the engine layer (its TFLite model on the
 * {@code opencv-dnn} backend, OpenCV's DNN module). Model
 * {@value #MODEL} and its labels {@value #LABELS} in perception's {@code models.yaml}, cut from npm
 * {@code @mediapipe/objectron}'s packed asset file, fetched on first use and verified by SHA-256.
 * <p>
 * The classes: person, bicycle, car, vehicle, dog, cat, cattle, chair, table, desk, laptop, computer
 * monitor, computer mouse, book, box, bottle, mug, coffee cup, camera, stationary bicycle, footwear, boot,
 * high heel. Each object found is one {@link Observation} of kind {@link Observation.Kind#OBJECT}: its
 * class (lower case, singular), the class score and its box as fractions of the frame, best first.
 * <p>
 * As MediaPipe's graph does: the frame is stretched to 300 × 300 (no letterbox), RGB in [-1, 1]; the
 * 1917 boxes are decoded against SSD anchors generated as its {@code SsdAnchorsCalculator} with the
 * graph's options; each box takes its best class by sigmoid score, background excepted; boxes under
 * {@link ObjectSettings#minScore()} are dropped. Suppression differs: per class here (MediaPipe's is
 * across classes), so that a person sitting on a chair keeps both.
 * <p>
 * Cost: one fixed-size model run whatever the frame's size, 30-50 ms median on one core of this project's
 * busy 2-core x86-64 machines, a third of {@code ocr}'s (performance.md, "Object detector and faces").
 * Not thread-safe, as {@link VisionEngine} allows.
 */
public final class SsdObjectDetector implements VisionEngine {

    public static final String NAME = "objects";
    public static final String MODEL = "mediapipe-ssd-oidv4";
    public static final String LABELS = "mediapipe-ssd-oidv4-labels";
    /** A frame smaller than this on a side holds nothing the detector could make out. */
    static final int MIN_SIDE = 16;
    static final int INPUT = 300;
    static final int CLASSES = 24;
    /** The anchors of MediaPipe's {@code object_detection_oid_v4_cpu.pbtxt}: 1917 of them. */
    static final AnchorSpec ANCHORS = new AnchorSpec(INPUT, INPUT, 0.2f, 0.95f, 0.5f, 0.5f,
            List.of(16, 32, 64, 128, 256, 512), List.of(1.0f, 2.0f, 0.5f, 3.0f, 0.3333f), true, 1.0f, false);
    /** Each SSD layer's grid side and anchors per cell, as {@link #ANCHORS} lays them out. */
    private static final int[] GRIDS = {19, 10, 5, 3, 2, 1};
    private static final int[] PER_CELL = {3, 6, 6, 6, 6, 6};
    private static final String BOXES = "raw_outputs/box_encodings";
    private static final String SCORES = "raw_outputs/class_predictions";

    private final DetectorEngine engine;
    private final List<String> labels;
    private final BoxDecoder decoder;
    private final ObjectSettings settings;
    private final float minLogit;
    private boolean closed;

    private SsdObjectDetector(DetectorEngine engine, List<String> labels, BoxDecoder decoder, ObjectSettings settings) {
        this.engine = engine;
        this.labels = labels;
        this.decoder = decoder;
        this.settings = settings;
        double p = Math.min(Math.max(settings.minScore(), 1e-6), 1 - 1e-6);
        this.minLogit = (float) Math.log(p / (1 - p));
    }

    /**
     * Fetches (or finds in {@code store}'s cache) the model and its labels and opens the model.
     *
     * @throws VisionException one line naming the engine and what failed: a download, a checksum, no backend
     *                         that loads the model (OpenCV's natives, a file OpenCV cannot read)
     */
    public static SsdObjectDetector open(ModelCatalog catalog, ModelStore store, EngineOptions options,
                                         ObjectSettings settings) {
        ModelFile model;
        ModelFile labels;
        try {
            model = store.resolve(catalog.get(MODEL));
            labels = store.resolve(catalog.get(LABELS));
        } catch (ModelFetchException | RuntimeException e) {
            throw new VisionException(NAME + ": cannot load: " + e.getMessage(), e);
        }
        return open(model, labels, options, settings);
    }

    /** {@link #open(ModelCatalog, ModelStore, EngineOptions, ObjectSettings)} with the classpath's catalog,
     * the environment's model store, one thread and the default settings. */
    public static SsdObjectDetector open() {
        return open(ModelCatalog.load(), ModelStore.fromEnvironment(), EngineOptions.defaults(),
                ObjectSettings.defaults());
    }

    /**
     * Opens the model from files already on disk.
     *
     * @throws VisionException one line: a label file that cannot be read or does not name the model's 24
     *                         classes, no backend that loads the model
     */
    public static SsdObjectDetector open(ModelFile model, ModelFile labels, EngineOptions options,
                                         ObjectSettings settings) {
        List<String> names;
        try {
            names = LabelMap.read(labels.path());
        } catch (IOException e) {
            throw new VisionException(NAME + ": cannot read the labels " + labels.path() + ": " + e.getMessage(), e);
        }
        if (names.size() != CLASSES) {
            throw new VisionException(NAME + ": " + labels.name() + " names " + names.size() + " classes, the model has "
                    + CLASSES);
        }
        BoxDecoder decoder = new BoxDecoder(ANCHORS.anchors(), 4, false, 10, 10, 5, 5, true);
        DetectorEngine engine = DetectorEngine.open(NAME, model, options, INPUT, BOXES, decoder.boxes() * 4, SCORES,
                decoder.boxes() * CLASSES);
        return new SsdObjectDetector(engine, names, decoder, settings);
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * The objects in {@code frame}, best first.
     *
     * @throws VisionException one line naming the engine and the problem: a frame under {@value #MIN_SIDE}
     *                         × {@value #MIN_SIDE} pixels, pixels that do not fill the frame, a failed model
     *                         run, a closed engine
     */
    @Override
    public List<Observation> observe(CameraFrame frame) {
        if (closed) {
            throw new VisionException(NAME + ": the engine is closed");
        }
        FrameTensor.check(NAME, frame, MIN_SIDE);
        engine.runStretched(frame);
        float[] boxes = boxEncodings(engine.boxes());
        float[] logits = engine.scores();
        List<Detection> found = new ArrayList<>();
        for (int i = 0; i < decoder.boxes(); i++) {
            // The sigmoid is monotonic: pick the best class and threshold on logits, then one exp per box kept.
            int best = 1;
            float top = logits[i * CLASSES + 1];
            for (int c = 2; c < CLASSES; c++) {
                float logit = logits[i * CLASSES + c];
                if (logit > top) {
                    top = logit;
                    best = c;
                }
            }
            if (top >= minLogit) {
                found.add(decoder.decode(boxes, i, best, BoxDecoder.sigmoid(top)));
            }
        }
        List<Observation> seen = new ArrayList<>();
        for (Detection d : NonMaxSuppression.hard(found, (float) settings.maxOverlap(), true, settings.maxObjects())) {
            if (d.score() < settings.minScore()) {
                continue;
            }
            seen.add(new Observation(Observation.Kind.OBJECT, labels.get(d.classId()), d.score(),
                    Box.ofPixels(d.xMin(), d.yMin(), d.xMax(), d.yMax(), 1, 1)));
        }
        return seen;
    }

    /**
     * TFLite's {@code raw_outputs/box_encodings} (box, then y, x, h, w) from OpenCV's. OpenCV 4.9's TFLite
     * importer keeps each of the six box convolutions' outputs NCHW ({@code [anchors per cell × 4, g, g]})
     * where TFLite has them NHWC, reshapes that buffer to {@code [4, boxes]} and transposes it: its block
     * for a layer of {@code m} boxes holds, at {@code 4k + c}, value {@code c·m + k} of the convolution's
     * NCHW buffer (found on the model: each block a permutation of that convolution's output, and this
     * one matched it exactly). The class scores come out as TFLite's. Decoded this way the boxes equal
     * TensorFlow Lite 2.6's on the same input within 1e-4 (checked on the convolutions' own outputs).
     */
    private float[] boxEncodings(float[] opencv) {
        float[] boxes = new float[decoder.boxes() * 4];
        int first = 0;
        for (int l = 0; l < GRIDS.length; l++) {
            int cells = GRIDS[l] * GRIDS[l];
            int m = cells * PER_CELL[l];
            int block = first * 4;
            for (int cell = 0; cell < cells; cell++) {
                for (int a = 0; a < PER_CELL[l]; a++) {
                    int box = first + cell * PER_CELL[l] + a;
                    for (int c = 0; c < 4; c++) {
                        int nchw = (a * 4 + c) * cells + cell;
                        boxes[box * 4 + c] = opencv[block + 4 * (nchw % m) + nchw / m];
                    }
                }
            }
            first += m;
        }
        return boxes;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            engine.close();
        }
    }
}
