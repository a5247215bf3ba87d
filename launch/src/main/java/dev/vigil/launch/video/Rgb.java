package dev.vigil.launch.video;

import java.awt.image.BufferedImage;

/** Conversions to the packed RGB of {@link dev.vigil.agent.message.CameraFrame}. */
final class Rgb {

    private Rgb() {
    }

    /** The image's pixels as packed RGB, rows top to bottom, no padding. */
    static byte[] of(BufferedImage image) {
        return dev.vigil.perception.vision.Images.rgb(image);
    }
}
