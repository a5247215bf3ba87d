package dev.vigil.perception.vision.objects;

/**
 * Which of the detector's boxes {@link SsdObjectDetector} reports. The defaults are MediaPipe's (its
 * Objectron detection graph).
 *
 * @param minScore   a box's class score must reach this, 0..1; lower finds more and is wrong more often
 * @param maxOverlap boxes of one class overlapping a better one by more than this intersection over union
 *                   are the same object, 0..1
 * @param maxObjects the most objects reported for a frame
 */
public record ObjectSettings(double minScore, double maxOverlap, int maxObjects) {

    /** @throws IllegalArgumentException a score or overlap outside 0..1, fewer than one object */
    public ObjectSettings {
        if (!(minScore >= 0 && minScore <= 1) || !(maxOverlap >= 0 && maxOverlap <= 1)) {
            throw new IllegalArgumentException("the minimum score and the overlap are 0..1, were " + minScore + " and "
                    + maxOverlap);
        }
        if (maxObjects < 1) {
            throw new IllegalArgumentException("at least one object is reported, was " + maxObjects);
        }
    }

    public static ObjectSettings defaults() {
        return new ObjectSettings(0.5, 0.5, 100);
    }

    public ObjectSettings withMinScore(double score) {
        return new ObjectSettings(score, maxOverlap, maxObjects);
    }
}
