package dev.vigil.perception.vision.ocr;

import dev.vigil.agent.message.CameraFrame;
import dev.vigil.engines.Engine;
import dev.vigil.engines.EngineException;
import dev.vigil.engines.Tensor;
import dev.vigil.perception.vision.ocr.Resample.ChannelOrder;

import java.util.Map;

/**
 * PP-OCRv4 text recognition of one detected line: the line's box is cut from the frame and scaled to
 * {@value #HEIGHT} px high keeping its aspect, normalised to {@code (v / 255 − 0.5) / 0.5}, padded on the
 * right with zeros to at least {@value #MIN_WIDTH} px (the width PaddleOCR trains and infers at), and
 * the model's per-step class probabilities are decoded by {@link CtcAlphabet}.
 */
final class TextRecognizer {

    static final int HEIGHT = 48;
    static final int MIN_WIDTH = 320;
    /** 50 × the height: a longer line is squeezed rather than making one enormous input. */
    static final int MAX_WIDTH = 50 * HEIGHT;

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

    /** Reads the line in {@code left, top, right, bottom} (frame pixels) of {@code frame}. */
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
