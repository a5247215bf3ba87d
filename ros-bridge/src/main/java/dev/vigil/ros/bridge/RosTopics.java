package dev.vigil.ros.bridge;

import dev.vigil.ros.transport.RosNames;

/**
 * The ROS topic names the agent publishes on; the defaults are ROS4HRI's (REP-155). Every name is
 * absolute ({@code /…}).
 *
 * @param intents       {@code hri_actions_msgs/Intent} out
 * @param utterances    {@code std_msgs/String} out, as each utterance starts
 * @param robotSpeaking {@code std_msgs/Bool} out
 * @param voices        the ROS4HRI voices namespace, {@code /humans/voices}: {@code <voices>/tracked}
 *                      ({@code hri_msgs/IdsList}), {@code <voices>/<voiceId>/speech} ({@code hri_msgs/LiveSpeech})
 *                      and {@code <voices>/<voiceId>/is_speaking} ({@code std_msgs/Bool})
 * @param voiceId       the id of the voice the agent hears; {@code anonymous_speaker} until voices are told apart
 */
public record RosTopics(String intents, String utterances, String robotSpeaking, String voices, String voiceId) {

    /** ROS4HRI's id for a voice not (yet) attributed to a person. */
    public static final String ANONYMOUS_SPEAKER = "anonymous_speaker";

    /** @throws IllegalArgumentException a name that is not an absolute ROS topic name, a voice id that is no name token */
    public RosTopics {
        for (String name : new String[] {intents, utterances, robotSpeaking, voices}) {
            if (!RosNames.isTopic(name)) {
                throw new IllegalArgumentException("\"" + name + "\" is not an absolute ROS topic name (like /intents)");
            }
        }
        if (!RosNames.isNode(voiceId)) {
            throw new IllegalArgumentException("voice id \"" + voiceId + "\": letters, digits and _ only, not starting with a digit");
        }
    }

    public static final RosTopics DEFAULTS = new RosTopics("/intents", "/robot_utterance", "/robot_speaking",
            "/humans/voices", ANONYMOUS_SPEAKER);

    /** {@code <voices>/<voiceId>/speech}: {@code hri_msgs/LiveSpeech}. */
    public String speech() {
        return voices + "/" + voiceId + "/speech";
    }

    /** {@code <voices>/<voiceId>/is_speaking}: {@code std_msgs/Bool}. */
    public String isSpeaking() {
        return voices + "/" + voiceId + "/is_speaking";
    }

    /** {@code <voices>/tracked}: {@code hri_msgs/IdsList}. */
    public String tracked() {
        return voices + "/tracked";
    }
}
