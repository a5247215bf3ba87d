package dev.vigil.policy.watch;

import dev.vigil.agent.bus.Addresses;
import dev.vigil.agent.duplex.DuplexCore;
import dev.vigil.agent.duplex.FloorSettings;
import dev.vigil.agent.message.Box;
import dev.vigil.agent.message.Intent;
import dev.vigil.agent.message.Observation;
import dev.vigil.agent.message.Say;
import dev.vigil.agent.message.SceneObservations;
import dev.vigil.agent.message.StopSpeaking;
import dev.vigil.agent.message.Transcript;
import dev.vigil.agent.message.UtteranceStarted;
import dev.vigil.agent.message.VisionDemand;
import dev.vigil.agent.message.WatchUpdate;
import dev.vigil.agent.testing.BusHarness;
import dev.vigil.policy.cascade.CascadeModel;
import dev.vigil.policy.intent.IntentRecognizer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static dev.vigil.agent.testing.BusHarness.seconds;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Watches end to end at message level: asked for in speech, judged on observations, the alert cutting
 * the robot's own answer; the cascade, the duplex core and the watch verticle on one bus, a virtual
 * clock. The observations stand in for the OCR engine's (its own tests read real images).
 */
class WatchConversationTest {

    private static IntentRecognizer recognizer;

    @RegisterExtension
    final BusHarness bus = new BusHarness();
    private final WatchBook book = new WatchBook(WatchSettings.defaults());

    @BeforeAll
    static void open() throws Exception {
        recognizer = new IntentRecognizer();
    }

    @AfterAll
    static void close() {
        if (recognizer != null) {
            recognizer.close();
        }
    }

    private void start() {
        bus.record(Addresses.SAY, Addresses.INTENTS, Addresses.WATCHES, Addresses.VISION_DEMAND, Addresses.STOP_SPEAKING);
        bus.deploy(new WatchVerticle(book, bus.clock(), bus.work()));
        bus.deploy(new DuplexCore(new CascadeModel(recognizer, book), FloorSettings.defaults(), bus.work(), bus.clock()));
    }

    /** Free words: the grammar found none, Whisper's are the final's. */
    private void says(String whisper, double startS, double endS) {
        bus.advanceTo(seconds(endS));
        bus.send(Addresses.TRANSCRIPTS, new Transcript(whisper, true, 0.9f, seconds(startS), seconds(endS), "en",
                Transcript.Tier.OPEN, null));
    }

    private void display(double atS, String shown) {
        bus.advanceTo(seconds(atS));
        bus.send(Addresses.OBSERVATIONS, new SceneObservations("ocr", seconds(atS), 640, 480,
                List.of(new Observation(Observation.Kind.TEXT, shown, 0.97, Box.WHOLE_FRAME)), 0));
    }

    private List<String> said() {
        return bus.published(Addresses.SAY, Say.class).stream().map(Say::text).toList();
    }

    @Test
    void askedInSpeechItFiresAtSixteenCuttingTheRobotsOwnAnswer() {
        start();
        says("Could you let me know when we get to the 16th floor?", 1.0, 3.0);
        assertThat(said()).containsExactly("Okay, I'll tell you when we get to the 16th floor.");
        assertThat(bus.published(Addresses.WATCHES, WatchUpdate.class)).singleElement().satisfies(u -> {
            assertThat(u.change()).isEqualTo(WatchUpdate.CREATED);
            assertThat(u.condition()).isEqualTo("text shows \"16\"");
        });
        assertThat(bus.published(Addresses.VISION_DEMAND, VisionDemand.class)).extracting(VisionDemand::hz)
                .containsExactly(4.0);
        for (int floor = 12; floor <= 15; floor++) {
            display(4 + (floor - 12) * 0.5, String.valueOf(floor));
            display(4.25 + (floor - 12) * 0.5, String.valueOf(floor));
        }
        says("What can you do?", 5.5, 6.2);
        bus.send(Addresses.UTTERANCE_STARTED, new UtteranceStarted("robot-2", "I can", seconds(6.3)));
        display(6.5, "16");
        assertThat(bus.published(Addresses.STOP_SPEAKING)).isEmpty();
        display(6.75, "16");
        assertThat(bus.published(Addresses.STOP_SPEAKING, StopSpeaking.class)).singleElement()
                .satisfies(s -> assertThat(s.reason()).isEqualTo("alert"));
        assertThat(said()).last().isEqualTo("We've reached floor 16.");
        assertThat(bus.published(Addresses.INTENTS, Intent.class)).filteredOn(i -> i.intent().equals("watch_fired"))
                .singleElement().satisfies(i -> {
                    assertThat(i.source()).isEqualTo(Intent.ROBOT_ITSELF);
                    assertThat(i.atNanos()).isEqualTo(seconds(6.75));
                    assertThat(i.data()).contains("\"watch\":\"w1\"", "\"condition\":\"text shows \\\"16\\\"\"");
                });
        assertThat(bus.published(Addresses.WATCHES, WatchUpdate.class)).extracting(WatchUpdate::change)
                .containsExactly(WatchUpdate.CREATED, WatchUpdate.FIRED);
        assertThat(bus.published(Addresses.VISION_DEMAND, VisionDemand.class)).extracting(VisionDemand::hz)
                .containsExactly(4.0, 0.0);
        display(7.0, "16");
        display(7.25, "16");
        assertThat(said()).filteredOn(s -> s.contains("16.")).as("fires once").hasSize(1);
    }

