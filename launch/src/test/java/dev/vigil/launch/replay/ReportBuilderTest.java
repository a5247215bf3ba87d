package dev.vigil.launch.replay;

import dev.vigil.launch.scenario.Scenario.Interval;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue "Floor control that holds in real rooms", item 5: a barge-in is charged only to the speech that caused it. */
class ReportBuilderTest {

    private static final double PRE_ROLL_S = 0.2;
    private static final List<Interval> USER = List.of(new Interval(1.0, 2.0), new Interval(6.0, 6.8));

    @Test
    void aBargeInIsCausedByTheSpeechItsFirstWindowLiesIn() {
        // The user's own onset: the segment starts a pre-roll before its first speech window at 1.03 s.
        assertThat(ReportBuilder.cause(USER, 0.83, PRE_ROLL_S)).contains(USER.get(0));
        assertThat(ReportBuilder.cause(USER, 5.81, PRE_ROLL_S)).contains(USER.get(1));
    }

    @Test
    void theRobotsOwnVoiceAfterTheUserStoppedIsNotChargedToTheUser() {
        // The reply's echo taken for the user 0.3 s after the user stopped (the 2260 ms "stop").
        assertThat(ReportBuilder.cause(USER, 2.3, PRE_ROLL_S)).isEmpty();
        // …or well before the user spoke.
        assertThat(ReportBuilder.cause(USER, 5.4, PRE_ROLL_S)).isEmpty();
    }
}
