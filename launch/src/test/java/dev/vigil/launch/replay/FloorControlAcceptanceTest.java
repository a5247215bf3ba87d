package dev.vigil.launch.replay;

import dev.vigil.agent.bus.Addresses;
import dev.vigil.speech.playback.PlaybackAnnouncer;
import dev.vigil.agent.duplex.DuplexCore;
import dev.vigil.agent.duplex.FloorSettings;
import dev.vigil.agent.message.BargeIn;
import dev.vigil.agent.message.FalseInterruption;
import dev.vigil.agent.message.UtterancePlayed;
import dev.vigil.agent.testing.BusHarness;
import dev.vigil.agent.testing.ScriptedModel;
import dev.vigil.speech.playback.Loudspeaker;
import dev.vigil.speech.tts.SpeakingVerticle;
import dev.vigil.speech.tts.Tts;
import dev.vigil.speech.tts.engine.FliteSynthesizer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static dev.vigil.agent.testing.BusHarness.seconds;
import static dev.vigil.agent.testing.Messages.finalTranscript;
import static dev.vigil.agent.testing.Messages.partial;
import static dev.vigil.agent.testing.Messages.voiceStarted;
import static dev.vigil.agent.testing.Messages.voiceStopped;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Issue "Vigil runs live", item 2: the user's voice onset holds everything the robot was about to
 * say — a reply still being decided, or still being synthesized — and then words drop all of it
 * while a cough lets it play in full. The duplex core, the speaking verticle with flite and a
 * loudspeaker pulled 20 ms at a time, on a virtual clock; the model and the synthesizer are held
 * at the moment the user starts to speak.
 */
class FloorControlAcceptanceTest {

    private static final String QUESTION = "what can you do";
    private static final String ANSWER = "I can move forward, back, left or right, turn, and go to places like the kitchen.";
    private static final String TURNING = "Turning left.";
    private static final long FRAME_NANOS = 20_000_000L;

    private final BusHarness bus = new BusHarness();
    private final ScriptedModel model = ScriptedModel.answering(heard -> heard.equals(QUESTION) ? ANSWER
            : heard.isBlank() ? "" : TURNING);
    private final HeldExecutor synthesis = new HeldExecutor();
    private final Loudspeaker loudspeaker = new Loudspeaker(SimulatedRoom.RATE, new PlaybackAnnouncer(bus.bus()));

    @BeforeEach
    void start() {
        assumeTrue(FliteSynthesizer.available(), () -> FliteSynthesizer.unavailableReason().orElse(""));
        bus.deploy(new SpeakingVerticle(Tts.forLanguage("en-US", synthesis), loudspeaker, bus.work()))
                .deploy(new DuplexCore(model, FloorSettings.defaults(), bus.work(), bus.clock()))
                .record(Addresses.UTTERANCE_PLAYED, Addresses.BARGE_IN, Addresses.FALSE_INTERRUPTION);
        bus.advanceTo(seconds(1.5));
    }

    @AfterEach
    void stop() {
        model.release();
        synthesis.open();
        bus.close();
        synthesis.thread.shutdownNow();
    }

    /** The room: the loudspeaker plays frame after frame until {@code untilS}. */
    private void playUntil(double untilS) {
        short[] frame = new short[SimulatedRoom.FRAME];
        while (bus.clock().nanos() < seconds(untilS)) {
            long at = bus.clock().nanos();
            bus.onLoop(() -> loudspeaker.pull(frame, at));
            bus.advanceTo(at + FRAME_NANOS);
        }
    }

    /** What the loudspeaker really played of each utterance, by its text. */
    private List<UtterancePlayed> played(String text) {
        return bus.published(Addresses.UTTERANCE_PLAYED, UtterancePlayed.class).stream()
                .filter(u -> u.text().equals(text)).toList();
    }

    /** The user asked; the model is still deciding its answer when the user speaks again at 1.6 s. */
    private void userSpeaksWhileTheReplyIsBeingDecided() throws Exception {
        synthesis.open();
        model.holdNextGenerate();
        bus.post(Addresses.TRANSCRIPTS, finalTranscript(QUESTION, 0.5, 1.5));
        model.awaitGenerating();
        bus.post(Addresses.VOICE_STARTED, voiceStarted(1.6));
        model.release();
        bus.settle();
    }

