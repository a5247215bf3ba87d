package dev.vigil.agent.duplex;

import dev.vigil.agent.bus.Addresses;
import dev.vigil.agent.message.BargeIn;
import dev.vigil.agent.message.ComponentError;
import dev.vigil.agent.message.DoubleTalk;
import dev.vigil.agent.message.FalseInterruption;
import dev.vigil.agent.message.PauseSpeaking;
import dev.vigil.agent.message.ResetSession;
import dev.vigil.agent.message.ResumeSpeaking;
import dev.vigil.agent.message.RobotSpeaking;
import dev.vigil.agent.message.Say;
import dev.vigil.agent.message.SayRequest;
import dev.vigil.agent.message.StopSpeaking;
import dev.vigil.agent.message.UnitDeadlineMissed;
import dev.vigil.agent.message.UtterancePlayed;
import dev.vigil.agent.message.UtteranceStarted;
import dev.vigil.agent.testing.BusHarness;
import dev.vigil.agent.testing.ScriptedModel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static dev.vigil.agent.testing.BusHarness.seconds;
import static dev.vigil.agent.testing.Messages.finalTranscript;
import static dev.vigil.agent.testing.Messages.partial;
import static dev.vigil.agent.testing.Messages.silence;
import static dev.vigil.agent.testing.Messages.voiceStarted;
import static dev.vigil.agent.testing.Messages.voiceStopped;
import static org.assertj.core.api.Assertions.assertThat;

/** Floor control at message level: what the core publishes for what it hears, on a virtual clock. */
class DuplexCoreTest {

    private static final String ANSWER = "I can move forward, back, left or right.";

    @RegisterExtension
    final BusHarness bus = new BusHarness();
    private ScriptedModel model = ScriptedModel.answering(heard -> heard.isBlank() ? "" : "answer to " + heard);
    private DuplexCore core;
    private String deployment;

    @AfterEach
    void close() {
        model.release();
        bus.close();
    }

    private void start() {
        core = new DuplexCore(model, FloorSettings.defaults(), bus.work(), bus.clock());
        deployment = bus.deployed(core);
        bus.record(Addresses.SAY, Addresses.PAUSE_SPEAKING, Addresses.RESUME_SPEAKING, Addresses.STOP_SPEAKING,
                Addresses.BARGE_IN, Addresses.FALSE_INTERRUPTION, Addresses.UNIT_DEADLINE_MISSED, Addresses.ERRORS);
    }

    /** The user asked at 1 s, the robot answers and its first sample plays at 2 s. */
    private void robotAnswering() {
        bus.advanceTo(seconds(1.5));
        bus.send(Addresses.TRANSCRIPTS, finalTranscript("what can you do", 0.5, 1.5));
        assertThat(bus.published(Addresses.SAY, Say.class)).singleElement()
                .satisfies(say -> assertThat(say.utteranceId()).isEqualTo("robot-1"));
        bus.advanceTo(seconds(2));
        bus.send(Addresses.UTTERANCE_STARTED, new UtteranceStarted("robot-1", ANSWER, seconds(2)));
        bus.send(Addresses.ROBOT_SPEAKING, new RobotSpeaking(true, seconds(2), ANSWER));
    }

    /** The robot answering (as above), and the user's voice starting over it at 3.0 s, detected at 3.1 s. */
    private void userSpeaksOverTheAnswer() {
        robotAnswering();
        bus.advanceTo(seconds(3.1));
        bus.send(Addresses.VOICE_STARTED, voiceStarted(3.0));
    }

    @Test
    void theAnswerIsSaidWhenTheTurnEnds() {
        start();
        bus.advanceTo(seconds(1.5));
        bus.send(Addresses.TRANSCRIPTS, finalTranscript("hello robot", 0.5, 1.5));
        assertThat(bus.published(Addresses.SAY, Say.class)).singleElement().satisfies(say -> {
            assertThat(say.text()).isEqualTo("answer to hello robot");
            assertThat(say.atNanos()).isEqualTo(seconds(1.5));
            assertThat(say.audio24k()).isNull();
        });
        assertThat(model.prefilled()).last().satisfies(unit -> assertThat(unit.endOfTurn()).isTrue());
    }

