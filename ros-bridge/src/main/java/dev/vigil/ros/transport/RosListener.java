package dev.vigil.ros.transport;

/**
 * Receives one topic's messages, on the DDS layer's thread: hand them on, never block.
 *
 * @param <T> the message record
 */
public interface RosListener<T> {

    void message(T message);

    /**
     * A sample that is not a valid message of the topic's type; the subscription goes on.
     *
     * @param problem one line: what is wrong and where
     */
    void malformed(String problem);
}
