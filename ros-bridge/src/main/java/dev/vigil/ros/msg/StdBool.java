package dev.vigil.ros.msg;

/**
 * {@code std_msgs/msg/Bool}: {@code bool data} (one byte, 0 or 1). {@code /robot_speaking}.
 *
 * @param data the value
 */
public record StdBool(boolean data) {

    public static final RosType<StdBool> TYPE = RosType.of("std_msgs/msg/Bool", 8,
            (m, out) -> out.uint8(m.data() ? 1 : 0), in -> new StdBool(in.uint8() != 0));
}
