package dev.vigil.policy.intent;

import java.util.Locale;

/**
 * Whether the words heard so far end the user's turn, read from their meaning rather than from the
 * silence after them: a pause inside "go forward … ten meters" or "turn to the … left" is not the end
 * of the command. {@link CommandReader} reads it with the role parser's rules; no model runs, so this
 * is cheap enough for every final transcript.
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

    /** The name in reports: {@code incomplete}, {@code extendable}, {@code final}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