    @Test
    void voiceOverTheRobotPausesItAtOnceAndNamesTheUtteranceCut() {
        start();
        userSpeaksOverTheAnswer();
        assertThat(bus.published(Addresses.PAUSE_SPEAKING, PauseSpeaking.class)).singleElement()
                .satisfies(p -> assertThat(p.atNanos()).isEqualTo(seconds(3.1)));
        assertThat(bus.published(Addresses.BARGE_IN, BargeIn.class)).singleElement()
                .isEqualTo(new BargeIn(seconds(3.0), seconds(3.1), "robot-1"));
        assertThat(bus.published(Addresses.STOP_SPEAKING)).as("nothing is dropped before words come").isEmpty();
        assertThat(model.interrupts()).isZero();
    }

    @Test
    void doubleTalkPausesAtOnceAndTheVoiceOnsetThatFollowsIsTheBargeIn() {
        start();
        robotAnswering();
        bus.advanceTo(seconds(3.064));
        bus.send(Addresses.DOUBLE_TALK, new DoubleTalk(seconds(3.064), 15, seconds(3.464)));
        assertThat(bus.published(Addresses.PAUSE_SPEAKING, PauseSpeaking.class)).singleElement()
                .satisfies(p -> assertThat(p.atNanos()).isEqualTo(seconds(3.064)));
        assertThat(bus.published(Addresses.BARGE_IN)).as("no barge-in before the voice model is sure").isEmpty();
        bus.advanceTo(seconds(3.25));
        bus.send(Addresses.VOICE_STARTED, voiceStarted(3.0));
        assertThat(bus.published(Addresses.BARGE_IN, BargeIn.class)).singleElement()
                .satisfies(b -> assertThat(b.utteranceId()).isEqualTo("robot-1"));
        bus.advanceTo(seconds(4));
        assertThat(bus.published(Addresses.RESUME_SPEAKING)).as("the barge-in holds the floor now").isEmpty();
        bus.send(Addresses.TRANSCRIPTS, partial("stop", 3.0, 3.5));
        assertThat(bus.published(Addresses.STOP_SPEAKING)).hasSize(1);
    }

    @Test
    void doubleTalkWithoutAVoiceOnsetPlaysOnWhenItsWaitEnds() {
        start();
        robotAnswering();
        bus.advanceTo(seconds(3.064));
        bus.send(Addresses.DOUBLE_TALK, new DoubleTalk(seconds(3.064), 15, seconds(3.464)));
        bus.advanceTo(seconds(3.2));
        // More of the sound: the wait runs from the latest, and the robot is not paused twice.
        bus.send(Addresses.DOUBLE_TALK, new DoubleTalk(seconds(3.2), 13, seconds(3.6)));
        bus.advanceTo(seconds(3.599));
        assertThat(bus.published(Addresses.RESUME_SPEAKING)).isEmpty();
        bus.advanceTo(seconds(3.6));
        assertThat(bus.published(Addresses.PAUSE_SPEAKING)).hasSize(1);
        assertThat(bus.published(Addresses.RESUME_SPEAKING, ResumeSpeaking.class)).singleElement()
                .satisfies(r -> assertThat(r.atNanos()).isEqualTo(seconds(3.6)));
        assertThat(bus.published(Addresses.BARGE_IN)).isEmpty();
        assertThat(bus.published(Addresses.FALSE_INTERRUPTION)).as("no barge-in, so no false one").isEmpty();
    }

    @Test
    void doubleTalkWhileTheRobotIsSilentPausesNothing() {
        start();
        bus.advanceTo(seconds(1));
        bus.send(Addresses.DOUBLE_TALK, new DoubleTalk(seconds(1), 20, seconds(1.4)));
        bus.advanceTo(seconds(2));
        assertThat(bus.published(Addresses.PAUSE_SPEAKING)).isEmpty();
        assertThat(bus.published(Addresses.RESUME_SPEAKING)).isEmpty();
    }

