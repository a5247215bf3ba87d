package dev.vigil.perception.vision.ocr;

/**
 * How {@link PpOcr} finds and keeps lines of text. The defaults are PaddleOCR's own, but for
 * {@code detectionMinSide}.
 *
 * @param detectionLimit the longest side, in pixels, a frame is scaled down to for detection (never
 *                       up); both sides are then rounded to multiples of 32. Larger reads smaller
 *                       text and costs time with the square of it
 * @param detectionMinSide a frame whose shorter side is under this many pixels is scaled up for
 *                       detection until it is, or until the longer side reaches the limit; small print
 *                       is found only at a few pixels per stroke. 0 never scales up (PaddleOCR's way).
 *                       256 (the default) finds a lone floor digit on a small display; 736 finds much
 *                       more of the small print in a 640 × 480 photograph, at 2–3 times the cost
 * @param pixelThreshold text probability above which a pixel of the detection map is text
 * @param boxThreshold   mean text probability a box needs to be kept
 * @param unclipRatio    how far each detected box is grown on every side, as a multiple of
 *                       {@code area / perimeter}: the model marks a shrunk core of each line
 * @param minScore       mean character probability a line needs to be reported (0 keeps everything read)
 */
public record OcrSettings(int detectionLimit, int detectionMinSide, double pixelThreshold, double boxThreshold,
                          double unclipRatio, double minScore) {

    /**
     * @throws IllegalArgumentException a limit under 32 px, a negative minimum side, a threshold or score
     *                                  outside 0..1, a ratio outside 1..4
     */
    public OcrSettings {
        if (detectionLimit < 32) {
            throw new IllegalArgumentException("detection limit is at least 32 px, was " + detectionLimit);
        }
        if (detectionMinSide < 0) {
            throw new IllegalArgumentException("detection minimum side is 0 or more px, was " + detectionMinSide);
        }
        if (!(pixelThreshold > 0 && pixelThreshold < 1) || !(boxThreshold >= 0 && boxThreshold < 1)
                || !(minScore >= 0 && minScore <= 1)) {
            throw new IllegalArgumentException("thresholds and the minimum score are 0..1, were " + pixelThreshold
                    + ", " + boxThreshold + " and " + minScore);
        }
        if (!(unclipRatio >= 1 && unclipRatio <= 4)) {
            throw new IllegalArgumentException("unclip ratio is 1..4, was " + unclipRatio);
        }
    }

    public static OcrSettings defaults() {
        return new OcrSettings(960, 256, 0.3, 0.6, 1.5, 0.5);
    }

    public OcrSettings withDetectionLimit(int limit) {
        return new OcrSettings(limit, detectionMinSide, pixelThreshold, boxThreshold, unclipRatio, minScore);
    }

    public OcrSettings withDetectionMinSide(int minSide) {
        return new OcrSettings(detectionLimit, minSide, pixelThreshold, boxThreshold, unclipRatio, minScore);
    }
}
