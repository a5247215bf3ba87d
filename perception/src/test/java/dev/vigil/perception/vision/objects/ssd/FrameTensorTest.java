package dev.vigil.perception.vision.objects.ssd;

import dev.vigil.agent.message.CameraFrame;
import dev.vigil.engines.Tensor;
import dev.vigil.engines.opencv.OpenCvNatives;
import dev.vigil.perception.vision.VisionException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The input tensors on OpenCV: RGB planes in [-1, 1], the frame stretched or letterboxed. */
class FrameTensorTest {

    @BeforeAll
    static void natives() throws Exception {
        OpenCvNatives.load("test");
    }

    /** Left half pure red, right half white. */
    private static CameraFrame redAndWhite(int w, int h) {
        byte[] rgb = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = 3 * (y * w + x);
                boolean red = x < w / 2;
                rgb[i] = (byte) 255;
                rgb[i + 1] = (byte) (red ? 0 : 255);
                rgb[i + 2] = (byte) (red ? 0 : 255);
            }
        }
        return new CameraFrame(0, 0, "", w, h, rgb);
    }

    private static float at(float[] nchw, int size, int channel, int x, int y) {
        return nchw[channel * size * size + y * size + x];
    }

    @Test
    void aStretchedFrameFillsTheTensorRgbPlanesInMinusOneToOne() {
        Tensor t = Tensor.allocateFloats(1, 3, 16, 16);
        FrameTensor.Placement placement = FrameTensor.stretched(redAndWhite(64, 32), t);
        float[] v = new float[3 * 16 * 16];
        t.floats().get(0, v);

        assertThat(placement).isEqualTo(FrameTensor.Placement.STRETCHED);
        assertThat(at(v, 16, 0, 2, 8)).isCloseTo(1f, within(1e-5f));
        assertThat(at(v, 16, 1, 2, 8)).isCloseTo(-1f, within(1e-5f));
        assertThat(at(v, 16, 2, 2, 8)).isCloseTo(-1f, within(1e-5f));
        assertThat(at(v, 16, 1, 13, 15)).isCloseTo(1f, within(1e-5f));
    }

    @Test
    void aWideFrameIsLetterboxedBetweenBlackBars() {
        Tensor t = Tensor.allocateFloats(1, 3, 128, 128);
        FrameTensor.Placement p = FrameTensor.letterboxed(redAndWhite(200, 100), t);
        float[] v = new float[3 * 128 * 128];
        t.floats().get(0, v);

        assertThat(p.left()).isZero();
        assertThat(p.top()).isEqualTo(0.25);
        assertThat(p.width()).isEqualTo(1.0);
        assertThat(p.height()).isEqualTo(0.5);
        assertThat(p.frameY(0.25)).isZero();
        assertThat(p.frameY(0.75)).isEqualTo(1.0);
        assertThat(at(v, 128, 0, 10, 5)).isCloseTo(-1f, within(1e-5f));
        assertThat(at(v, 128, 0, 10, 64)).isCloseTo(1f, within(1e-5f));
        assertThat(at(v, 128, 1, 100, 64)).isCloseTo(1f, within(1e-5f));
    }

    @Test
    void framesWhosePixelsDoNotFillThemOrAreTooSmallAreRefused() {
        assertThatThrownBy(() -> FrameTensor.check("objects", new CameraFrame(0, 0, "", 1, 1, new byte[3]), 16))
                .isInstanceOf(VisionException.class)
                .hasMessage("objects: a 1 × 1 frame is too small to look at (at least 16 × 16 pixels)");
        assertThatThrownBy(() -> FrameTensor.check("faces", new CameraFrame(0, 0, "", 20, 20, new byte[5]), 16))
                .isInstanceOf(VisionException.class)
                .hasMessage("faces: a 20 × 20 frame needs 1200 bytes of RGB, got 5");
    }
}
