package dev.vigil.ros.transport;

import dev.vigil.ros.msg.RosType;

/**
 * ROS 2 topics for one node: publishers and subscriptions by topic name, type and QoS. Names follow
 * ROS 2's DDS conventions, so that ROS 2 nodes (Humble, Jazzy) and plain DDS programs that follow them
 * see the same topics: the DDS topic of {@code /intents} is {@code rt/intents}, its type
 * {@link RosType#ddsName()}, its data XCDR1.
 */
public interface RosTransport extends AutoCloseable {

    /**
     * @param topic an absolute ROS topic name, e.g. {@code /intents}
     * @throws RosException the name is not a valid ROS topic name, or the DDS layer refused (one line)
     */
    <T> RosPublisher<T> publisher(String topic, RosType<T> type, RosQos qos) throws RosException;

    /**
     * Subscribes until the returned handle is closed.
     *
     * @param topic an absolute ROS topic name, e.g. {@code /audio_stamped}
     * @throws RosException the name is not a valid ROS topic name, or the DDS layer refused (one line)
     */
    <T> AutoCloseable subscribe(String topic, RosType<T> type, RosQos qos, RosListener<T> listener) throws RosException;

    /** Leaves the ROS graph: every publisher and subscription of this node ends. */
    @Override
    void close();
}
