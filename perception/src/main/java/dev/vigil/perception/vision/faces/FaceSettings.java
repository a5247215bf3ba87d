package dev.vigil.perception.vision.faces;

/**
 * Which of BlazeFace's boxes {@link BlazeFaceDetector} reports. The defaults are MediaPipe's (its
 * {@code face_detection_short_range} graph).
 *
 * @param minScore   a face's score must reach this, 0..1
 * @param maxOverlap boxes overlapping a better one by more than this intersection over union are the same
 *                   face and are averaged into it, 0..1
 * @param maxFaces   the most faces reported for a frame
 */
public record FaceSettings(double minScore, double maxOverlap, int maxFaces) {

    /** @throws IllegalArgumentException a score or overlap outside 0..1, fewer than one face */
    public FaceSettings {
        if (!(minScore >= 0 && minScore <= 1) || !(maxOverlap >= 0 && maxOverlap <= 1)) {
            throw new IllegalArgumentException("the minimum score and the overlap are 0..1, were " + minScore + " and "
                    + maxOverlap);
        }
        if (maxFaces < 1) {
            throw new IllegalArgumentException("at least one face is reported, was " + maxFaces);
        }
    }

    public static FaceSettings defaults() {
        return new FaceSettings(0.5, 0.3, 20);
    }

    public FaceSettings withMinScore(double score) {
        return new FaceSettings(score, maxOverlap, maxFaces);
    }
}