    @Test
    void wordsConfirmTheBargeInAndCancelEverything() {
        start();
        userSpeaksOverTheAnswer();
        bus.advanceTo(seconds(3.5));
        bus.send(Addresses.TRANSCRIPTS, partial("turn left", 3.0, 3.5));
        assertThat(bus.published(Addresses.STOP_SPEAKING, StopSpeaking.class)).singleElement()
                .satisfies(stop -> assertThat(stop.reason()).isEqualTo("barge-in"));
        assertThat(model.interrupts()).isEqualTo(1);
        // The speaker reports the cut utterance; history keeps what was heard of it.
        bus.send(Addresses.UTTERANCE_PLAYED, new UtterancePlayed("robot-1", ANSWER, "I can move", seconds(2),
                seconds(3.12), 1120, true));
        assertThat(model.session().lastPlayedText()).isEqualTo("I can move");
        bus.advanceTo(seconds(6));
        assertThat(bus.published(Addresses.RESUME_SPEAKING)).isEmpty();
        assertThat(bus.published(Addresses.FALSE_INTERRUPTION)).isEmpty();
    }

    @Test
    void aCoughThatBringsNoWordsResumesTheHeldAudioWhenTheWindowCloses() {
        // No final transcript is sent: the timer decides, a window after the sound ended (3.3 + 2 s),
        // which is later than a window after its onset (3.0 + 2 s): its words were still awaited.
        start();
        userSpeaksOverTheAnswer();
        bus.advanceTo(seconds(3.6));
        bus.send(Addresses.VOICE_STOPPED, voiceStopped(3.0, 3.3));
        bus.advanceTo(seconds(5.299));
        assertThat(bus.published(Addresses.RESUME_SPEAKING)).as("before the window closes").isEmpty();
        bus.advanceTo(seconds(5.3));
        assertThat(bus.published(Addresses.RESUME_SPEAKING, ResumeSpeaking.class)).singleElement()
                .satisfies(r -> assertThat(r.atNanos()).isEqualTo(seconds(5.3)));
        assertThat(bus.published(Addresses.FALSE_INTERRUPTION, FalseInterruption.class)).singleElement()
                .isEqualTo(new FalseInterruption(seconds(3.1), seconds(5.3), "robot-1"));
        assertThat(bus.published(Addresses.SAY)).as("the same audio plays on: nothing is said again").hasSize(1);
        assertThat(bus.published(Addresses.STOP_SPEAKING)).isEmpty();
        assertThat(model.interrupts()).isZero();
    }

    @Test
    void anEmptyFinalAfterTheWindowResumedIsNoTurnEither() {
        // Live, the robot's own echo was taken for a voice; its empty final came after the window had
        // resumed the answer, and the robot said "Sorry, I didn't catch that." to itself.
        start();
        userSpeaksOverTheAnswer();
        bus.advanceTo(seconds(3.3));
        bus.send(Addresses.VOICE_STOPPED, voiceStopped(3.0, 3.2));
        bus.advanceTo(seconds(5.2));
        assertThat(bus.published(Addresses.FALSE_INTERRUPTION)).hasSize(1);
        int units = model.prefilled().size();
        bus.advanceTo(seconds(5.5));
        bus.send(Addresses.TRANSCRIPTS, finalTranscript("", 3.0, 3.2));
        assertThat(model.prefilled().subList(units, model.prefilled().size())).as("no turn for the model to answer")
                .noneMatch(Unit::endOfTurn);
        // Once the answer has played, a sound with no words is the user's turn again ("didn't catch that").
        bus.advanceTo(seconds(7));
        bus.send(Addresses.UTTERANCE_PLAYED, new UtterancePlayed("robot-1", ANSWER, ANSWER, seconds(2), seconds(7),
                4000, false));
        bus.send(Addresses.ROBOT_SPEAKING, new RobotSpeaking(false, seconds(7), ANSWER));
        bus.advanceTo(seconds(8.1));
        bus.send(Addresses.VOICE_STARTED, voiceStarted(8.0));
        bus.advanceTo(seconds(8.6));
        bus.send(Addresses.VOICE_STOPPED, voiceStopped(8.0, 8.5));
        bus.send(Addresses.TRANSCRIPTS, finalTranscript("", 8.0, 8.5));
        assertThat(model.prefilled()).last().satisfies(unit -> assertThat(unit.endOfTurn()).isTrue());
    }

