package dev.vigil.ros.bag;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * An MCAP Schema record (op 0x03): how the messages of the channels that name it are laid out.
 *
 * @param id       1–65535, unique in its file
 * @param name     for ROS 2, the type: {@code std_msgs/msg/String}
 * @param encoding for ROS 2, {@code ros2msg} (or {@code ros2idl}); empty when there is no schema
 * @param data     for {@code ros2msg}, the UTF-8 {@code .msg} text with its dependencies
 *                 ({@link RosMsgDefinitions}); owned by the record, do not modify
 */
public record McapSchema(int id, String name, String encoding, byte[] data) {

    public McapSchema {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(encoding, "encoding");
        Objects.requireNonNull(data, "data");
    }

    /** {@link #data()} as UTF-8 text. */
    public String text() {
        return new String(data, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof McapSchema s && s.id == id && s.name.equals(name) && s.encoding.equals(encoding)
                && Arrays.equals(s.data, data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, name, encoding, Arrays.hashCode(data));
    }

    @Override
    public String toString() {
        return "McapSchema[" + id + ", " + name + ", " + encoding + ", " + data.length + " bytes]";
    }
}
