package dev.vigil.perception.vision.objects.ssd;

import dev.vigil.agent.message.CameraFrame;
import dev.vigil.engines.DType;
import dev.vigil.engines.Tensor;
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
 * {@code output_tensor_float_range}), NCHW as OpenCV's DNN module wants its input. Uses OpenCV's image
 * functions: its native library must be loaded ({@code OpenCvNatives.load}; opening an {@code opencv-dnn}
 * engine does).
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
     * The frame stretched to fill {@code into}, as MediaPipe's object detector does.
     *
     * @param into f32[1, 3, size, size]: overwritten
     * @return {@link Placement#STRETCHED}
     */
    public static Placement stretched(CameraFrame frame, Tensor into) {
        int size = side(into);
        Mat rgb = rgb(frame);
        try {
            fill(into, rgb, size);
            return Placement.STRETCHED;
        } finally {
            rgb.release();
        }
    }

    /**
     * The frame scaled to fit {@code into} whole, centred, the rest black (-1), as MediaPipe's face
     * detector does ({@code keep_aspect_ratio}, {@code BORDER_ZERO}).
     *
     * @param into f32[1, 3, size, size]: overwritten
     * @return where the frame's picture is, to map boxes back to the frame
     */
    public static Placement letterboxed(CameraFrame frame, Tensor into) {
        int size = side(into);
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
            fill(into, boxed, size);
            return new Placement((double) left / size, (double) top / size, (double) cw / size, (double) ch / size);
        } finally {
            rgb.release();
            fitted.release();
            boxed.release();
        }
    }

    private static int side(Tensor into) {
        long[] s = into.shape();
        if (into.dtype() != DType.FLOAT32 || s.length != 4 || s[0] != 1 || s[1] != 3 || s[2] != s[3]) {
            throw new IllegalArgumentException("an RGB input tensor is f32[1, 3, size, size], not " + into);
        }
        return (int) s[2];
    }

    /** {@code image} (RGB bytes, {@code size} × {@code size} or to be resized to it) into the tensor, NCHW in [-1, 1]. */
    private static void fill(Tensor into, Mat image, int size) {
        Mat blob = Dnn.blobFromImage(image, SCALE, new Size(size, size), MEAN, false, false, CvType.CV_32F);
        Mat flat = blob.reshape(1, 1);
        try {
            float[] values = new float[3 * size * size];
            flat.get(0, 0, values);
            into.floats().put(0, values);
        } finally {
            flat.release();
            blob.release();
        }
    }

    private static Mat rgb(CameraFrame frame) {
        Mat m = new Mat(frame.height(), frame.width(), CvType.CV_8UC3);
        m.put(0, 0, frame.rgb());
        return m;
    }
}
