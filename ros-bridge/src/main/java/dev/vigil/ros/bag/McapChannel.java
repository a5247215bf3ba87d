package dev.vigil.ros.bag;

import java.util.Map;
import java.util.Objects;

/**
 * An MCAP Channel record (op 0x04): one stream of messages, for rosbag2 one ROS topic.
 *
 * @param id              0–65535, unique in its file
 * @param schema          the layout of its messages, or null for a channel without a schema (schema id 0)
 * @param topic           for ROS 2, the topic name: {@code /intents}
 * @param messageEncoding for ROS 2, {@code cdr}
 * @param metadata        for ROS 2, {@code offered_qos_profiles} (YAML) and, from Jazzy on, {@code topic_type_hash}
 */
public record McapChannel(int id, McapSchema schema, String topic, String messageEncoding, Map<String, String> metadata) {

    public McapChannel {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(messageEncoding, "messageEncoding");
        metadata = Map.copyOf(metadata);
    }

    /** The schema's name ({@code std_msgs/msg/String}), or empty without a schema. */
    public String schemaName() {
        return schema == null ? "" : schema.name();
    }
}
