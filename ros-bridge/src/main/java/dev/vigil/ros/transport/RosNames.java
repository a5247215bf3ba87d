package dev.vigil.ros.transport;

import java.util.regex.Pattern;

/** ROS 2 names (design article "Topic and Service name mapping to DDS"), as far as Vigil uses them. */
public final class RosNames {

    /** An absolute topic name: {@code /a/b_c}; each token starts with a letter or '_', no '//' , no trailing '/'. */
    private static final Pattern TOPIC = Pattern.compile("(/[A-Za-z_][A-Za-z0-9_]*)+");
    /** A node name: letters, digits, '_', not starting with a digit. */
    private static final Pattern NODE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private RosNames() {
    }

    /** Whether {@code name} is an absolute ROS topic name, e.g. {@code /intents}. */
    public static boolean isTopic(String name) {
        return name != null && TOPIC.matcher(name).matches();
    }

    /**
     * Whether {@code id} is a ROS domain id: 0–232, the range ROS 2 documents for the default DDS port
     * mapping on every platform ("The ROS_DOMAIN_ID").
     */
    public static boolean isDomainId(int id) {
        return id >= 0 && id <= 232;
    }

    /** Whether {@code name} is a ROS node name, e.g. {@code vigil}. */
    public static boolean isNode(String name) {
        return name != null && NODE.matcher(name).matches();
    }
}
