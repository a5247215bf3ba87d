package dev.vigil.agent.message;

/**
 * An operation the robot is asked to perform, with the fields of ROS4HRI's
 * {@code hri_actions_msgs/Intent} (whose {@code intent} field is called {@code action} in older
 * releases), published on {@code /intents}.
 *
 * @param intent     what to do: {@code stop}, {@code move}, {@code turn}, {@code go_to}, … (custom
 *                   strings are allowed by the message definition)
 * @param data       a JSON object of thematic roles, e.g. {@code {"direction":"forward","distance":10}}
 * @param source     who expressed it: a person id, or one of the constants below
 * @param modality   how it was conveyed: one of the {@code MODALITY_} constants
 * @param priority   0 (lowest) … 255; 128 by default
 * @param confidence 0..1 that it was perceived and interpreted right
 * @param atNanos    session time of the evidence it rests on (end of the utterance)
 */
public record Intent(String intent, String data, String source, String modality, int priority, float confidence,
                     long atNanos) {

    public static final String ROBOT_ITSELF = "__myself__";
    public static final String REMOTE_SUPERVISOR = "__remote_supervisor__";
    public static final String UNKNOWN_AGENT = "__unknown_agent__";
    public static final String UNKNOWN = "__unknown__";

    // ROS4HRI's values since hri_actions_msgs 0.4.0 (ROS 2: 2.0): before, the constants were quoted
    // ("speech") and the quotes were part of the value.
    public static final String MODALITY_SPEECH = "__modality_speech__";
    public static final String MODALITY_MOTION = "__modality_motion__";
    public static final String MODALITY_TOUCHSCREEN = "__modality_touchscreen__";
    public static final String MODALITY_OTHER = "__modality_other__";
    public static final String MODALITY_INTERNAL = "__modality_internal__";

    public static final int DEFAULT_PRIORITY = 128;

    public Intent {
        if (priority < 0 || priority > 255) {
            throw new IllegalArgumentException("intent priority is 0..255, was " + priority);
        }
        if (!(confidence >= 0 && confidence <= 1)) {
            throw new IllegalArgumentException("intent confidence is 0..1, was " + confidence);
        }
    }
}
