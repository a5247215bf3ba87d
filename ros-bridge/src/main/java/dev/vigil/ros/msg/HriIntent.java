package dev.vigil.ros.msg;

/**
 * {@code hri_actions_msgs/msg/Intent} (ROS4HRI, hri_actions_msgs 0.4.0 and later, ROS 2 2.0.1): what a person
 * wants the robot to do, for its behaviours. No header.
 *
 * @param intent     {@code __intent_move_to__}, {@code __intent_stop_activity__}, … or a name of the robot's own
 * @param data       the intent's roles as a JSON object ({@code {"goal": "kitchen"}}), or empty
 * @param source     who asked: {@code __unknown_agent__}, {@code __myself__} or a person's id
 * @param modality   {@code __modality_speech__}, {@code __modality_motion__}, {@code __modality_touchscreen__},
 *                   {@code __modality_other__} or {@code __modality_internal__}
 * @param priority   0–255; 255 the most urgent ({@code stop})
 * @param confidence 0–1
 */
public record HriIntent(String intent, String data, String source, String modality, int priority,
                        float confidence) {

    public HriIntent {
        if (priority < 0 || priority > 255) {
            throw new IllegalArgumentException("priority is a uint8 (0–255), was " + priority);
        }
    }

    /** At most 64 KiB of text in all. */
    public static final RosType<HriIntent> TYPE = RosType.of("hri_actions_msgs/msg/Intent", 64 * 1024,
            (m, out) -> out.string(m.intent()).string(m.data()).string(m.source()).string(m.modality())
                    .uint8(m.priority()).float32(m.confidence()),
            in -> new HriIntent(in.string(), in.string(), in.string(), in.string(), in.uint8(), in.float32()));
}