    @Test
    void wordsRecognisedAfterTheWindowStillConfirmTheBargeIn() {
        // On a busy CPU the recogniser's final came 0.6 s after the window had closed: the words win.
        start();
        userSpeaksOverTheAnswer();
        bus.advanceTo(seconds(4.3));
        bus.send(Addresses.VOICE_STOPPED, voiceStopped(3.0, 4.0));
        bus.advanceTo(seconds(5.0));
        assertThat(bus.published(Addresses.RESUME_SPEAKING)).as("words are still being recognised").isEmpty();
        bus.advanceTo(seconds(5.6));
        bus.send(Addresses.TRANSCRIPTS, finalTranscript("go forward ten meters", 3.0, 4.0));
        assertThat(bus.published(Addresses.STOP_SPEAKING, StopSpeaking.class)).singleElement()
                .satisfies(stop -> assertThat(stop.reason()).isEqualTo("barge-in"));
        assertThat(bus.published(Addresses.FALSE_INTERRUPTION)).isEmpty();
        bus.advanceTo(seconds(8));
        assertThat(bus.published(Addresses.RESUME_SPEAKING)).isEmpty();
    }

    @Test
    void aFinalTranscriptWithoutWordsResumesAtOnceAndIsNoTurn() {
        start();
        userSpeaksOverTheAnswer();
        bus.advanceTo(seconds(3.8));
        bus.send(Addresses.TRANSCRIPTS, finalTranscript("mm-hm", 3.0, 3.4));
        assertThat(bus.published(Addresses.RESUME_SPEAKING, ResumeSpeaking.class)).singleElement()
                .satisfies(r -> assertThat(r.atNanos()).isEqualTo(seconds(3.8)));
        assertThat(model.prefilled()).last().satisfies(unit -> assertThat(unit.endOfTurn()).isFalse());
        assertThat(bus.published(Addresses.SAY)).as("a filler gets no answer").hasSize(1);
        bus.advanceTo(seconds(6));
        assertThat(bus.published(Addresses.RESUME_SPEAKING)).as("the window's timer was cancelled").hasSize(1);
    }

    @Test
    void wordsTheModelSaysAreNoInterruptionResumeLikeAFiller() {
        model.notInterruptedBy("a foot");
        start();
        userSpeaksOverTheAnswer();
        bus.advanceTo(seconds(3.5));
        bus.send(Addresses.TRANSCRIPTS, partial("a foot", 3.0, 3.4));
        assertThat(bus.published(Addresses.STOP_SPEAKING)).as("a partial part of a command stops nothing").isEmpty();
        bus.advanceTo(seconds(3.8));
        bus.send(Addresses.TRANSCRIPTS, finalTranscript("a foot", 3.0, 3.4));
        assertThat(bus.published(Addresses.STOP_SPEAKING)).isEmpty();
        assertThat(bus.published(Addresses.RESUME_SPEAKING, ResumeSpeaking.class)).singleElement()
                .satisfies(r -> assertThat(r.atNanos()).isEqualTo(seconds(3.8)));
        assertThat(bus.published(Addresses.FALSE_INTERRUPTION)).hasSize(1);
    }

    /**
     * A short sound over the answer (3.0–3.2 s) barged in; the user spoke again at 3.4 s, before that
     * sound's empty final came at 3.6 s.
     */
    private void anEmptyFinalWhileTheUserSpeaksAgain() {
        start();
        userSpeaksOverTheAnswer();
        bus.advanceTo(seconds(3.3));
        bus.send(Addresses.VOICE_STOPPED, voiceStopped(3.0, 3.2));
        bus.advanceTo(seconds(3.5));
        bus.send(Addresses.VOICE_STARTED, voiceStarted(3.4));
        bus.advanceTo(seconds(3.6));
        bus.send(Addresses.TRANSCRIPTS, finalTranscript("", 3.0, 3.2));
    }

