package dev.vigil.launch.gst;

import dev.vigil.launch.io.DeviceException;
import dev.vigil.launch.io.DeviceListener;

import java.util.concurrent.TimeUnit;

/**
 * Keeps one device running on its own thread: steps it while it works; when it fails, releases it,
 * tells the listener once, and rebuilds it every {@link #RETRY_NANOS} until it works again, then
 * tells the listener that too. A device that never comes back costs one attempt a second.
 */
final class DeviceSupervisor implements AutoCloseable {

    static final long RETRY_NANOS = TimeUnit.SECONDS.toNanos(1);

    /** What the supervisor drives. All three are called on the supervisor's thread only (after start). */
    interface Device {
        /** Builds and starts a fresh pipeline. @throws DeviceException it does not work (one line) */
        void open() throws DeviceException, InterruptedException;

        /**
         * One turn of work while open (feed the device, or just watch it); returns within ~20 ms.
         *
         * @return null while the device works, else one line saying what failed
         */
        String step() throws InterruptedException;

        /** Stops and releases the current pipeline, if any; idempotent. */
        void release();
    }

    private final String label;
    private final Device device;
    private final DeviceListener listener;
    private final Thread thread;
    private volatile boolean closed;

    /**
     * @param label    the device as messages name it
     * @param device   already opened by the caller (so that {@code start} fails on the caller's thread)
     * @param listener told about failures and recoveries
     */
    DeviceSupervisor(String threadName, String label, Device device, DeviceListener listener) {
        this.label = label;
        this.device = device;
        this.listener = listener;
        this.thread = new Thread(this::run, threadName);
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /**
     * Opens {@code device} on the caller's thread — so that a device that does not work fails the
     * caller's {@code start} with its one line — then supervises it on a thread of its own.
     *
     * @throws DeviceException the device cannot be opened (it is released)
     */
    static DeviceSupervisor openAndSupervise(String threadName, String label, Device device, DeviceListener listener)
            throws DeviceException {
        try {
            device.open();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            device.release();
            throw new DeviceException(label + ": interrupted while opening");
        } catch (DeviceException e) {
            device.release();
            throw e;
        }
        DeviceSupervisor supervisor = new DeviceSupervisor(threadName, label, device, listener);
        supervisor.start();
        return supervisor;
    }

    /** Closes what a start made: the supervisor (which releases the device), else the device if any. */
    static void close(DeviceSupervisor supervisor, Device device) {
        if (supervisor != null) {
            supervisor.close();
        } else if (device != null) {
            device.release();
        }
    }

    private void run() {
        try {
            while (!closed) {
                String failure = device.step();
                if (failure != null && !closed) {
                    device.release();
                    listener.error(failure);
                    reopen();
                }
            }
        } catch (InterruptedException e) {
            // close() interrupts a sleep or a wait: nothing left to do
        } finally {
            device.release();
        }
    }

    private void reopen() throws InterruptedException {
        long since = System.nanoTime();
        while (!closed) {
            TimeUnit.NANOSECONDS.sleep(RETRY_NANOS);
            try {
                device.open();
                listener.recovered(label + ": works again after "
                        + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - since) + " ms");
                return;
            } catch (DeviceException e) {
                device.release();   // still gone; the listener already knows
            }
        }
    }

    /** Stops the thread and waits for it (it releases the device on its way out); idempotent. */
    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
