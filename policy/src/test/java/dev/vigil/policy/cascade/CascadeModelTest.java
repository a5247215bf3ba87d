package dev.vigil.policy.cascade;

import dev.vigil.agent.bus.Addresses;
import dev.vigil.agent.clock.Clock;
import dev.vigil.agent.clock.VirtualClock;
import dev.vigil.agent.duplex.Decision;
import dev.vigil.agent.duplex.DuplexCore;
import dev.vigil.agent.duplex.DuplexModel;
import dev.vigil.agent.duplex.FloorSettings;
import dev.vigil.agent.duplex.Unit;
import dev.vigil.agent.message.Intent;
import dev.vigil.agent.message.Say;
import dev.vigil.agent.testing.BusHarness;
import dev.vigil.policy.intent.IntentRecognizer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.vigil.agent.testing.BusHarness.seconds;
import static dev.vigil.agent.testing.Messages.finalTranscript;
import static org.assertj.core.api.Assertions.assertThat;

/** The cascade behind a duplex core on the bus, with the real intent recogniser and a virtual clock. */
class CascadeModelTest {

    private static final String QUESTION = "Did you want me to move forward ten meters?";

    private static IntentRecognizer recognizer;
    private final BusHarness bus = new BusHarness();

    @BeforeAll
    static void open() throws Exception {
        recognizer = new IntentRecognizer();
    }

    @AfterAll
    static void closeRecognizer() {
        if (recognizer != null) {
            recognizer.close();
        }
    }

    @AfterEach
    void closeBus() {
        bus.close();
    }

    private void start(FloorSettings settings) {
        bus.deploy(new DuplexCore(new CascadeModel(recognizer), settings, bus.work(), bus.clock()))
                .record(Addresses.INTENTS, Addresses.SAY);
    }

    /** The user says {@code text}, ending at {@code endS}; the clock is there when the turn ends. */
    private void says(String text, double endS) {
        bus.advanceTo(seconds(endS));
        bus.send(Addresses.TRANSCRIPTS, finalTranscript(text, endS - 0.8, endS));
    }

    private List<String> said() {
        return bus.published(Addresses.SAY, Say.class).stream().map(Say::text).toList();
    }

    private List<Intent> moves() {
        return bus.published(Addresses.INTENTS, Intent.class).stream().filter(i -> i.intent().equals("move")).toList();
    }

    @Test
    void aDoubtfulCommandIsAskedAndAYesActsOnIt() {
        start(FloorSettings.defaults());
        says("go forward ten", 2.0);
        assertThat(said()).containsExactly(QUESTION);
        assertThat(moves()).as("nothing moves on a doubt").isEmpty();
        says("yes", 6.0);
        assertThat(moves()).singleElement()
                .satisfies(move -> assertThat(move.data()).isEqualTo("{\"direction\":\"forward\",\"distance\":10}"));
        assertThat(said()).containsExactly(QUESTION, "Okay.");
    }

    @Test
    void aNoDeclines() {
        start(FloorSettings.defaults());
        says("go forward ten", 2.0);
        says("no", 4.0);
        assertThat(moves()).isEmpty();
        assertThat(said()).containsExactly(QUESTION, "Okay, I won't.");
    }

    @Test
    void aYesAfterTheQuestionExpiredIsAFreshTurnAndMovesNothing() {
        start(FloorSettings.defaults());
        says("go forward ten", 2.0);
        bus.advanceTo(seconds(2.0 + 8.0));   // the default 8 s run out
        says("yes", 10.5);
        assertThat(moves()).isEmpty();
        assertThat(said()).first().isEqualTo(QUESTION);
        assertThat(said()).doesNotContain("Okay.");
    }

    @Test
    void theTimeoutIsASetting() {
        start(FloorSettings.defaults().withConfirmationTimeoutMillis(3000));
        says("go forward ten", 2.0);
        says("yes", 4.9);
        assertThat(moves()).as("within 3 s").hasSize(1);
        says("go forward ten", 6.0);
        says("yes", 9.1);
        assertThat(moves()).as("3.1 s later: expired").hasSize(1);
    }

    @Test
    void anInterruptDropsTheReplyBeingPreparedAndAQuestionNotYetAsked() {
        VirtualClock clock = new VirtualClock();
        List<Intent> published = new ArrayList<>();
        CascadeModel model = new CascadeModel(recognizer);
        model.prepare(new DuplexModel.Session() {
            public void publish(Intent intent) {
                published.add(intent);
            }

            public long nanos() {
                return clock.nanos();
            }

            public String lastPlayedText() {
                return "";
            }

            public Clock clock() {
                return clock;
            }

            public FloorSettings settings() {
                return FloorSettings.defaults();
            }
        });
        model.prefill(turn("go forward ten"));
        model.interrupt();   // the user barged in while the model was deciding
        assertThat(model.generate()).isEqualTo(Decision.LISTEN);
        model.prefill(turn("yes"));
        assertThat(published).as("the question was never put, so yes confirms nothing")
                .noneMatch(intent -> intent.intent().equals("move"));

        model.prefill(turn("go forward ten"));
        assertThat(model.generate()).isEqualTo(new Decision.Speak(QUESTION));
        model.interrupt();   // "yes" said over the question
        model.prefill(turn("yes"));
        assertThat(published).filteredOn(intent -> intent.intent().equals("move")).hasSize(1);
    }

    private static Unit turn(String text) {
        return new Unit(0, 0, seconds(1), new short[0], false, false, List.of(finalTranscript(text, 0.2, 1.0)), true);
    }
}
