package dev.vigil.launch.video;

import dev.vigil.agent.message.CameraFrame;

/**
 * A video's frames, made or decoded one at a time as they are asked for. Each frame's
 * {@link CameraFrame#captureNanos()} is its scenario time (the session time of a replay);
 * {@link CameraFrame#stampNanos()} its time inside the video. Not thread-safe: one reader.
 */
public interface FrameStream extends AutoCloseable {

    /**
     * The next frame, in time order, or null after the last.
     *
     * @throws VideoException the video cannot be read on (one line); a single bad image of a folder
     *                        is not this but a rejected frame, and the stream goes on
     */
    CameraFrame next() throws VideoException;

    /** Releases what the stream holds (a decoder); idempotent. */
    @Override
    void close();
}