    @Test
    void anEmptyFinalForAnEarlierSoundResumesNothingWhileTheUserSpeaksAgain() {
        anEmptyFinalWhileTheUserSpeaksAgain();
        assertThat(bus.published(Addresses.RESUME_SPEAKING)).as("not over a user speaking").isEmpty();
        bus.advanceTo(seconds(3.8));
        bus.send(Addresses.TRANSCRIPTS, partial("stop", 3.4, 3.8));
        assertThat(bus.published(Addresses.STOP_SPEAKING)).hasSize(1);
        assertThat(bus.published(Addresses.FALSE_INTERRUPTION)).isEmpty();
    }

    @Test
    void anEmptyFinalWhileTheUserSpeaksAgainLeavesTheDecisionToTheLaterSound() {
        anEmptyFinalWhileTheUserSpeaksAgain();
        bus.advanceTo(seconds(3.8));
        bus.send(Addresses.VOICE_STOPPED, voiceStopped(3.4, 3.7));
        bus.advanceTo(seconds(4.0));
        bus.send(Addresses.TRANSCRIPTS, finalTranscript("mm", 3.4, 3.7));
        assertThat(bus.published(Addresses.RESUME_SPEAKING, ResumeSpeaking.class)).singleElement()
                .satisfies(r -> assertThat(r.atNanos()).isEqualTo(seconds(4.0)));
        assertThat(bus.published(Addresses.FALSE_INTERRUPTION)).hasSize(1);
    }

    @Test
    void speechThatOutlastsTheWindowIsJudgedAfterItEnds() {
        start();
        userSpeaksOverTheAnswer();
        bus.advanceTo(seconds(5.5));
        assertThat(bus.published(Addresses.RESUME_SPEAKING)).as("not over a user still speaking").isEmpty();
        bus.advanceTo(seconds(6.3));
        bus.send(Addresses.VOICE_STOPPED, voiceStopped(3.0, 6.0));
        bus.advanceTo(seconds(7.999));
        assertThat(bus.published(Addresses.RESUME_SPEAKING)).isEmpty();
        bus.advanceTo(seconds(8.0));
        assertThat(bus.published(Addresses.RESUME_SPEAKING)).hasSize(1);
    }

    @Test
    void moreVoiceDuringTheHoldRestartsTheWindow() {
        start();
        userSpeaksOverTheAnswer();
        bus.advanceTo(seconds(3.6));
        bus.send(Addresses.VOICE_STOPPED, voiceStopped(3.0, 3.3));
        bus.advanceTo(seconds(4.6));
        bus.send(Addresses.VOICE_STARTED, voiceStarted(4.5));
        assertThat(bus.published(Addresses.BARGE_IN)).as("still the same barge-in").hasSize(1);
        bus.advanceTo(seconds(5.2));
        bus.send(Addresses.VOICE_STOPPED, voiceStopped(4.5, 4.9));
        // No final transcript is sent here: the words of the second sound are awaited until a window
        // after it ended (4.9 + 2 s), not only a window after its onset.
        bus.advanceTo(seconds(6.899));
        assertThat(bus.published(Addresses.RESUME_SPEAKING)).isEmpty();
        bus.advanceTo(seconds(6.9));
        assertThat(bus.published(Addresses.RESUME_SPEAKING)).hasSize(1);
    }

    @Test
    void aReplyDecidedDuringTheHoldIsDroppedWhenWordsCome() throws Exception {
        start();
        model.holdNextGenerate();
        bus.post(Addresses.TRANSCRIPTS, finalTranscript("what can you do", 0.5, 1.5));
        model.awaitGenerating();
        bus.post(Addresses.VOICE_STARTED, voiceStarted(1.7));
        assertThat(bus.published(Addresses.BARGE_IN)).as("nothing was audible yet").isEmpty();
        assertThat(bus.published(Addresses.PAUSE_SPEAKING)).isEmpty();
        model.release();
        bus.settle();
        assertThat(bus.published(Addresses.SAY)).as("decided during the hold: held").isEmpty();
        bus.advanceTo(seconds(2.2));
        bus.send(Addresses.TRANSCRIPTS, partial("turn left", 1.7, 2.2));
        bus.advanceTo(seconds(2.5));
        bus.send(Addresses.TRANSCRIPTS, finalTranscript("turn left", 1.7, 2.2));
        bus.advanceTo(seconds(6));
        assertThat(bus.published(Addresses.SAY, Say.class)).extracting(Say::text).containsExactly("answer to turn left");
        assertThat(bus.published(Addresses.STOP_SPEAKING)).as("there was no audio to stop").isEmpty();
    }

