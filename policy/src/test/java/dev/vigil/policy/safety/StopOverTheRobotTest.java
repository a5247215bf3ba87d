package dev.vigil.policy.safety;

import dev.vigil.agent.bus.Addresses;
import dev.vigil.agent.duplex.DuplexCore;
import dev.vigil.agent.duplex.FloorSettings;
import dev.vigil.agent.message.Intent;
import dev.vigil.agent.message.RobotSpeaking;
import dev.vigil.agent.message.Transcript;
import dev.vigil.agent.message.UtteranceStarted;
import dev.vigil.agent.testing.BusHarness;
import dev.vigil.agent.testing.ScriptedModel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static dev.vigil.agent.testing.BusHarness.seconds;
import static dev.vigil.agent.testing.Messages.finalTranscript;
import static dev.vigil.agent.testing.Messages.partial;
import static dev.vigil.agent.testing.Messages.voiceStarted;
import static dev.vigil.agent.testing.Messages.voiceStopped;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * How a barge-in over the robot is resolved when floor control and the stop fast path both hear it:
 * a stop word, partial or final (the recogniser's own, or its stop check's), is a stop and never a
 * false interruption; a backchannel or a cough is a false interruption and never a stop.
 */
class StopOverTheRobotTest {

    private static final String ANSWER = "I can move forward, back, left or right.";

    private final BusHarness bus = new BusHarness();
    private final ScriptedModel model = ScriptedModel.answering(heard -> heard.equals("what can you do") ? ANSWER : "");

    @BeforeEach
    void start() {
        bus.deploy(new DuplexCore(model, FloorSettings.defaults(), bus.work(), bus.clock()))
                .deploy(new StopFastPath())
                .record(Addresses.STOP_SPEAKING, Addresses.RESUME_SPEAKING, Addresses.FALSE_INTERRUPTION,
                        Addresses.INTENTS);
        bus.advanceTo(seconds(1.5));
        bus.send(Addresses.TRANSCRIPTS, finalTranscript("what can you do", 0.5, 1.5));
        bus.advanceTo(seconds(2));
        bus.send(Addresses.UTTERANCE_STARTED, new UtteranceStarted("robot-1", ANSWER, seconds(2)));
        bus.send(Addresses.ROBOT_SPEAKING, new RobotSpeaking(true, seconds(2), ANSWER));
        // The user makes a sound over the answer at 3.0 s; the robot pauses; the sound ends at 3.4 s.
        bus.advanceTo(seconds(3.1));
        bus.send(Addresses.VOICE_STARTED, voiceStarted(3.0));
        bus.advanceTo(seconds(3.7));
        bus.send(Addresses.VOICE_STOPPED, voiceStopped(3.0, 3.4));
    }

    @AfterEach
    void close() {
        model.release();
        bus.close();
    }

    private void assertStoppedForGood() {
        bus.advanceTo(seconds(8));
        assertThat(bus.published(Addresses.STOP_SPEAKING)).isNotEmpty();
        assertThat(bus.published(Addresses.INTENTS, Intent.class)).singleElement()
                .satisfies(i -> assertThat(i.intent()).isEqualTo("stop"));
        assertThat(bus.published(Addresses.RESUME_SPEAKING)).as("never resumed").isEmpty();
        assertThat(bus.published(Addresses.FALSE_INTERRUPTION)).isEmpty();
    }

    private void assertPlayedOn() {
        bus.advanceTo(seconds(8));
        assertThat(bus.published(Addresses.RESUME_SPEAKING)).hasSize(1);
        assertThat(bus.published(Addresses.FALSE_INTERRUPTION)).hasSize(1);
        assertThat(bus.published(Addresses.STOP_SPEAKING)).isEmpty();
        assertThat(bus.published(Addresses.INTENTS)).as("no stop, and no turn").isEmpty();
    }

    @Test
    void aStopTheStopCheckHeardInAnOtherwiseEmptySegmentIsAStop() {
        // What the recognition verticle publishes when its command decoder heard nothing and the
        // stop-word check scored the segment above turn.stop_confidence.
        bus.send(Addresses.TRANSCRIPTS, new Transcript("stop", true, 0.55f, seconds(3.0), seconds(3.4), "en-US"));
        assertStoppedForGood();
    }

    @Test
    void aStopInAPartialWinsEvenIfTheFinalComesBackEmpty() {
        bus.send(Addresses.TRANSCRIPTS, partial("stop", 3.0, 3.3));
        bus.advanceTo(seconds(4.0));
        bus.send(Addresses.TRANSCRIPTS, finalTranscript("", 3.0, 3.4));
        assertStoppedForGood();
    }

    @Test
    void aStopInTheFinalTranscriptIsAStop() {
        bus.send(Addresses.TRANSCRIPTS, finalTranscript("stop", 3.0, 3.4));
        assertStoppedForGood();
    }

    @Test
    void aBackchannelIsAFalseInterruptionAndNoStop() {
        bus.send(Addresses.TRANSCRIPTS, finalTranscript("mm-hm", 3.0, 3.4));
        assertPlayedOn();
    }

    @Test
    void aCoughWithoutWordsIsAFalseInterruptionAndNoStop() {
        bus.send(Addresses.TRANSCRIPTS, finalTranscript("", 3.0, 3.4));
        assertPlayedOn();
    }
}
