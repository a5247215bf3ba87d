package dev.vigil.perception.vision.ocr;

import dev.vigil.agent.message.CameraFrame;

/**
 * Scales a region of a camera frame into planar float pixels (0..255), the layout both PP-OCR models
 * take. Hand-written rather than taken from OpenCV: it is the only image operation OCR needs, and it
 * keeps the module free of a 60 MB native dependency.
 * <p>
 * Bilinear sampling with pixel centres aligned as OpenCV's {@code INTER_LINEAR} does, which is what
 * PaddleOCR resizes with; when shrinking by 4 or more it averages several bilinear taps
 * ({@code scale / 2} per axis) spread over each output pixel, so thin strokes of large text survive
 * instead of aliasing away.
 */
final class Resample {

    private Resample() {
    }

    /**
     * Writes region {@code (x0, y0, width × height)} of {@code frame} (source pixels, may be fractional,
     * clamped at the frame's edges) scaled to {@code outWidth × outHeight} into {@code out}: three planes
     * in the order {@code order} names (e.g. B, G, R), each {@code outHeight} rows of {@code stride} floats.
     */
    static void region(CameraFrame frame, double x0, double y0, double width, double height,
                       int outWidth, int outHeight, float[] out, int stride, ChannelOrder order) {
        double sx = width / outWidth;
        double sy = height / outHeight;
        int plane = stride * outHeight;
        int[] channel = order.planes();
        int stepsX = Math.max(1, (int) Math.floor(sx / 2));
        int stepsY = Math.max(1, (int) Math.floor(sy / 2));
        byte[] rgb = frame.rgb();
        int w = frame.width();
        int h = frame.height();
        for (int oy = 0; oy < outHeight; oy++) {
            for (int ox = 0; ox < outWidth; ox++) {
                float r = 0;
                float g = 0;
                float b = 0;
                // stepsX × stepsY bilinear taps spread over the output pixel's footprint (1 × 1 when enlarging).
                for (int ty = 0; ty < stepsY; ty++) {
                    double fy = y0 + (oy + (ty + 0.5) / stepsY) * sy - 0.5;
                    fy = Math.max(0, Math.min(h - 1, fy));
                    int iy = Math.min((int) fy, Math.max(0, h - 2));
                    double wy = h == 1 ? 0 : fy - iy;
                    int iy1 = Math.min(iy + 1, h - 1);
                    for (int tx = 0; tx < stepsX; tx++) {
                        double fx = x0 + (ox + (tx + 0.5) / stepsX) * sx - 0.5;
                        fx = Math.max(0, Math.min(w - 1, fx));
                        int ix = Math.min((int) fx, Math.max(0, w - 2));
                        double wx = w == 1 ? 0 : fx - ix;
                        int ix1 = Math.min(ix + 1, w - 1);
                        int p00 = 3 * (iy * w + ix);
                        int p01 = 3 * (iy * w + ix1);
                        int p10 = 3 * (iy1 * w + ix);
                        int p11 = 3 * (iy1 * w + ix1);
                        double w00 = (1 - wx) * (1 - wy);
                        double w01 = wx * (1 - wy);
                        double w10 = (1 - wx) * wy;
                        double w11 = wx * wy;
                        r += (float) (w00 * (rgb[p00] & 0xFF) + w01 * (rgb[p01] & 0xFF) + w10 * (rgb[p10] & 0xFF) + w11 * (rgb[p11] & 0xFF));
                        g += (float) (w00 * (rgb[p00 + 1] & 0xFF) + w01 * (rgb[p01 + 1] & 0xFF) + w10 * (rgb[p10 + 1] & 0xFF) + w11 * (rgb[p11 + 1] & 0xFF));
                        b += (float) (w00 * (rgb[p00 + 2] & 0xFF) + w01 * (rgb[p01 + 2] & 0xFF) + w10 * (rgb[p10 + 2] & 0xFF) + w11 * (rgb[p11 + 2] & 0xFF));
                    }
                }
                float n = stepsX * stepsY;
                int at = oy * stride + ox;
                out[channel[0] * plane + at] = r / n;
                out[channel[1] * plane + at] = g / n;
                out[channel[2] * plane + at] = b / n;
            }
        }
    }

    /** The order of the three planes a model takes. */
    enum ChannelOrder {
        /** What PaddleOCR feeds both models: images as OpenCV decodes them. */
        BGR(2, 1, 0),
        RGB(0, 1, 2);

        /** The plane each of R, G, B goes to. */
        private final int[] planeOf;

        ChannelOrder(int red, int green, int blue) {
            this.planeOf = new int[] {red, green, blue};
        }

        int[] planes() {
            return planeOf;
        }
    }
}