    @Test
    void aReplyDecidedDuringTheHoldIsSaidWhenNoWordsCome() throws Exception {
        start();
        model.holdNextGenerate();
        bus.post(Addresses.TRANSCRIPTS, finalTranscript("what can you do", 0.5, 1.5));
        model.awaitGenerating();
        bus.post(Addresses.VOICE_STARTED, voiceStarted(1.7));
        model.release();
        bus.settle();
        assertThat(bus.published(Addresses.SAY)).isEmpty();
        bus.advanceTo(seconds(2.4));
        bus.send(Addresses.TRANSCRIPTS, finalTranscript("", 1.7, 2.0));
        assertThat(bus.published(Addresses.SAY, Say.class)).singleElement().satisfies(say -> {
            assertThat(say.text()).isEqualTo("answer to what can you do");
            assertThat(say.atNanos()).isEqualTo(seconds(2.4));
        });
        assertThat(bus.published(Addresses.FALSE_INTERRUPTION)).as("no audio was cut").isEmpty();
    }

    @Test
    void theInterruptReachesTheModelWhileItIsStillGenerating() throws Exception {
        start();
        robotAnswering();
        model.holdNextGenerate();
        bus.post(Addresses.TRANSCRIPTS, finalTranscript("and the kitchen", 2.2, 2.8));
        model.awaitGenerating();
        bus.post(Addresses.VOICE_STARTED, voiceStarted(3.0));
        bus.post(Addresses.TRANSCRIPTS, partial("no wait", 3.0, 3.4));
        assertThat(model.interrupts()).as("interrupted while generate() still runs").isEqualTo(1);
        assertThat(bus.published(Addresses.STOP_SPEAKING)).hasSize(1);
        model.release();
        bus.settle();
        assertThat(bus.published(Addresses.SAY)).as("the reply being decided is dropped").hasSize(1);
    }

    @Test
    void stopCancelsEverythingAndIsNeverAFalseInterruption() {
        start();
        userSpeaksOverTheAnswer();
        bus.advanceTo(seconds(3.4));
        bus.send(Addresses.STOP_SPEAKING, new StopSpeaking("stop", seconds(3.4)));   // the stop fast path
        assertThat(model.interrupts()).isEqualTo(1);
        bus.advanceTo(seconds(3.6));
        bus.send(Addresses.VOICE_STOPPED, voiceStopped(3.0, 3.3));
        bus.advanceTo(seconds(8));
        assertThat(bus.published(Addresses.RESUME_SPEAKING)).isEmpty();
        assertThat(bus.published(Addresses.FALSE_INTERRUPTION)).isEmpty();
        assertThat(bus.published(Addresses.STOP_SPEAKING)).as("only the fast path's stop").hasSize(1);
    }

    @Test
    void aVoiceOnsetWhileTheRobotIsSilentIsSimplyTheUsersTurn() {
        start();
        bus.advanceTo(seconds(1.1));
        bus.send(Addresses.VOICE_STARTED, voiceStarted(1.0));
        assertThat(bus.published(Addresses.PAUSE_SPEAKING)).isEmpty();
        assertThat(bus.published(Addresses.BARGE_IN)).isEmpty();
    }

    @Test
    void aUnitTheModelCannotStartInTimeIsSkippedAndCounted() throws Exception {
        start();
        model.holdNextGenerate();
        for (int frame = 0; frame < 100; frame++) {   // two 1 s units; the model is stuck in the first
            bus.post(Addresses.VOICE_AUDIO, silence(frame * 0.02, 20));
            if (frame == 49) {
                model.awaitGenerating();
            }
        }
        bus.clock().advanceTo(seconds(3.5));   // the audio ran on while the model was stuck
        model.release();
        bus.settle();
        assertThat(bus.published(Addresses.UNIT_DEADLINE_MISSED, UnitDeadlineMissed.class)).singleElement()
                .isEqualTo(new UnitDeadlineMissed(1, seconds(2.0), seconds(1.5), true));
        assertThat(core.unitDeadlineMisses()).isEqualTo(1);
        assertThat(model.prefilled()).extracting(Unit::index).containsExactly(0L);
    }

