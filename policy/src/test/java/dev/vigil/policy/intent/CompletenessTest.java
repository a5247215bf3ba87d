package dev.vigil.policy.intent;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whether the words so far end a command, read from the grammar's roles alone (no model). Phrasings
 * are kept apart from the exemplars and the recognition grammar's own sentences.
 */
class CompletenessTest {

    private static final CommandReader READER = CommandReader.builtIn();

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {
        "rotate to the",            // the direction is still coming
        "please head towards",
        "could you drive into the",
        "walk forwards twenty",     // a number, its unit not said yet
        "spin left forty",
        "roll ahead three point",
        "move forward half",
        "bring me",                 // a verb and nothing it governs
        "could you please rotate",
        "swivel",
        "head to the conference",   // the first words of a place name
        "navigate to the charging",
        "drive two metres",         // how far, not which way
        "walk to the uh",           // hesitating
    })
    void wordsThatCannotEndACommandAreIncomplete(String text) {
        assertThat(READER.completeness(text)).isEqualTo(Completeness.INCOMPLETE);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {
        "roll forwards",                 // a distance may follow
        "could you drive backwards",
        "scoot over to the right",
        "swivel to your left",           // an angle may follow
        "pivot right",
    })
    void aWholeMotionCommandThatCouldGrowIsExtendable(String text) {
        assertThat(READER.completeness(text)).isEqualTo(Completeness.EXTENDABLE);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {
        "halt",                            // stop words end everything
        "wait stop",
        "walk with me",                    // nothing to add
        "follow",
        "approach me",
        "please head to the lounge",       // a place is all a go-to needs
        "navigate to the front desk",
        "roll forwards six feet",          // every role given
        "pivot to the right forty five degrees",
        "spin round",                      // around is a whole turn
        "swivel left a little",            // a vague amount instead of a number
        "drive backwards please",          // a closing word
        "what are your skills",            // not a motion command
        "good to see you",
        "how warm is it outside",
        "",
    })
    void everythingElseIsFinal(String text) {
        assertThat(READER.completeness(text)).isEqualTo(Completeness.FINAL);
    }

    @ParameterizedTest(name = "\"{0}\" + \"{1}\": {2}")
    @CsvSource({
        "rotate to the, right, true",              // the held words mean nothing alone
        "bring me, to the lounge, true",
        "roll forwards, six feet, true",           // a distance extends a move
        "roll forwards, twenty, true",             // …and so does the start of one
        "pivot left, ninety degrees, true",        // an angle extends a turn
        "drive backwards, please, true",
        "roll forwards, pivot left, false",        // two commands
        "drive backwards, approach me, false",
        "roll forwards, oh never mind, false",     // taking it back is no extension
        "pivot left, pivot right, false",
    })
    void whatFollowsAPauseContinuesTheHeldWordsOrStartsAnew(String held, String more, boolean continues) {
        assertThat(READER.continues(held, more)).isEqualTo(continues);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"INCOMPLETE, incomplete", "EXTENDABLE, extendable", "FINAL, final"})
    void reportNames(Completeness completeness, String id) {
        assertThat(completeness.id()).isEqualTo(id);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {
        "twelve metres",            // the rest of "walk forwards … twelve metres"
        "a foot",                   // what "uh huh" over the robot came out as
        "to your right",
        "the charging station",
        "left",
    })
    void aSingleRoleWithoutAVerbIsALoneRole(String text) {
        assertThat(READER.isLoneRole(text)).isTrue();
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {
        "forwards six metres",      // "go" lost under the robot's voice: still someone talking to it
        "two steps to the left",
        "stop",                     // never a part: the stop always takes the floor
        "halt right there",
        "back up a little",         // "back" is a verb here
        "spin to the left",
        "what are you able to do",
        "okay hi",
        "",
    })
    void twoRolesCommandsQuestionsAndChatAreNoLoneRole(String text) {
        assertThat(READER.isLoneRole(text)).isFalse();
    }
}
