package dev.vigil.launch.io;

import dev.vigil.agent.clock.Clock;
import dev.vigil.agent.message.AudioFrame;

import java.util.function.Consumer;

/**
 * A microphone: captured audio, mono, stamped on the session clock.
 * <p>
 * Frames are delivered in capture order on the source's own thread, each stamped with
 * {@link AudioFrame#captureNanos()} = the session time its first sample was captured, at any rate
 * (the agent resamples to 16 kHz). A multichannel device is reduced to one channel by the source
 * (a chosen channel, not a mix-down, when the configuration names one). While muted, the source
 * keeps the device open and delivers silence of the same length, so timestamps stay continuous.
 */
public interface MicrophoneSource extends AutoCloseable {

    /**
     * Opens the device and starts delivering frames.
     *
     * @param clock    the session clock the frames are stamped on
     * @param frames   receives each captured frame; must be fast (it only hands the frame on)
     * @param listener device failures and recoveries
     * @throws DeviceException the device cannot be opened (one line)
     */
    void start(Clock clock, Consumer<AudioFrame> frames, DeviceListener listener) throws DeviceException;

    /** Mutes or unmutes: muted capture is delivered as silence. */
    void setMuted(boolean muted);

    /** Short human description, e.g. {@code pulsesrc device=mic.monitor}. */
    String describe();

    /** Stops capture and releases the device; idempotent. */
    @Override
    void close();
}