    @Test
    void aLateEndOfTurnIsCountedButStillAnswered() throws Exception {
        start();
        model.holdNextGenerate();
        bus.post(Addresses.TRANSCRIPTS, finalTranscript("hello robot", 0.2, 1.0));
        model.awaitGenerating();
        bus.post(Addresses.TRANSCRIPTS, finalTranscript("turn left", 1.1, 1.2));
        bus.clock().advanceTo(seconds(2.5));
        model.release();
        bus.settle();
        assertThat(bus.published(Addresses.UNIT_DEADLINE_MISSED, UnitDeadlineMissed.class)).singleElement()
                .satisfies(miss -> assertThat(miss.skipped()).isFalse());
        assertThat(bus.published(Addresses.SAY, Say.class)).extracting(Say::text)
                .containsExactly("answer to hello robot", "answer to turn left");
    }

    @Test
    void aSpeakWithTheModelsOwnAudioIsPassedOnAsItIs() {
        float[] voice = new float[24_000];
        model = new ScriptedModel(unit -> new Decision.Speak("hello there", voice, true));
        start();
        bus.send(Addresses.TRANSCRIPTS, finalTranscript("hello robot", 0.5, 1.5));
        assertThat(bus.published(Addresses.SAY, Say.class)).singleElement().satisfies(say -> {
            assertThat(say.audio24k()).isSameAs(voice);
            assertThat(say.text()).isEqualTo("hello there");
        });
    }

    @Test
    void theModelForgetsWhenAskedAndAtTheEndOfTheSession() {
        start();
        bus.send(Addresses.UTTERANCE_PLAYED, new UtterancePlayed("robot-1", "Turning left.", "Turning left.", 0,
                seconds(1), 1000, false));
        assertThat(model.session().lastPlayedText()).isEqualTo("Turning left.");
        bus.send(Addresses.RESET, new ResetSession("user asked to forget", seconds(2)));
        assertThat(model.resets()).isEqualTo(1);
        assertThat(model.session().lastPlayedText()).isEmpty();
        bus.undeploy(deployment);
        assertThat(model.resets()).isEqualTo(2);
        assertThat(model.closed()).isTrue();
        assertThat(bus.published(Addresses.ERRORS, ComponentError.class)).isEmpty();
    }

    @Test
    void aBehavioursRequestOnAFreeFloorIsSaidAtOnce() {
        start();
        bus.advanceTo(seconds(1));
        bus.send(Addresses.SAY_REQUESTS, new SayRequest("We have reached floor 16.", false, "test"));
        assertThat(bus.published(Addresses.SAY, Say.class)).singleElement().satisfies(say -> {
            assertThat(say.text()).isEqualTo("We have reached floor 16.");
            assertThat(say.atNanos()).isEqualTo(seconds(1));
        });
    }

    @Test
    void aRequestWaitsWhileTheUserHasTheFloorAndComesAfterTheAnswer() {
        start();
        bus.advanceTo(seconds(1.1));
        bus.send(Addresses.VOICE_STARTED, voiceStarted(1.0));
        bus.send(Addresses.SAY_REQUESTS, new SayRequest("The battery is low.", false, "test"));
        bus.advanceTo(seconds(2.2));
        bus.send(Addresses.VOICE_STOPPED, voiceStopped(1.0, 2.0));
        assertThat(bus.published(Addresses.SAY)).as("the user's words are still being recognised").isEmpty();
        bus.advanceTo(seconds(2.4));
        bus.send(Addresses.TRANSCRIPTS, finalTranscript("hello robot", 1.0, 2.0));
        assertThat(bus.published(Addresses.SAY, Say.class)).extracting(Say::text)
                .containsExactly("answer to hello robot", "The battery is low.");
    }

