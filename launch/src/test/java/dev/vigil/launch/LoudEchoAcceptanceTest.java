package dev.vigil.launch;

import dev.vigil.launch.scenario.ScenarioLoader;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #7, the echo sweep's loud cells, which failed before band evidence (docs/performance.md, "Echo
 * in a realistic room"): the five-turn conversation of {@code scenarios/echo-long-answers.yaml} in its
 * room (reverberation, a clipping loudspeaker, clock drift) with the loudspeaker 6 dB louder at the
 * microphone than its signal (its "stop" over the third answer was missed) and 12 dB louder (no answer
 * loop, no motion from the robot's own voice). Full speed with the real engines, deterministic;
 * 2 × 51 s of audio. The other 13 cells: {@code ./vigil bench echo}.
 */
class LoudEchoAcceptanceTest {

    private static final double LOUD_DB = 12;

    @Test
    void aUserIsHeardOverALoudEchoAndALouderOneNeverLoops() throws Exception {
        var conversation = ScenarioLoader.load(Cli.project().resolve("scenarios/echo-long-answers.yaml"));
        var first = ScenarioLoader.load(Cli.project().resolve("scenarios/echo-first-answer.yaml"));
        var table = new ByteArrayOutputStream();
        List<EchoBench.Cell> cells = new EchoBench(new PrintStream(table, true, StandardCharsets.UTF_8), true, LOUD_DB, null)
                .run(conversation, first, List.of(), conversation.echo().gainDb(), List.of(6.0), conversation.echo().delayMs(),
                        List.of());
        assertThat(cells).as("the +6 dB cell and the +12 dB one").hasSize(2);
        assertThat(cells).as(table.toString(StandardCharsets.UTF_8))
                .allSatisfy(c -> assertThat(EchoBench.holds(c, LOUD_DB)).isTrue());
        EchoBench.Cell six = cells.get(0);
        assertThat(six.gainDb()).isEqualTo(6);
        assertThat(six.missed()).as("the \"stop\" over the third answer heard").isZero();
        assertThat(six.bargeInsStopped()).isEqualTo(six.bargeIns()).isEqualTo(2);
    }
}
