package dev.vigil.perception.vision.ocr;

import dev.vigil.agent.message.CameraFrame;
import dev.vigil.engines.Engine;
import dev.vigil.engines.EngineException;
import dev.vigil.engines.Tensor;
import dev.vigil.perception.vision.ocr.Resample.ChannelOrder;

import java.util.List;
import java.util.Map;

/**
 * PP-OCRv4 text recognition of one detected line: the line's box, with a margin (below), is cut from
 * the frame and scaled to
 * {@value #HEIGHT} px high keeping its aspect, normalised to {@code (v / 255 − 0.5) / 0.5}, padded on the
 * right with zeros to at least {@value #MIN_WIDTH} px (the width PaddleOCR trains and infers at), and
 * the model's per-step class probabilities are decoded by {@link CtcAlphabet}.
 * <p>
 * The margin is not PaddleOCR's: the detector's box cuts close enough to the glyphs that the recogniser
 * drops word spaces ("Platform4") and misreads a first or last character. {@value #MARGIN_X} of the
 * line's height is added left and right and {@value #MARGIN_Y} above and below, but never into another
 * line's box nor past the frame: on a page of text, a margin reaching into the next line cost a dozen
 * characters. Measured on {@code vigil bench ocr}'s images, 900 from three seeds: 872 read exactly
 * without the margin, 890 with it.
 */
final class TextRecognizer {

    static final int HEIGHT = 48;
    static final int MIN_WIDTH = 320;
    /** 50 × the height: a longer line is squeezed rather than making one enormous input. */
    static final int MAX_WIDTH = 50 * HEIGHT;
    static final double MARGIN_X = 0.15;
    static final double MARGIN_Y = 0.1;

    private final Engine engine;
    private final String input;
    private final CtcAlphabet alphabet;
    private final ChannelOrder order;

    TextRecognizer(Engine engine, CtcAlphabet alphabet, ChannelOrder order) {
        this.engine = engine;
        this.input = engine.inputs().keySet().iterator().next();
        this.alphabet = alphabet;
        this.order = order;
    }

    /** {@code line} grown by the margin, stopping at the frame's edges and at the other lines' boxes. */
    static TextDetector.Line withMargin(TextDetector.Line line, List<TextDetector.Line> all, int frameWidth,
                                        int frameHeight) {
        double left = Math.max(0, line.left() - MARGIN_X * line.height());
        double right = Math.min(frameWidth, line.right() + MARGIN_X * line.height());
        double top = Math.max(0, line.top() - MARGIN_Y * line.height());
        double bottom = Math.min(frameHeight, line.bottom() + MARGIN_Y * line.height());
        for (TextDetector.Line other : all) {
            if (other == line) {
                continue;
            }
            boolean besideVertically = other.right() > line.left() && other.left() < line.right();
            boolean besideHorizontally = other.bottom() > line.top() && other.top() < line.bottom();
            if (besideVertically && other.bottom() <= line.top() + line.height() / 2) {
                top = Math.max(top, Math.min(line.top(), other.bottom()));
            } else if (besideVertically && other.top() >= line.bottom() - line.height() / 2) {
                bottom = Math.min(bottom, Math.max(line.bottom(), other.top()));
            }
            if (besideHorizontally && other.right() <= line.left() + line.width() / 2) {
                left = Math.max(left, Math.min(line.left(), other.right()));
            } else if (besideHorizontally && other.left() >= line.right() - line.width() / 2) {
                right = Math.min(right, Math.max(line.right(), other.left()));
            }
        }
        return new TextDetector.Line(left, top, right, bottom, line.score());
    }

    /** Reads the line in {@code left, top, right, bottom} (frame pixels) of {@code frame}, as it is. */
    CtcAlphabet.Reading read(CameraFrame frame, double left, double top, double right, double bottom)
            throws EngineException {
        double width = right - left;
        double height = bottom - top;
        int lineWidth = (int) Math.min(MAX_WIDTH, Math.max(1, Math.ceil(HEIGHT * width / height)));
        int inputWidth = Math.max(MIN_WIDTH, lineWidth);
        float[] pixels = new float[3 * HEIGHT * inputWidth];
        Resample.region(frame, left, top, width, height, lineWidth, HEIGHT, pixels, inputWidth, order);
        int plane = HEIGHT * inputWidth;
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < HEIGHT; y++) {
                int row = c * plane + y * inputWidth;
                for (int x = 0; x < lineWidth; x++) {
                    pixels[row + x] = pixels[row + x] / 127.5f - 1f;
                }
            }
        }
        Tensor x = Tensor.ofFloats(pixels, 1, 3, HEIGHT, inputWidth);
        Tensor out = engine.run(Map.of(input, x)).values().iterator().next();
        int steps = (int) out.dim(1);
        float[] probabilities = new float[(int) out.elementCount()];
        out.floats().get(probabilities);
        return alphabet.decode(probabilities, 0, steps);
    }
}
