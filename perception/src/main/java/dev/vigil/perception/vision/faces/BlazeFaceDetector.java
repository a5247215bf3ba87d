package dev.vigil.perception.vision.faces;

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

import java.util.ArrayList;
import java.util.List;

/**
 * Finds faces in camera frames: MediaPipe's BlazeFace short-range model (faces filling roughly a tenth of
 * the frame or more: people within about two metres of a robot's camera), run by the engine layer (its
 * TFLite model on the {@code opencv-dnn} backend, OpenCV's DNN module).
 * Model {@value #MODEL} in perception's {@code models.yaml}, from npm {@code @mediapipe/face_detection},
 * fetched on first use and verified by SHA-256.
 * <p>
 * Each face is one {@link Observation} of kind {@link Observation.Kind#FACE}, label {@code face}, with its
 * score and box as fractions of the frame, best first. The model's six key points (eyes, ears, nose,
 * mouth) are not reported.
 * <p>
 * As MediaPipe's graph does: the frame is fitted whole into 128 × 128 (letterboxed, black bars), RGB in
 * [-1, 1]; the 896 boxes are decoded against fixed-size anchors (4 layers, strides 8, 16, 16, 16); scores
 * are the sigmoid of logits clipped to ±100; boxes under {@link FaceSettings#minScore()} are dropped and
 * the rest merged by weighted suppression.
 * <p>
 * Cost: one small fixed-size model run, a few milliseconds. Not thread-safe, as {@link VisionEngine}
 * allows.
 */
public final class BlazeFaceDetector implements VisionEngine {

    public static final String NAME = "faces";
    public static final String MODEL = "blazeface-short-range";
    public static final String LABEL = "face";
    /** A frame smaller than this on a side holds no face the model could make out. */
    static final int MIN_SIDE = 16;
    static final int INPUT = 128;
    /** The anchors of MediaPipe's {@code face_detection_short_range.pbtxt}: 896 of them. */
    static final AnchorSpec ANCHORS = new AnchorSpec(INPUT, INPUT, 0.1484375f, 0.75f, 0.5f, 0.5f,
            List.of(8, 16, 16, 16), List.of(1.0f), false, 1.0f, true);
    private static final int COORDS = 16;
    private static final float CLIP = 100;
    /** Box regressions and face logits; OpenCV gives both as TensorFlow Lite does (checked, within 1e-4). */
    private static final String BOXES = "regressors";
    private static final String SCORES = "classificators";

    private final DetectorEngine engine;
    private final BoxDecoder decoder;
    private final FaceSettings settings;
    private boolean closed;

    private BlazeFaceDetector(DetectorEngine engine, BoxDecoder decoder, FaceSettings settings) {
        this.engine = engine;
        this.decoder = decoder;
        this.settings = settings;
    }

    /**
     * Fetches (or finds in {@code store}'s cache) the model and opens it.
     *
     * @throws VisionException one line naming the engine and what failed: a download, a checksum, OpenCV's
     *                         natives, a model OpenCV cannot load
     */
    public static BlazeFaceDetector open(ModelCatalog catalog, ModelStore store, EngineOptions options,
                                         FaceSettings settings) {
        ModelFile model;
        try {
            model = store.resolve(catalog.get(MODEL));
        } catch (ModelFetchException | RuntimeException e) {
            throw new VisionException(NAME + ": cannot load: " + e.getMessage(), e);
        }
        return open(model, options, settings);
    }

    /** {@link #open(ModelCatalog, ModelStore, EngineOptions, FaceSettings)} with the classpath's catalog, the
     * environment's model store, one thread and the default settings. */
    public static BlazeFaceDetector open() {
        return open(ModelCatalog.load(), ModelStore.fromEnvironment(), EngineOptions.defaults(), FaceSettings.defaults());
    }

    /**
     * Opens the model from a file already on disk.
     *
     * @throws VisionException one line: OpenCV's natives or the model do not load
     */
    public static BlazeFaceDetector open(ModelFile model, EngineOptions options, FaceSettings settings) {
        BoxDecoder decoder = new BoxDecoder(ANCHORS.anchors(), COORDS, true, INPUT, INPUT, INPUT, INPUT, false);
        DetectorEngine engine = DetectorEngine.open(NAME, model, options, INPUT, BOXES, decoder.boxes() * COORDS,
                SCORES, decoder.boxes());
        return new BlazeFaceDetector(engine, decoder, settings);
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * The faces in {@code frame}, best first.
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
        FrameTensor.Placement at = engine.runLetterboxed(frame);
        float[] boxes = engine.boxes();
        float[] logits = engine.scores();
        List<Detection> found = new ArrayList<>();
        for (int i = 0; i < decoder.boxes(); i++) {
            float score = BoxDecoder.sigmoid(Math.max(-CLIP, Math.min(CLIP, logits[i])));
            if (score >= settings.minScore()) {
                found.add(decoder.decode(boxes, i, 0, score));
            }
        }
        List<Observation> seen = new ArrayList<>();
        for (Detection d : NonMaxSuppression.weighted(found, (float) settings.maxOverlap(), settings.maxFaces())) {
            seen.add(new Observation(Observation.Kind.FACE, LABEL, d.score(),
                    Box.ofPixels(at.frameX(d.xMin()), at.frameY(d.yMin()), at.frameX(d.xMax()), at.frameY(d.yMax()),
                            1, 1)));
        }
        return seen;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            engine.close();
        }
    }
}
