package dev.vigil.launch.io;

import dev.vigil.agent.clock.Clock;
import dev.vigil.agent.message.CameraFrame;

import java.util.function.Consumer;

/**
 * A camera the agent watches (a GStreamer pipeline, a ROS topic, a scenario's video). Frames are
 * packed RGB ({@link CameraFrame}); a source that falls behind skips to the newest frame rather than
 * queueing old ones.
 */
public interface CameraSource extends AutoCloseable {

    /**
     * Opens the camera and starts delivering frames.
     *
     * @param clock    the session clock the frames are stamped on ({@link CameraFrame#captureNanos()})
     * @param frames   receives each frame; must be fast (it only hands the frame on)
     * @param listener failures, recoveries and rejected frames
     * @throws DeviceException the camera cannot be opened (one line)
     */
    void start(Clock clock, Consumer<CameraFrame> frames, DeviceListener listener) throws DeviceException;

    /** Short human description, e.g. {@code v4l2src device=/dev/video0}. */
    String describe();

    /** Stops capture and releases the camera; idempotent. */
    @Override
    void close();
}
