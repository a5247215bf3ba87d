package dev.vigil.ros.transport;

/**
 * Publishes messages of one type on one topic. Thread-safe.
 *
 * @param <T> the message record
 */
public interface RosPublisher<T> extends AutoCloseable {

    /**
     * Serializes and sends {@code message}; with a reliable QoS it may wait briefly for room in the
     * history, never for a reader.
     *
     * @throws RosException the message does not fit its type's size, or the DDS layer failed (one line)
     */
    void publish(T message) throws RosException;

    @Override
    void close();
}
