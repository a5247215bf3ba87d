package dev.vigil.launch.io;

/**
 * What a device reports besides its audio. Called on the device's own threads; implementations
 * must not block.
 */
public interface DeviceListener {

    /**
     * The device failed or disappeared; it keeps trying to come back.
     *
     * @param message one line naming the device and the problem
     */
    void error(String message);

    /** The device works again after {@link #error}. */
    void recovered(String message);

    /**
     * The device captured audio that never arrived: its timestamps jump over a hole while it runs
     * (its buffer overran while the thread reading it was held up). Not called for the time a device
     * was gone between {@link #error} and {@link #recovered}.
     *
     * @param fromNanos     session time of the first missing sample
     * @param durationNanos how much audio is missing
     */
    default void lost(long fromNanos, long durationNanos) {
    }

    /**
     * Input from the device that could not be used (a malformed message, audio that contradicts its
     * announced format); it goes on. Counted in telemetry ({@code vigil.inputs.rejected}); the device
     * logs the first of each kind itself.
     *
     * @param problem one line naming the input and the problem
     */
    default void rejected(String problem) {
    }
}
