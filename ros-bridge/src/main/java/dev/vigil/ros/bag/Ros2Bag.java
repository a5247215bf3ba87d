package dev.vigil.ros.bag;

import dev.vigil.ros.msg.RosType;
import dev.vigil.ros.transport.RosQos;

import java.util.Map;

/**
 * What the MCAP registry's {@code ros2} profile asks of a file, as rosbag2's MCAP storage plugin
 * (rosbag2_storage_mcap) writes it: profile {@code ros2}; one channel per topic named as the topic,
 * message encoding {@code cdr}, metadata {@code offered_qos_profiles}; one schema per type named
 * {@code pkg/msg/Type}, encoding {@code ros2msg}, data the complete definition ({@link RosMsgDefinitions}).
 */
public final class Ros2Bag {

    public static final String PROFILE = "ros2";
    public static final String MESSAGE_ENCODING = "cdr";
    public static final String SCHEMA_ENCODING = "ros2msg";
    public static final String QOS_KEY = "offered_qos_profiles";

    private Ros2Bag() {
    }

    /**
     * Registers {@code topic} of {@code type}, offered with {@code qos}, on {@code writer}.
     *
     * @param topic an absolute ROS topic name, {@code /intents}
     * @return the channel id for {@link McapWriter#write}
     * @throws IllegalArgumentException a type without a definition in {@link RosMsgDefinitions}
     */
    public static int addTopic(McapWriter writer, String topic, RosType<?> type, RosQos qos) {
        int schema = writer.addSchema(type.name(), SCHEMA_ENCODING, RosMsgDefinitions.bytes(type.name()));
        return writer.addChannel(schema, topic, MESSAGE_ENCODING, Map.of(QOS_KEY, offeredQosProfiles(qos)));
    }

    /**
     * The YAML list of one QoS profile that rosbag2 stores per topic, with the policies as numbers (rmw's
     * enum values), the form Humble writes and reads and later releases read too (Iron and later write
     * names; Humble cannot read those). Deadline, lifespan and lease are 0 s: "the default" (infinite).
     * Liveliness is automatic (1), what DDS reports for Vigil's writers.
     */
    public static String offeredQosProfiles(RosQos qos) {
        int reliability = qos.reliability() == RosQos.Reliability.RELIABLE ? 1 : 2;
        int durability = qos.durability() == RosQos.Durability.TRANSIENT_LOCAL ? 1 : 2;
        return "- history: 1\n"
                + "  depth: " + qos.depth() + "\n"
                + "  reliability: " + reliability + "\n"
                + "  durability: " + durability + "\n"
                + "  deadline:\n    sec: 0\n    nsec: 0\n"
                + "  lifespan:\n    sec: 0\n    nsec: 0\n"
                + "  liveliness: 1\n"
                + "  liveliness_lease_duration:\n    sec: 0\n    nsec: 0\n"
                + "  avoid_ros_namespace_conventions: false";
    }
}