    @Test
    void alertsAreSaidBeforeEarlierRequestsThatAreNoAlerts() {
        start();
        bus.advanceTo(seconds(1.1));
        bus.send(Addresses.VOICE_STARTED, voiceStarted(1.0));
        bus.send(Addresses.SAY_REQUESTS, new SayRequest("first", false, "test"));
        bus.send(Addresses.SAY_REQUESTS, new SayRequest("alert one", true, "test"));
        bus.send(Addresses.SAY_REQUESTS, new SayRequest("second", false, "test"));
        bus.send(Addresses.SAY_REQUESTS, new SayRequest("alert two", true, "test"));
        bus.advanceTo(seconds(2.2));
        bus.send(Addresses.VOICE_STOPPED, voiceStopped(1.0, 2.0));
        bus.send(Addresses.TRANSCRIPTS, finalTranscript("", 1.0, 2.0));
        assertThat(bus.published(Addresses.SAY, Say.class)).extracting(Say::text)
                .containsExactly("alert one", "alert two", "first", "second");
    }

    @Test
    void anInterruptingAlertCutsTheRobotsOwnAnswerButNeverTheUser() {
        start();
        bus.advanceTo(seconds(1));
        bus.send(Addresses.SAY_REQUESTS, new SayRequest("A long answer about everything I can do.", false, "test"));
        bus.advanceTo(seconds(1.2));
        bus.send(Addresses.UTTERANCE_STARTED, new UtteranceStarted("robot-1", "A long answer", seconds(1.2)));
        bus.advanceTo(seconds(3.1));
        bus.send(Addresses.VOICE_STARTED, voiceStarted(3.0));
        bus.send(Addresses.SAY_REQUESTS, new SayRequest("We have reached floor 16.", true, true, "watch:w1"));
        assertThat(bus.published(Addresses.SAY, Say.class)).as("never over the user").hasSize(1);
        bus.advanceTo(seconds(3.6));
        bus.send(Addresses.VOICE_STOPPED, voiceStopped(3.0, 3.5));
        bus.send(Addresses.TRANSCRIPTS, finalTranscript("", 3.0, 3.5));
        // The wordless barge-in resumed the answer; the alert then cuts it and is said at once.
        assertThat(bus.published(Addresses.STOP_SPEAKING, StopSpeaking.class)).singleElement()
                .satisfies(stop -> assertThat(stop.reason()).isEqualTo("alert"));
        assertThat(bus.published(Addresses.SAY, Say.class)).extracting(Say::text)
                .containsExactly("A long answer about everything I can do.", "We have reached floor 16.");
    }

    @Test
    void anAlertThatDoesNotInterruptWaitsForTheEndOfTheAnswer() {
        start();
        bus.advanceTo(seconds(1));
        bus.send(Addresses.SAY_REQUESTS, new SayRequest("A long answer.", false, "test"));
        bus.send(Addresses.UTTERANCE_STARTED, new UtteranceStarted("robot-1", "A long answer.", seconds(1)));
        bus.advanceTo(seconds(2));
        bus.send(Addresses.SAY_REQUESTS, new SayRequest("The light is green.", true, false, "watch:w1"));
        assertThat(bus.published(Addresses.STOP_SPEAKING)).isEmpty();
        assertThat(bus.published(Addresses.SAY, Say.class)).extracting(Say::text)
                .containsExactly("A long answer.", "The light is green.");
    }

    @Test
    void aRequestSaidIsAnUtteranceLikeAnyOtherABargeInCutsIt() {
        start();
        bus.advanceTo(seconds(1));
        bus.send(Addresses.SAY_REQUESTS, new SayRequest("We have reached floor 16, the doors are opening.", false, "test"));
        bus.advanceTo(seconds(1.2));
        bus.send(Addresses.UTTERANCE_STARTED, new UtteranceStarted("robot-1", "We have reached floor 16.", seconds(1.2)));
        bus.advanceTo(seconds(1.6));
        bus.send(Addresses.VOICE_STARTED, voiceStarted(1.5));
        assertThat(bus.published(Addresses.BARGE_IN, BargeIn.class)).singleElement()
                .satisfies(b -> assertThat(b.utteranceId()).isEqualTo("robot-1"));
        bus.send(Addresses.TRANSCRIPTS, partial("stop", 1.5, 1.6));
        assertThat(bus.published(Addresses.STOP_SPEAKING)).hasSize(1);
    }
}
