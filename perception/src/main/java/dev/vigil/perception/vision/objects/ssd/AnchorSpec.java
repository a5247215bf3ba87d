package dev.vigil.perception.vision.objects.ssd;

import java.util.ArrayList;
import java.util.List;

/**
 * How an SSD model's anchors are laid out: the options of MediaPipe's {@code SsdAnchorsCalculator}
 * (single-scale generation, anchors normalised to the input), which each model's graph sets and the model
 * file does not carry. {@link #anchors()} generates them in the order the model's outputs use.
 *
 * @param inputWidth                   the model's input, pixels
 * @param inputHeight                  the model's input, pixels
 * @param minScale                     the first layer's anchor scale, a fraction of the input
 * @param maxScale                     the last layer's
 * @param offsetX                      where in its cell an anchor's centre lies, 0..1
 * @param offsetY                      likewise
 * @param strides                      each layer's stride, pixels; consecutive equal strides share one grid
 * @param aspectRatios                 width : height of the anchors at each cell
 * @param reduceBoxesInLowestLayer     the first layer has three fixed anchors (scale 0.1 at 1:1, then 2:1
 *                                     and 1:2), as TensorFlow's SSD models do
 * @param interpolatedScaleAspectRatio when positive, one more anchor per cell at this ratio, between this
 *                                     layer's scale and the next's
 * @param fixedAnchorSize              every anchor is 1 × 1 (the model regresses sizes directly)
 */
public record AnchorSpec(int inputWidth, int inputHeight, float minScale, float maxScale, float offsetX,
                         float offsetY, List<Integer> strides, List<Float> aspectRatios,
                         boolean reduceBoxesInLowestLayer, float interpolatedScaleAspectRatio,
                         boolean fixedAnchorSize) {

    public AnchorSpec {
        strides = List.copyOf(strides);
        aspectRatios = List.copyOf(aspectRatios);
        if (strides.isEmpty() || aspectRatios.isEmpty()) {
            throw new IllegalArgumentException("anchors need at least one stride and one aspect ratio");
        }
    }

    /** The anchors, layer by layer, then row by row, column by column, then each anchor of a cell. */
    public List<Anchor> anchors() {
        List<Anchor> anchors = new ArrayList<>();
        int layers = strides.size();
        int layer = 0;
        while (layer < layers) {
            List<Float> ratios = new ArrayList<>();
            List<Float> scales = new ArrayList<>();
            int last = layer;
            for (; last < layers && strides.get(last).equals(strides.get(layer)); last++) {
                float scale = scale(last);
                if (last == 0 && reduceBoxesInLowestLayer) {
                    ratios.addAll(List.of(1.0f, 2.0f, 0.5f));
                    scales.addAll(List.of(0.1f, scale, scale));
                    continue;
                }
                for (float ratio : aspectRatios) {
                    ratios.add(ratio);
                    scales.add(scale);
                }
                if (interpolatedScaleAspectRatio > 0) {
                    float next = last == layers - 1 ? 1.0f : scale(last + 1);
                    scales.add((float) Math.sqrt(scale * next));
                    ratios.add(interpolatedScaleAspectRatio);
                }
            }
            int stride = strides.get(layer);
            int rows = (int) Math.ceil((double) inputHeight / stride);
            int columns = (int) Math.ceil((double) inputWidth / stride);
            for (int y = 0; y < rows; y++) {
                for (int x = 0; x < columns; x++) {
                    for (int i = 0; i < ratios.size(); i++) {
                        float root = (float) Math.sqrt(ratios.get(i));
                        float w = fixedAnchorSize ? 1 : scales.get(i) * root;
                        float h = fixedAnchorSize ? 1 : scales.get(i) / root;
                        anchors.add(new Anchor((x + offsetX) / columns, (y + offsetY) / rows, w, h));
                    }
                }
            }
            layer = last;
        }
        return anchors;
    }

    private float scale(int layer) {
        int layers = strides.size();
        return layers == 1 ? (minScale + maxScale) / 2 : minScale + (maxScale - minScale) * layer / (layers - 1.0f);
    }
}
