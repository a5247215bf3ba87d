package dev.vigil.perception.vision.objects.ssd;

/**
 * One box a detector kept, as fractions of the model's input (may reach past its edges).
 *
 * @param classId the model's class index
 * @param score   0..1
 */
public record Detection(int classId, float score, float xMin, float yMin, float xMax, float yMax) {

    public float area() {
        return Math.max(0, xMax - xMin) * Math.max(0, yMax - yMin);
    }

    /** Intersection over union with {@code other}; 0 when either is empty. */
    public float iou(Detection other) {
        float w = Math.min(xMax, other.xMax) - Math.max(xMin, other.xMin);
        float h = Math.min(yMax, other.yMax) - Math.max(yMin, other.yMin);
        if (w <= 0 || h <= 0) {
            return 0;
        }
        float inter = w * h;
        float union = area() + other.area() - inter;
        return union <= 0 ? 0 : inter / union;
    }
}