    /** The user asked; the answer is decided but not synthesized yet when the user speaks again at 1.6 s. */
    private void userSpeaksWhileTheReplyIsBeingSynthesized() throws Exception {
        bus.post(Addresses.TRANSCRIPTS, finalTranscript(QUESTION, 0.5, 1.5));
        synthesis.awaitHeld();   // the answer is decided and waits for the synthesizer
        bus.post(Addresses.VOICE_STARTED, voiceStarted(1.6));
        assertThat(bus.published(Addresses.BARGE_IN, BargeIn.class)).singleElement()
                .satisfies(b -> assertThat(b.utteranceId()).isEqualTo("robot-1"));
    }

    private void wordsCome() {
        bus.post(Addresses.TRANSCRIPTS, partial("turn left", 1.6, 2.1));
        synthesis.open();   // only now does the synthesizer get to work, if it was held
        bus.settle();
        bus.send(Addresses.VOICE_STOPPED, voiceStopped(1.6, 2.2));
        bus.advanceTo(seconds(2.6));
        bus.send(Addresses.TRANSCRIPTS, finalTranscript("turn left", 1.6, 2.2));
    }

    @Test
    void wordsWhileTheReplyIsStillBeingDecidedMeanNoneOfItIsEverPlayed() throws Exception {
        userSpeaksWhileTheReplyIsBeingDecided();
        wordsCome();
        playUntil(12);
        assertThat(played(ANSWER)).as("the answer never reached the loudspeaker").isEmpty();
        assertThat(played(TURNING)).singleElement().satisfies(u -> assertThat(u.truncated()).isFalse());
    }

    @Test
    void wordsWhileTheReplyIsStillBeingSynthesizedMeanNoneOfItIsEverPlayed() throws Exception {
        userSpeaksWhileTheReplyIsBeingSynthesized();
        wordsCome();
        playUntil(12);
        assertThat(played(ANSWER)).as("reported, none of it played").singleElement().satisfies(u -> {
            assertThat(u.playedMillis()).isZero();
            assertThat(u.truncated()).isTrue();
        });
        assertThat(played(TURNING)).singleElement().satisfies(u -> assertThat(u.truncated()).isFalse());
    }

    @Test
    void aCoughWhileTheReplyIsStillBeingDecidedLetsItPlayInFull() throws Exception {
        userSpeaksWhileTheReplyIsBeingDecided();
        bus.send(Addresses.VOICE_STOPPED, voiceStopped(1.6, 1.9));
        bus.advanceTo(seconds(2.3));
        bus.send(Addresses.TRANSCRIPTS, finalTranscript("", 1.6, 1.9));
        playUntil(14);
        assertThat(played(ANSWER)).singleElement().satisfies(u -> {
            assertThat(u.truncated()).isFalse();
            assertThat(u.playedText()).isEqualTo(ANSWER);
            assertThat(u.startNanos()).as("held until the cough was judged").isGreaterThanOrEqualTo(seconds(2.3));
        });
    }

    @Test
    void aCoughWhileTheReplyIsStillBeingSynthesizedLetsItPlayInFull() throws Exception {
        userSpeaksWhileTheReplyIsBeingSynthesized();
        bus.post(Addresses.VOICE_STOPPED, voiceStopped(1.6, 1.9));
        synthesis.open();
        bus.settle();
        // No transcript at all: the window's timer decides, 2 s after the sound ended (its words were
        // awaited that long; a real recogniser's empty final would have decided sooner).
        playUntil(14);
        assertThat(bus.published(Addresses.FALSE_INTERRUPTION, FalseInterruption.class)).singleElement()
                .satisfies(f -> {
                    assertThat(f.utteranceId()).isEqualTo("robot-1");
                    assertThat(f.atNanos()).isEqualTo(seconds(3.9));
                });
        assertThat(played(ANSWER)).singleElement().satisfies(u -> {
            assertThat(u.truncated()).isFalse();
            assertThat(u.playedText()).isEqualTo(ANSWER);
            assertThat(u.startNanos()).isGreaterThanOrEqualTo(seconds(3.9));
        });
    }

    /** A synthesis pool that runs nothing until opened: the reply is "still being synthesized". */
    private static final class HeldExecutor implements Executor {
        final ExecutorService thread = Executors.newSingleThreadExecutor();
        private final List<Runnable> held = new ArrayList<>();
        private final CountDownLatch arrived = new CountDownLatch(1);
        private boolean open;

        @Override
        public synchronized void execute(Runnable task) {
            if (open) {
                thread.execute(task);
            } else {
                held.add(task);
                arrived.countDown();
            }
        }

        void awaitHeld() throws InterruptedException {
            assertThat(arrived.await(BusHarness.PATIENCE.toMillis(), TimeUnit.MILLISECONDS))
                    .as("a synthesis was asked for").isTrue();
        }

        synchronized void open() {
            open = true;
            held.forEach(thread::execute);
            held.clear();
        }
    }
}
