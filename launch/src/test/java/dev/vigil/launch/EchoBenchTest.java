package dev.vigil.launch;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.vigil.launch.replay.Report;
import dev.vigil.launch.scenario.Expectation;
import dev.vigil.launch.scenario.Scenario;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

import static org.assertj.core.api.Assertions.assertThat;

/** How a cell of the echo sweep is judged from a replay report. */
class EchoBenchTest {

    private static final Scenario ASKS_TO_TURN = new Scenario("cell", Path.of("cell.yaml"), List.of(), List.of(), List.of(),
            new Scenario.Echo(40, 12), Optional.empty(), OptionalDouble.empty(), true, Optional.empty(),
            List.of(new Expectation.IntentPublished("turn", Map.of(), Optional.of(new Expectation.Window(1, 4)))));

    private static Report report(List<Report.UtteranceEntry> replies, List<Report.IntentEntry> intents,
                                 List<Report.BargeInEntry> bargeIns) {
        var truth = List.of(new Report.TruthSegment(1.0, 1.6, true, 1), new Report.TruthSegment(8.0, 8.4, true, 1));
        return new Report("cell", "max", true, true, 12, List.of(), truth, List.of(), Map.of(), Map.of(), 2, 0, 0, 0, 0, 0, 0,
                List.of(), replies, intents, bargeIns, List.of(), List.of(), true, new Report.Processing(1, 12), Map.of(),
                List.of(), Map.of(), 0, 0, false, List.of());
    }

    private static Report.UtteranceEntry reply(int n, double at) {
        return new Report.UtteranceEntry("robot-" + n, at, at + 0.5, "Turning left.", "Turning", 300, true);
    }

    private static Report.IntentEntry intent(String name, double at) {
        return new Report.IntentEntry(name, JsonNodeFactory.instance.objectNode(), "user", "__modality_speech__", 1, 0.9, at);
    }

    @Test
    void repliesNobodyAskedForInARowAreAnAnswerLoop() {
        Report r = report(List.of(reply(1, 2.0), reply(2, 3.0), reply(3, 4.0), reply(4, 9.0)), List.of(),
                List.of());
        EchoBench.Cell cell = EchoBench.judge("loud", 40, 12, "slt", ASKS_TO_TURN, r);
        assertThat(cell.replies()).isEqualTo(4);
        assertThat(cell.unaskedReplies()).as("replies 2 and 3 followed no user utterance").isEqualTo(2);
        assertThat(cell.longestLoop()).isEqualTo(2);
        assertThat(EchoBench.holds(cell, 12)).isFalse();
    }

    @Test
    void aMotionIntentNoExpectationAskedForIsTheRobotsOwnVoice() {
        Report r = report(List.of(reply(1, 2.0)), List.of(intent("turn", 1.9), intent("move", 5.0),
                intent("stop", 6.0), intent("turn", 7.0)), List.of());
        EchoBench.Cell cell = EchoBench.judge("loud", 40, 12, "slt", ASKS_TO_TURN, r);
        assertThat(cell.unexpectedMotion()).as("the move, and the turn outside its window").isEqualTo(2);
        assertThat(EchoBench.holds(cell, 12)).isFalse();
    }

    @Test
    void onlyTheUsersBargeInsMustSilenceTheRobot() {
        Report r = report(List.of(reply(1, 2.0)), List.of(), List.of(
                new Report.BargeInEntry(8.2, 120.0, false, "robot-1"),
                new Report.BargeInEntry(5.0, null, false, "robot-1")));   // the robot's own voice
        EchoBench.Cell cell = EchoBench.judge("level", 40, 0, "slt", ASKS_TO_TURN, r);
        assertThat(cell.bargeIns()).isEqualTo(1);
        assertThat(cell.bargeInsStopped()).isEqualTo(1);
        assertThat(EchoBench.holds(cell, 12)).as("but two self-interruptions").isFalse();
    }
}
