package dev.vigil.perception.vision;

import dev.vigil.agent.message.CameraFrame;
import dev.vigil.agent.message.Observation;

import java.util.List;

/**
 * A vision engine: one camera frame in, what it saw out. Implementations: PP-OCRv4 text reading
 * ({@code ocr}), the signal-light reader ({@code light}), the MediaPipe object detector ({@code objects})
 * and BlazeFace ({@code faces}); on Jetson the same models as TensorRT plans, later.
 * <p>
 * <b>Threads.</b> {@link #observe} is called from one vision worker at a time, never from an event
 * loop: it may take as long as inference takes. An engine is not required to be thread-safe.
 */
public interface VisionEngine extends AutoCloseable {

    /** A short name for reports and events: {@code ocr}, {@code objects}, {@code faces}, {@code light}. */
    String name();

    /**
     * What the engine sees in {@code frame}.
     *
     * @return the observations, possibly empty; boxes are fractions of {@code frame}
     * @throws VisionException the engine failed on this frame (the sampler reports it and goes on)
     */
    List<Observation> observe(CameraFrame frame);

    /** Releases native resources. Idempotent. */
    @Override
    void close();
}
