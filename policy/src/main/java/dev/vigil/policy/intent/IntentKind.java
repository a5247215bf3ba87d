package dev.vigil.policy.intent;

import java.util.Optional;

/** The intents the recogniser produces, by their wire name in {@code Intent.intent}. */
public enum IntentKind {
    STOP("stop", false),
    CANCEL("cancel", false),
    REPEAT("repeat", false),
    WHAT_CAN_YOU_DO("what_can_you_do", false),
    /** "What are you doing?": answered from what the robot was last asked to do. */
    WHAT_ARE_YOU_DOING("what_are_you_doing", false),
    /** "Where are you going?": answered from the motion the robot was last asked for. */
    WHERE_ARE_YOU_GOING("where_are_you_going", false),
    GREET("greet", false),
    COME_HERE("come_here", true),
    FOLLOW_ME("follow_me", true),
    MOVE("move", true),
    TURN("turn", true),
    GO_TO("go_to", true);

    private final String wireName;
    private final boolean motion;

    IntentKind(String wireName, boolean motion) {
        this.wireName = wireName;
        this.motion = motion;
    }

    /** The string in {@code Intent.intent}, e.g. {@code go_to}. */
    public String wireName() {
        return wireName;
    }

    /**
     * Whether the robot's base moves: these need a stronger match, because acting on a misheard
     * motion command is worse than asking back.
     */
    public boolean isMotion() {
        return motion;
    }

    public static Optional<IntentKind> fromWireName(String name) {
        for (IntentKind k : values()) {
            if (k.wireName.equals(name)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }
}
