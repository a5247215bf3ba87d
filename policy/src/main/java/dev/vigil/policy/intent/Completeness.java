package dev.vigil.policy.intent;

import java.util.Locale;

/**
 * Whether the words heard so far end the user's turn, read from their meaning rather than from the
 * silence after them: a pause inside "go forward … ten meters" or "turn to the … left" is not the end
 * of the command. The rules of {@link RoleParser} decide; no model runs, so this is cheap enough for
 * every final transcript.
 */
public enum Completeness {

    /** The words cannot end a command: "turn to the", "go forward ten", "take me". Wait for the rest. */
    INCOMPLETE,
    /**
     * A whole motion command that an optional role could still follow: "go forward" (a distance),
     * "turn left" (an angle). Wait a little before moving.
     */
    EXTENDABLE,
    /**
     * Nothing more is expected: a command with every role ("go to the kitchen", "move back two
     * meters"), one that takes none ("stop", "follow me", "what can you do"), or no command at all.
     */
    FINAL;

    private static final RoleParser PARSER = new RoleParser();

    /** The name in reports: {@code incomplete}, {@code extendable}, {@code final}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * How complete {@code text} (a transcript, any case and punctuation) is. A stop is always
     * {@link #FINAL}; so is empty text.
     */
    public static Completeness of(String text) {
        if (text == null || IntentRecognizer.isStop(text)) {
            return FINAL;
        }
        return PARSER.completeness(IntentRecognizer.words(text));
    }

    /**
     * Whether {@code text} is a single role of a command without its verb ("ten meters", "a foot",
     * "back", "to the left", "the kitchen"): it means something only as the rest of a command begun
     * before a pause, and it is what a backchannel or a cough forced onto the grammar's parts comes out
     * as ("uh huh" came out as "a foot"), so over the robot's speech it must not cut the answer. Two
     * roles together ("forward ten meters", "left two steps") are a person telling the robot
     * something, with or without a verb: over the robot, the case where its first word was lost.
     */
    public static boolean isLoneRole(String text) {
        return text != null && !IntentRecognizer.isStop(text) && PARSER.loneRole(IntentRecognizer.words(text));
    }

    /**
     * Whether {@code more}, heard after a pause, goes on the command begun with {@code held} rather
     * than starting a new one: always when {@code held} is {@link #INCOMPLETE} (its words mean
     * nothing alone); otherwise when the joined words are one consistent command of the same kind
     * ("go forward" + "ten meters"), or still an unfinished one ("go forward" + "ten"). "Go forward" +
     * "turn left" are two commands; "go forward" + "never mind" is not an extension either.
     */
    public static boolean continues(String held, String more) {
        if (of(held) == INCOMPLETE) {
            return true;
        }
        String joined = held + " " + more;
        if (of(joined) == INCOMPLETE) {
            return true;
        }
        RoleParser.Parse before = PARSER.parse(IntentRecognizer.words(held));
        RoleParser.Parse after = PARSER.parse(IntentRecognizer.words(joined));
        return after.consistent() && before.frame() != null && after.frame().kind() == before.frame().kind();
    }
}
