package dev.vigil.launch.io;

import dev.vigil.agent.clock.Clock;
import dev.vigil.agent.message.AudioFrame;
import dev.vigil.speech.playback.Loudspeaker;

import java.util.function.Consumer;

/**
 * A loudspeaker device: pulls the robot's voice from a {@link Loudspeaker} queue at the device's pace
 * and reports every frame it plays, stamped with the session time it leaves the device (pull time +
 * the device latency it measured), so the echo canceller's reference lines up with the echo.
 */
public interface SpeakerSink extends AutoCloseable {

    /**
     * Opens the device and starts playing.
     *
     * @param clock       the session clock
     * @param loudspeaker the queue to pull from ({@link Loudspeaker#pull(short[], long)} with the play time)
     * @param played      receives each frame as played (silence included), for the AEC reference and recordings
     * @param listener    device failures and recoveries
     * @throws DeviceException the device cannot be opened (one line)
     */
    void start(Clock clock, Loudspeaker loudspeaker, Consumer<AudioFrame> played, DeviceListener listener)
            throws DeviceException;

    /** The output latency measured on the device, in nanoseconds (0 until known). */
    long latencyNanos();

    /** Short human description, e.g. {@code pulsesink device=speaker}. */
    String describe();

    /** Stops playing and releases the device; idempotent. */
    @Override
    void close();
}
