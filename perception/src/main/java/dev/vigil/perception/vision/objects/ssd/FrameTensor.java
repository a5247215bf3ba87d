package dev.vigil.perception.vision.objects.ssd;

import dev.vigil.agent.message.CameraFrame;
import dev.vigil.perception.vision.VisionException;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.dnn.Dnn;
import org.opencv.imgproc.Imgproc;

/**
 * A camera frame as the square RGB tensor MediaPipe's detectors take: values in [-1, 1] (MediaPipe's
 * {@code output_tensor_float_range}), NCHW as OpenCV's DNN module wants its input.
 */
public final class FrameTensor {

    private static final double SCALE = 1 / 127.5;
    private static final Scalar MEAN = new Scalar(127.5, 127.5, 127.5);

    private FrameTensor() {
    }

    /**
     * Where the frame lies in a letterboxed tensor, as fractions of the tensor's side.
     *
     * @param left  left edge of the frame's picture
     * @param top   top edge
     * @param width the picture's width (1 when the frame is at least as wide as high)
     * @param height the picture's height
     */
    public record Placement(double left, double top, double width, double height) {

        /** The whole tensor: the frame was stretched. */
        public static final Placement STRETCHED = new Placement(0, 0, 1, 1);

        /** {@code x}, a fraction of the tensor's width, as a fraction of the frame's width. */
        public double frameX(double x) {
            return (x - left) / width;
        }

        /** {@code y}, a fraction of the tensor's height, as a fraction of the frame's height. */
        public double frameY(double y) {
            return (y - top) / height;
        }
    }

    /**
     * Checks that the engine can look at {@code frame}.
     *
     * @throws VisionException one line: a frame whose pixels do not fill it, or one under {@code minSide}
     *                         pixels on a side
     */
    public static void check(String engine, CameraFrame frame, int minSide) {
        int w = frame.width();
        int h = frame.height();
        if ((long) w * h * 3 != frame.rgb().length) {
            throw new VisionException(engine + ": a " + w + " × " + h + " frame needs " + (long) w * h * 3
                    + " bytes of RGB, got " + frame.rgb().length);
        }
        if (w < minSide || h < minSide) {
            throw new VisionException(engine + ": a " + w + " × " + h + " frame is too small to look at (at least "
                    + minSide + " × " + minSide + " pixels)");
        }
    }

    /**
     * A tensor and where the frame lies in it.
     *
     * @param blob      f32[1, 3, size, size], to be released by the caller
     * @param placement where the frame's picture is, to map boxes back to the frame
     */
    public record Input(Mat blob, Placement placement) {
    }

    /** The frame stretched to {@code size} × {@code size}, as MediaPipe's object detector does. */
    public static Input stretched(CameraFrame frame, int size) {
        Mat rgb = rgb(frame);
        try {
            return new Input(Dnn.blobFromImage(rgb, SCALE, new Size(size, size), MEAN, false, false, CvType.CV_32F),
                    Placement.STRETCHED);
        } finally {
            rgb.release();
        }
    }

    /**
     * The frame scaled to fit {@code size} × {@code size} whole, centred, the rest black (-1), as
     * MediaPipe's face detector does ({@code keep_aspect_ratio}, {@code BORDER_ZERO}).
     */
    public static Input letterboxed(CameraFrame frame, int size) {
        int w = frame.width();
        int h = frame.height();
        double scale = (double) size / Math.max(w, h);
        int cw = Math.max(1, Math.min(size, (int) Math.round(w * scale)));
        int ch = Math.max(1, Math.min(size, (int) Math.round(h * scale)));
        int left = (size - cw) / 2;
        int top = (size - ch) / 2;
        Mat rgb = rgb(frame);
        Mat fitted = new Mat();
        Mat boxed = new Mat();
        try {
            Imgproc.resize(rgb, fitted, new Size(cw, ch), 0, 0, Imgproc.INTER_LINEAR);
            Core.copyMakeBorder(fitted, boxed, top, size - ch - top, left, size - cw - left, Core.BORDER_CONSTANT,
                    Scalar.all(0));
            return new Input(Dnn.blobFromImage(boxed, SCALE, new Size(size, size), MEAN, false, false, CvType.CV_32F),
                    new Placement((double) left / size, (double) top / size, (double) cw / size, (double) ch / size));
        } finally {
            rgb.release();
            fitted.release();
            boxed.release();
        }
    }

    private static Mat rgb(CameraFrame frame) {
        Mat m = new Mat(frame.height(), frame.width(), CvType.CV_8UC3);
        m.put(0, 0, frame.rgb());
        return m;
    }
}
