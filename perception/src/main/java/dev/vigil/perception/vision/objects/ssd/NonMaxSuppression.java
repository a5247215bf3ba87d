package dev.vigil.perception.vision.objects.ssd;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Keeps one box per thing seen among the many overlapping boxes an SSD model scores. Written here rather
 * than taken from OpenCV's {@code NMSBoxes} because BlazeFace's graph uses MediaPipe's weighted variant,
 * which OpenCV does not have; the plain one is the same loop.
 */
public final class NonMaxSuppression {

    private NonMaxSuppression() {
    }

    /**
     * Plain suppression: the best box stays, every box overlapping it by more than {@code maxIou} goes, and
     * so on down.
     *
     * @param perClass boxes suppress only boxes of their own class (a person on a chair keeps both)
     * @return at most {@code limit} boxes, best first
     */
    public static List<Detection> hard(List<Detection> boxes, float maxIou, boolean perClass, int limit) {
        List<Detection> left = byScore(boxes);
        List<Detection> kept = new ArrayList<>();
        for (Detection d : left) {
            if (kept.size() == limit) {
                break;
            }
            boolean suppressed = false;
            for (Detection k : kept) {
                if ((!perClass || k.classId() == d.classId()) && k.iou(d) > maxIou) {
                    suppressed = true;
                    break;
                }
            }
            if (!suppressed) {
                kept.add(d);
            }
        }
        return kept;
    }

    /**
     * MediaPipe's weighted suppression: the best box and every box overlapping it by more than
     * {@code maxIou} become one box, their corners averaged by score, with the best one's score — steadier
     * boxes from frame to frame than the single best.
     *
     * @return at most {@code limit} boxes, best first
     */
    public static List<Detection> weighted(List<Detection> boxes, float maxIou, int limit) {
        List<Detection> left = byScore(boxes);
        List<Detection> kept = new ArrayList<>();
        while (!left.isEmpty() && kept.size() < limit) {
            Detection best = left.get(0);
            List<Detection> rest = new ArrayList<>();
            float total = 0;
            float x0 = 0;
            float y0 = 0;
            float x1 = 0;
            float y1 = 0;
            for (Detection d : left) {
                if (d.iou(best) > maxIou || d == best) {
                    total += d.score();
                    x0 += d.xMin() * d.score();
                    y0 += d.yMin() * d.score();
                    x1 += d.xMax() * d.score();
                    y1 += d.yMax() * d.score();
                } else {
                    rest.add(d);
                }
            }
            kept.add(total > 0 ? new Detection(best.classId(), best.score(), x0 / total, y0 / total, x1 / total,
                    y1 / total) : best);
            left = rest;
        }
        return kept;
    }

    private static List<Detection> byScore(List<Detection> boxes) {
        List<Detection> sorted = new ArrayList<>(boxes);
        sorted.sort(Comparator.comparingDouble(Detection::score).reversed());
        return sorted;
    }
}
