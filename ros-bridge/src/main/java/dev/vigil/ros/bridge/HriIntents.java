package dev.vigil.ros.bridge;

import dev.vigil.agent.message.Intent;
import dev.vigil.ros.msg.HriIntent;

import java.util.Map;

/**
 * Vigil's intents as ROS4HRI's {@code hri_actions_msgs/Intent}: the standard constant where one means
 * the same act, Vigil's own name otherwise ({@code move}, {@code turn}, … with their roles in SI units,
 * docs/commands.md). The roles ({@code data}) are the same JSON either way.
 */
public final class HriIntents {

    /** Vigil's name → ROS4HRI's constant (hri_actions_msgs/msg/Intent.msg). */
    static final Map<String, String> STANDARD = Map.of(
            "go_to", "__intent_move_to__",
            "stop", "__intent_stop_activity__",
            "greet", "__intent_greet__");

    private HriIntents() {
    }

    /** The message for {@code intent}; its source, modality, priority and confidence as they are. */
    public static HriIntent of(Intent intent) {
        return new HriIntent(STANDARD.getOrDefault(intent.intent(), intent.intent()),
                intent.data() == null ? "" : intent.data(), intent.source(), intent.modality(),
                intent.priority(), intent.confidence());
    }
}
