package dev.vigil.ros.camera;

/**
 * A hand-off of one item between a producer that must not wait (the DDS thread) and one consumer: a newer
 * item replaces one not yet taken, and the replaced ones are counted. For a camera the newest picture is
 * the one worth the work; a queue would only add latency behind a slow consumer.
 */
final class NewestOnly<T> {

    private T item;
    private long replaced;
    private boolean closed;

    /** Leaves {@code next} for the consumer; never blocks. @return whether it replaced an untaken item */
    synchronized boolean put(T next) {
        boolean replacing = item != null;
        if (replacing) {
            replaced++;
        }
        item = next;
        notifyAll();
        return replacing;
    }

    /** The newest item, waiting for one; null once closed. */
    synchronized T take() throws InterruptedException {
        while (item == null && !closed) {
            wait();
        }
        T next = item;
        item = null;
        return closed ? null : next;
    }

    /** Items replaced before they were taken. */
    synchronized long replaced() {
        return replaced;
    }

    synchronized void close() {
        closed = true;
        item = null;
        notifyAll();
    }
}
