package dev.vigil.perception.vision.objects.ssd;

import java.util.List;

/**
 * Turns a model's raw box regressions into boxes, against its anchors, as MediaPipe's
 * {@code TensorsToDetectionsCalculator} does: the centre moves by {@code raw / scale} anchor sizes; the
 * size is {@code exp(raw / scale)} anchor sizes (TensorFlow SSD models) or {@code raw / scale} of it.
 *
 * @param anchors     one per box, in the model's order
 * @param coords      values per box in the regression output (4, or more with key points after the box)
 * @param xFirst      the box is (x, y, w, h); otherwise (y, x, h, w)
 * @param exponential sizes are log-encoded
 */
public record BoxDecoder(List<Anchor> anchors, int coords, boolean xFirst, float xScale, float yScale,
                         float wScale, float hScale, boolean exponential) {

    public BoxDecoder {
        anchors = List.copyOf(anchors);
    }

    public int boxes() {
        return anchors.size();
    }

    /** Box {@code i} of {@code raw} (the regression output, flattened). */
    public Detection decode(float[] raw, int i, int classId, float score) {
        int at = i * coords;
        float dx = xFirst ? raw[at] : raw[at + 1];
        float dy = xFirst ? raw[at + 1] : raw[at];
        float dw = xFirst ? raw[at + 2] : raw[at + 3];
        float dh = xFirst ? raw[at + 3] : raw[at + 2];
        Anchor a = anchors.get(i);
        float x = dx / xScale * a.width() + a.xCenter();
        float y = dy / yScale * a.height() + a.yCenter();
        float w = exponential ? (float) Math.exp(dw / wScale) * a.width() : dw / wScale * a.width();
        float h = exponential ? (float) Math.exp(dh / hScale) * a.height() : dh / hScale * a.height();
        return new Detection(classId, score, x - w / 2, y - h / 2, x + w / 2, y + h / 2);
    }

    /** The logistic function, which turns the models' class logits into scores. */
    public static float sigmoid(float logit) {
        return (float) (1 / (1 + Math.exp(-logit)));
    }
}
