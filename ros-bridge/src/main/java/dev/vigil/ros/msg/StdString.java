package dev.vigil.ros.msg;

/**
 * {@code std_msgs/msg/String}: {@code string data}. Vigil's utterances and the {@code /say} requests of
 * robot behaviours.
 *
 * @param data UTF-8 text
 */
public record StdString(String data) {

    /** At most 64 KiB of text. */
    public static final RosType<StdString> TYPE = RosType.of("std_msgs/msg/String", 64 * 1024,
            (m, out) -> out.string(m.data()), in -> new StdString(in.string()));
}
