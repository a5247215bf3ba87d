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
}
