package dev.vigil.agent.message;

import java.util.List;

/**
 * What one vision engine saw in one sampled camera frame, published on
 * {@code vigil.perceive.observations}. Every sampled frame gives one message per engine, also when the
 * engine saw nothing (an empty list): "the dog left" is a frame without a dog.
 *
 * @param engine       the engine's name ({@code ocr}, {@code objects}, {@code faces}, {@code light})
 * @param captureNanos session time the frame reached the agent ({@link CameraFrame#captureNanos()})
 * @param frameWidth   the frame as the camera gave it, pixels
 * @param frameHeight  rows
 * @param observations what was seen, in the engine's order (reading order for text, best score first
 *                     for detections)
 * @param computeNanos wall-clock time the engine took on the frame (a processing figure: it differs
 *                     between runs, so replay reports keep it under {@code processing})
 */
public record SceneObservations(String engine, long captureNanos, int frameWidth, int frameHeight,
                                List<Observation> observations, long computeNanos) {

    public SceneObservations {
        if (engine == null || engine.isBlank()) {
            throw new IllegalArgumentException("observations name their engine");
        }
        observations = List.copyOf(observations);
    }
}
