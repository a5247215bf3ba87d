package dev.vigil.policy.intent;

import dev.vigil.agent.vocabulary.Vocabulary;

import java.util.List;
import java.util.Set;

/**
 * Reads a command's words with the role parser's rules alone (no model): whether they make a whole
 * command yet ({@link Completeness}), whether words heard after a pause go on the command before it,
 * and whether they are a lone role. Built from the robot's {@link Vocabulary}, so that its own
 * places are read like the built-in ones. Immutable and thread-safe: the duplex core's event loop
 * calls {@link #isLoneRole}.
 */
public final class CommandReader {

    /** How far one step takes the robot unless its configuration says otherwise, metres. */
    public static final double DEFAULT_STEP_LENGTH_METRES = 0.5;

    private static final CommandReader BUILT_IN = new CommandReader(Vocabulary.builtIn(), DEFAULT_STEP_LENGTH_METRES);

    private final RoleParser parser;
    private final Set<String> words;

    /**
     * @param vocabulary       the robot's command words and places
     * @param stepLengthMetres the length of the robot's step, metres
     * @throws IllegalArgumentException a step length that is not a positive number
     */
    public CommandReader(Vocabulary vocabulary, double stepLengthMetres) {
        this.parser = new RoleParser(vocabulary, stepLengthMetres);
        this.words = vocabulary.allWords();
    }

    /** Every word of the robot's commands and places ({@link Vocabulary#allWords()}). */
    public Set<String> words() {
        return words;
    }

    /** The reader of the built-in vocabulary and step length. */
    public static CommandReader builtIn() {
        return BUILT_IN;
    }

    RoleParser parser() {
        return parser;
    }

    /** The places the robot can be sent to. */
    public List<Vocabulary.Place> places() {
        return parser.places();
    }

    /**
     * How complete {@code text} (a transcript, any case and punctuation) is. A stop is always
     * {@link Completeness#FINAL}; so is empty text.
     */
    public Completeness completeness(String text) {
        if (text == null || IntentRecognizer.isStop(text)) {
            return Completeness.FINAL;
        }
        return parser.completeness(IntentRecognizer.words(text));
    }

    /**
     * Whether {@code text} is a single role of a command without its verb ("ten meters", "a foot",
     * "back", "to the left", "the kitchen"): it means something only as the rest of a command begun
     * before a pause, and it is what a backchannel or a cough forced onto the grammar's parts comes out
     * as ("uh huh" came out as "a foot"), so over the robot's speech it must not cut the answer. Two
     * roles together ("forward ten meters", "left two steps") are a person telling the robot
     * something, with or without a verb: over the robot, the case where its first word was lost.
     */
    public boolean isLoneRole(String text) {
        return text != null && !IntentRecognizer.isStop(text) && parser.loneRole(IntentRecognizer.words(text));
    }

    /**
     * Whether {@code more}, heard after a pause, goes on the command begun with {@code held} rather
     * than starting a new one: always when {@code held} is {@link Completeness#INCOMPLETE} (its words mean
     * nothing alone); otherwise when the joined words are one consistent command of the same kind
     * ("go forward" + "ten meters"), or still an unfinished one ("go forward" + "ten"). "Go forward" +
     * "turn left" are two commands; "go forward" + "never mind" is not an extension either.
     */
    public boolean continues(String held, String more) {
        if (completeness(held) == Completeness.INCOMPLETE) {
            return true;
        }
        String joined = held + " " + more;
        if (completeness(joined) == Completeness.INCOMPLETE) {
            return true;
        }
        RoleParser.Parse before = parser.parse(IntentRecognizer.words(held));
        RoleParser.Parse after = parser.parse(IntentRecognizer.words(joined));
        return after.consistent() && before.frame() != null && after.frame().kind() == before.frame().kind();
    }
}
