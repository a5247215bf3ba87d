package dev.vigil.ros.bridge;

/**
 * The ROS topic names the agent uses; the defaults are ROS4HRI's (REP-155) and the drivers' users
 * already run. Every name is absolute ({@code /…}).
 *
 * @param intents       {@code hri_actions_msgs/Intent} out
 * @param utterances    {@code std_msgs/String} out, as each utterance starts
 * @param robotSpeaking {@code std_msgs/Bool} out
 */
public record RosTopics(String intents, String utterances, String robotSpeaking) {

    /** @throws IllegalArgumentException a name that is not an absolute ROS topic name */
    public RosTopics {
        for (String name : new String[] {intents, utterances, robotSpeaking}) {
            if (!dev.vigil.ros.transport.RosNames.isTopic(name)) {
                throw new IllegalArgumentException("\"" + name + "\" is not an absolute ROS topic name (like /intents)");
            }
        }
    }

    public static final RosTopics DEFAULTS = new RosTopics("/intents", "/robot_utterance", "/robot_speaking");
}
