package dev.vigil.launch.io;

/**
 * A device that cannot be opened or described: a pipeline that does not parse, a device that does
 * not exist. The message is one line naming the device and the problem.
 */
public final class DeviceException extends Exception {

    public DeviceException(String message) {
        super(message);
    }

    public DeviceException(String message, Throwable cause) {
        super(message, cause);
    }
}