    /**
     * A lead-in word the open tier misheard is read as the watch word it sounds like. The predicate is
     * a stand-in for the speech module's CMU-dictionary rule (SoundsAlike, not a dependency of this
     * module); with the real rule and Whisper, ConversesAcceptanceTest#watchRequestsAreHeardWordForWordAndMoveNothing.
     */
    @Test
    void aMisheardLeadInWordIsReadAsTheWatchWordItSoundsLike() throws Exception {
        try (IntentRecognizer respelling = new IntentRecognizer(dev.vigil.engines.models.ModelCatalog.load(),
                dev.vigil.engines.models.ModelStore.fromEnvironment(), dev.vigil.engines.EngineOptions.defaults(),
                dev.vigil.policy.intent.CommandReader.builtIn(), (heard, word) -> heard.equals("warm") && word.equals("warn"))) {
            bus.record(Addresses.SAY, Addresses.WATCHES);
            bus.deploy(new WatchVerticle(book, bus.clock(), bus.work()));
            bus.deploy(new DuplexCore(new CascadeModel(respelling, book), FloorSettings.defaults(), bus.work(), bus.clock()));
            says("Warm me if the light turns red.", 1.0, 2.5);
            assertThat(said()).containsExactly("Okay, I'll tell you when the light turns red.");
            assertThat(bus.published(Addresses.WATCHES, WatchUpdate.class)).singleElement()
                    .satisfies(u -> assertThat(u.text()).isEqualTo("warn me if the light turns red"));
            says("Warm me up a little.", 3.0, 4.0);
            assertThat(said()).as("no watch in other words").last().isNotEqualTo("Okay, I'll tell you when up a little.");
            assertThat(bus.published(Addresses.WATCHES, WatchUpdate.class)).hasSize(1);
        }
    }

    @Test
    void listedAndTakenBackInSpeech() {
        start();
        says("Give me a shout once the screen shows ready.", 1.0, 2.5);
        says("And warn me if the traffic light turns red.", 3.0, 4.5);
        says("What are you watching for?", 5.0, 6.0);
        assertThat(said()).last().isEqualTo(
                "I'm watching for 2 things: when the screen shows ready; and when the traffic light turns red.");
        says("Stop watching the light.", 7.0, 8.0);
        assertThat(said()).last().isEqualTo("Okay, I've stopped watching for when the traffic light turns red.");
        says("What are you keeping an eye on?", 9.0, 10.0);
        assertThat(said()).last().isEqualTo("I'm watching for one thing: when the screen shows ready.");
        assertThat(bus.published(Addresses.WATCHES, WatchUpdate.class)).extracting(u -> u.change() + " " + u.id())
                .containsExactly("created w1", "created w2", "cancelled w2");
    }

    @Test
    void aWatchExpiresOnTheSessionClock() {
        start();
        says("Tell me when someone comes in, for the next 30 seconds.", 1.0, 3.0);
        bus.advanceTo(seconds(32.9));
        assertThat(bus.published(Addresses.WATCHES, WatchUpdate.class)).hasSize(1);
        bus.advanceTo(seconds(33.1));
        assertThat(bus.published(Addresses.WATCHES, WatchUpdate.class)).extracting(WatchUpdate::change)
                .containsExactly(WatchUpdate.CREATED, WatchUpdate.EXPIRED);
        assertThat(book.list()).isEmpty();
    }

    @Test
    void somethingItCannotWatchForIsSaidSo() {
        start();
        says("Tell me when it starts raining.", 1.0, 2.0);
        assertThat(said()).singleElement().asString().startsWith("I can't watch for that yet.");
        assertThat(book.list()).isEmpty();
    }

    @Test
    void aQuestionAboutTheDisplayIsAnsweredFromWhatTheCameraLastShowed() {
        start();
        display(1.0, "READY");
        bus.send(Addresses.VOICE_AUDIO, new dev.vigil.agent.message.AudioFrame(seconds(1.0), 16_000, new short[16_000]));
        says("Hey, what does the screen say?", 2.0, 3.0);
        assertThat(said()).containsExactly("It says \"READY\".");
    }
}
