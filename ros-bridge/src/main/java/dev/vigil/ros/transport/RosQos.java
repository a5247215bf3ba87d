package dev.vigil.ros.transport;

/**
 * The quality of service of one ROS 2 topic end, always given explicitly (the DDS library's own
 * default is best effort, ROS 2's is reliable).
 *
 * @param reliability {@code RELIABLE} (resent until acknowledged) or {@code BEST_EFFORT}
 * @param durability  {@code VOLATILE} or {@code TRANSIENT_LOCAL} (late joiners get the last {@code depth})
 * @param depth       keep-last history depth, 1 or more
 */
public record RosQos(Reliability reliability, Durability durability, int depth) {

    public enum Reliability { RELIABLE, BEST_EFFORT }

    public enum Durability { VOLATILE, TRANSIENT_LOCAL }

    /** ROS 2's default ({@code rmw_qos_profile_default}): reliable, volatile, keep last 10. */
    public static final RosQos DEFAULT = new RosQos(Reliability.RELIABLE, Durability.VOLATILE, 10);
    /** ROS 2's sensor data profile ({@code rmw_qos_profile_sensor_data}): best effort, volatile, keep last 5. */
    public static final RosQos SENSOR_DATA = new RosQos(Reliability.BEST_EFFORT, Durability.VOLATILE, 5);

    public RosQos {
        if (reliability == null || durability == null || depth < 1) {
            throw new IllegalArgumentException("QoS needs a reliability, a durability and a depth of 1 or more");
        }
    }
}
