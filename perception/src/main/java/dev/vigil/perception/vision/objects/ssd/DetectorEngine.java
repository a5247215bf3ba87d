package dev.vigil.perception.vision.objects.ssd;

import dev.vigil.agent.message.CameraFrame;
import dev.vigil.engines.Engine;
import dev.vigil.engines.EngineException;
import dev.vigil.engines.EngineOptions;
import dev.vigil.engines.Engines;
import dev.vigil.engines.Tensor;
import dev.vigil.engines.models.ModelFile;
import dev.vigil.perception.vision.VisionException;

import java.util.List;
import java.util.Map;

/**
 * A MediaPipe single-shot detector's model on the engine layer: one square RGB frame tensor in
 * ({@link FrameTensor}, f32[1, 3, side, side]), its box regressions and its class logits out, read into
 * arrays this object keeps (no allocation per frame). Not thread-safe.
 */
public final class DetectorEngine implements AutoCloseable {

    private final String name;
    private final Engine engine;
    private final Tensor frame;
    private final Map<String, Tensor> input;
    private final String boxesOutput;
    private final String scoresOutput;
    private final Map<String, Tensor> outputs;
    private final float[] boxes;
    private final float[] scores;

    private DetectorEngine(String name, Engine engine, int side, String boxesOutput, String scoresOutput) {
        this.name = name;
        this.engine = engine;
        this.frame = Tensor.allocateFloats(1, 3, side, side);
        this.input = Map.of(engine.inputs().keySet().iterator().next(), frame);
        this.boxesOutput = boxesOutput;
        this.scoresOutput = scoresOutput;
        this.outputs = Map.of(boxesOutput, Tensor.allocateFloats(engine.outputs().get(boxesOutput).shape()),
                scoresOutput, Tensor.allocateFloats(engine.outputs().get(scoresOutput).shape()));
        this.boxes = new float[Math.toIntExact(outputs.get(boxesOutput).elementCount())];
        this.scores = new float[Math.toIntExact(outputs.get(scoresOutput).elementCount())];
    }

    /**
     * Opens {@code model} on the engine layer (its {@code opencv-dnn} backend for a TFLite model).
     *
     * @param name         the vision engine's name, at the head of every error
     * @param side         the frame tensor's side, pixels
     * @param boxesOutput  the output with the box regressions, {@code boxValues} floats
     * @param scoresOutput the output with the class logits, {@code scoreValues} floats
     * @throws VisionException one line naming the engine: no backend loads the model, or it lacks one of the
     *                         outputs, or gives another number of values or another input than one frame
     */
    public static DetectorEngine open(String name, ModelFile model, EngineOptions options, int side,
                                      String boxesOutput, int boxValues, String scoresOutput, int scoreValues) {
        Engine engine;
        try {
            engine = Engines.open(model, options);
        } catch (EngineException e) {
            throw new VisionException(name + ": " + e.getMessage(), e);
        }
        String problem = problem(engine, side, List.of(boxesOutput, scoresOutput), new int[] {boxValues, scoreValues});
        if (problem != null) {
            engine.close();
            throw new VisionException(name + ": " + model.name() + " " + problem);
        }
        return new DetectorEngine(name, engine, side, boxesOutput, scoresOutput);
    }

    private static String problem(Engine engine, int side, List<String> names, int[] sizes) {
        if (engine.inputs().size() != 1 || !engine.inputs().values().iterator().next().accepts(new long[] {1, 3, side, side})) {
            return "takes " + engine.inputs().values() + ", not one f32[1, 3, " + side + ", " + side + "] frame";
        }
        for (int i = 0; i < names.size(); i++) {
            var spec = engine.outputs().get(names.get(i));
            if (spec == null) {
                return "has no output " + names.get(i) + " (it has " + String.join(", ", engine.outputs().keySet()) + ")";
            }
            long count = Tensor.countElements(spec.shape());
            if (count != sizes[i]) {
                return "gives " + count + " values in " + names.get(i) + ", expected " + sizes[i];
            }
        }
        return null;
    }

    /** Runs the model on {@code frame} stretched to the tensor's square (the object detector's way). */
    public FrameTensor.Placement runStretched(CameraFrame camera) {
        FrameTensor.Placement at = FrameTensor.stretched(camera, frame);
        run();
        return at;
    }

    /** Runs the model on {@code frame} letterboxed into the tensor's square (the face detector's way). */
    public FrameTensor.Placement runLetterboxed(CameraFrame camera) {
        FrameTensor.Placement at = FrameTensor.letterboxed(camera, frame);
        run();
        return at;
    }

    private void run() {
        try {
            engine.runInto(input, outputs);
        } catch (EngineException e) {
            throw new VisionException(name + ": " + e.getMessage(), e);
        }
        outputs.get(boxesOutput).floats().get(0, boxes);
        outputs.get(scoresOutput).floats().get(0, scores);
    }

    /** The last run's box regressions, in the backend's layout; overwritten by the next run. */
    public float[] boxes() {
        return boxes;
    }

    /** The last run's class logits; overwritten by the next run. */
    public float[] scores() {
        return scores;
    }

    @Override
    public void close() {
        engine.close();
    }
}
