package dev.vigil.perception.vision.objects.ssd;

import dev.vigil.perception.vision.VisionException;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.dnn.Dnn;
import org.opencv.dnn.Net;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A TFLite model run by OpenCV's DNN module: one NCHW input tensor in, the outputs of named layers out as
 * flat float arrays (OpenCV's layout: NCHW for convolutions). Not thread-safe.
 */
public final class TfliteNet {

    private final String engine;
    private final Path model;
    private final Net net;
    private final List<String> layers;

    private TfliteNet(String engine, Path model, Net net) {
        this.engine = engine;
        this.model = model;
        this.net = net;
        this.layers = List.copyOf(net.getLayerNames());
    }

    /**
     * Loads {@code model}.
     *
     * @param threads threads OpenCV may use for a run. OpenCV's pool is one per process: the last engine
     *                opened sets it for all
     * @throws VisionException one line naming the engine: OpenCV's natives or the model do not load
     */
    public static TfliteNet open(String engine, Path model, int threads) {
        OpenCvNatives.load(engine);
        Net net;
        try {
            net = Dnn.readNetFromTFLite(model.toString());
        } catch (RuntimeException e) {
            throw new VisionException(engine + ": OpenCV cannot load the model " + model + ": " + firstLine(e), e);
        }
        if (net.empty()) {
            throw new VisionException(engine + ": OpenCV read no network from " + model);
        }
        Core.setNumThreads(threads);
        return new TfliteNet(engine, model, net);
    }

    /**
     * The layer whose name starts with {@code prefix} (OpenCV names a layer after the TFLite tensor it
     * makes, which for fused operations lists several TensorFlow names separated by ';').
     *
     * @throws VisionException no layer, or more than one, has that prefix
     */
    public String layer(String prefix) {
        List<String> found = layers.stream().filter(l -> l.startsWith(prefix)).toList();
        if (found.size() != 1) {
            throw new VisionException(engine + ": " + model.getFileName() + " has " + found.size()
                    + " layers named '" + prefix + "…', expected one");
        }
        return found.get(0);
    }

    /**
     * Runs the model on a frame's tensor as far as the named layers, then releases the tensor's native
     * memory (OpenCV's Java {@code Mat} has none the garbage collector frees soon enough).
     *
     * @param sizes the number of values each layer must give
     * @return each layer's output, in the order given, flattened
     * @throws VisionException the run failed, or a layer gave another number of values
     */
    public float[][] run(FrameTensor.Input input, List<String> outputs, int[] sizes) {
        try {
            return run(input.blob(), outputs, sizes);
        } finally {
            input.blob().release();
        }
    }

    private float[][] run(Mat input, List<String> outputs, int[] sizes) {
        List<Mat> out = new ArrayList<>();
        try {
            net.setInput(input);
            net.forward(out, outputs);
            float[][] values = new float[outputs.size()][];
            for (int i = 0; i < values.length; i++) {
                Mat m = out.get(i);
                if (m.total() != sizes[i]) {
                    throw new VisionException(engine + ": layer " + outputs.get(i) + " gave " + m.total()
                            + " values, expected " + sizes[i]);
                }
                values[i] = new float[sizes[i]];
                Mat flat = m.reshape(1, 1);
                flat.get(0, 0, values[i]);
                flat.release();
            }
            return values;
        } catch (RuntimeException e) {
            if (e instanceof VisionException v) {
                throw v;
            }
            throw new VisionException(engine + ": the model run failed: " + firstLine(e), e);
        } finally {
            out.forEach(Mat::release);
        }
    }

    private static String firstLine(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m.strip().lines().findFirst().orElse("");
    }
}
