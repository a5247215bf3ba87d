package dev.vigil.perception.audio.frontend;

import dev.vigil.agent.message.ComponentError;
import dev.vigil.agent.message.EchoRejected;
import dev.vigil.agent.message.VoiceStarted;
import dev.vigil.agent.message.VoiceStopped;
import dev.vigil.perception.audio.aec.EchoCanceller;
import dev.vigil.perception.audio.aec.SpeexEchoCanceller;
import dev.vigil.perception.audio.vad.VoiceActivityModel;
import dev.vigil.perception.testing.Speech;
import dev.vigil.perception.testing.SpeechOnset;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The front end on real engines (Speex, Silero) and flite speech, with a 40 ms / −6 dB echo path. */
class AudioFrontEndTest {

    private static final int STEP = 320;

    private static class Events implements AudioFrontEnd.Listener {
        final List<VoiceStarted> started = new ArrayList<>();
        final List<VoiceStopped> stopped = new ArrayList<>();
        final List<EchoRejected> rejected = new ArrayList<>();
        final List<ComponentError> errors = new ArrayList<>();
        final List<dev.vigil.agent.message.DoubleTalk> doubleTalk = new ArrayList<>();

        public void doubleTalk(dev.vigil.agent.message.DoubleTalk e) {
            doubleTalk.add(e);
        }

        public void voiceStarted(VoiceStarted e) {
            started.add(e);
        }

        public void voiceStopped(VoiceStopped e) {
            stopped.add(e);
        }

        public void echoRejected(EchoRejected e) {
            rejected.add(e);
        }

        public void error(ComponentError e) {
            errors.add(e);
        }
    }

    /** A front end with the default settings, the Speex canceller and Silero, reporting to {@code events}. */
    private static AudioFrontEnd withDefaults(Events events) {
        FrontEndSettings settings = FrontEndSettings.defaults();
        return new AudioFrontEnd(settings, new SpeexEchoCanceller(16_000, AudioFrontEnd.FRAME, settings.aec()),
                Speech::silero, events);
    }

    private static Events run(float[] user, float[] robot, boolean aec, Supplier<VoiceActivityModel> models) {
        FrontEndSettings settings = FrontEndSettings.defaults();
        settings = settings.withAec(settings.aec().withEnabled(aec));
        float[] mic = user.clone();
        Speech.mix(mic, robot, 0.040, -6);
        Events events = new Events();
        EchoCanceller canceller = aec ? new SpeexEchoCanceller(16_000, AudioFrontEnd.FRAME, settings.aec())
                : EchoCanceller.disabled(AudioFrontEnd.FRAME);
        try (AudioFrontEnd frontEnd = new AudioFrontEnd(settings, canceller, models, events)) {
            for (int at = 0; at < mic.length; at += STEP) {
                frontEnd.speaker(at, Speech.pcm(robot, at, STEP));
                frontEnd.microphone(at, Speech.pcm(mic, at, STEP));
            }
            frontEnd.finish();
        }
        return events;
    }

    private static float[] robotTalking() {
        float[] robot = new float[16_000 * 16];
        Speech.mix(robot, Speech.say("Hello, I am Vigil. I can move around the building, find people, and tell you what I see.", "slt"), 0.5, 0);
        Speech.mix(robot, Speech.say("Moving forward ten meters. Please stand clear of the doorway while I pass.", "awb"), 9.0, 0);
        return robot;
    }

    @Test
    void theRobotsOwnVoiceIsNeverTakenForTheUser() {
        Events events = run(new float[16_000 * 16], robotTalking(), true, Speech::silero);
        assertThat(events.started).as("voice segments with only the robot talking").isEmpty();
        assertThat(events.rejected).as("the guard had echo to reject").isNotEmpty();
        assertThat(events.doubleTalk).as("double talk with only the robot talking").isEmpty();
    }

    @Test
    void doubleTalkPrecedesTheVoiceOnsetOfAStopSaidOverTheRobot() {
        float[] robot = robotTalking();
        float[] user = new float[robot.length];
        float[] words = Speech.say("stop", "rms");
        Speech.mix(user, words, 4.0, 0);
        double onset = 4.0 + SpeechOnset.of(words);
        Events events = run(user, robot, true, Speech::silero);
        assertThat(events.started).singleElement().satisfies(started -> {
            assertThat(events.doubleTalk).as("double talk before the voice onset was reported").isNotEmpty()
                    .allSatisfy(d -> assertThat(d.detectedNanos()).isLessThanOrEqualTo(started.detectedNanos()));
            assertThat(events.doubleTalk.get(0).detectedNanos()).as("the first, sooner than the voice model")
                    .isLessThan(started.detectedNanos() - 64_000_000L);
            assertThat(events.doubleTalk.get(0).detectedNanos() / 1e9 - onset).as("double talk delay (s)")
                    .isBetween(0.0, 0.12);
            assertThat(events.doubleTalk.get(0).confirmByNanos()).isGreaterThanOrEqualTo(started.detectedNanos());
        });
    }

    @Test
    void aListenerThatFailsLosesItsWindowNotTheMicrophone() {
        float[] user = new float[16_000 * 8];
        Speech.mix(user, Speech.say("go forward ten meters", "slt"), 1.0, 0);
        Speech.mix(user, Speech.say("turn to your left", "awb"), 5.0, 0);
        Events events = new Events() {
            private boolean failed;

            @Override
            public void voiceStarted(VoiceStarted e) {
                if (!failed) {
                    failed = true;
                    throw new IllegalStateException("listener failed");
                }
                super.voiceStarted(e);
            }
        };
        int failures = 0;
        try (AudioFrontEnd frontEnd = withDefaults(events)) {
            for (int at = 0; at < user.length; at += STEP) {
                frontEnd.speaker(at, new short[STEP]);
                try {
                    frontEnd.microphone(at, Speech.pcm(user, at, STEP));
                } catch (IllegalStateException e) {
                    failures++;   // the front end's thread reports it and goes on, as here
                }
            }
            frontEnd.finish();
        }
        assertThat(failures).isEqualTo(1);
        assertThat(events.started).as("the second utterance is still heard")
                .anySatisfy(s -> assertThat(s.onsetNanos() / 1e9).isBetween(5.0, 5.6));
    }

    @Test
    void withoutEchoCancellationTheRobotHearsItself() {
        Events events = run(new float[16_000 * 16], robotTalking(), false, Speech::silero);
        assertThat(events.started).as("self-interruptions with AEC off").isNotEmpty();
    }

    @Test
    void theUserTalkingOverTheRobotIsHeardPromptly() {
        float[] robot = robotTalking();
        float[] user = new float[robot.length];
        float[] words = Speech.say("tell me about the chair", "rms");
        Speech.mix(user, words, 4.0, 0);
        double onset = 4.0 + SpeechOnset.of(words);
        Events events = run(user, robot, true, Speech::silero);
        assertThat(events.started).hasSize(1);
        VoiceStarted started = events.started.get(0);
        assertThat(started.duringRobotSpeech()).isTrue();
        assertThat(started.detectedNanos() / 1e9 - onset).as("detection delay (s)").isBetween(0.0, 0.2);
        assertThat(events.stopped).hasSize(1);
    }

    @Test
    void aFailingVoiceModelIsReportedReplacedAndTheLoopGoesOn() {
        float[] user = new float[16_000 * 8];
        Speech.mix(user, Speech.say("go forward ten meters", "slt"), 1.0, 0);
        Speech.mix(user, Speech.say("turn to your left", "awb"), 5.0, 0);
        AtomicInteger made = new AtomicInteger();
        // The first model fails on its 60th window (≈1.9 s, inside the first utterance's tail).
        Supplier<VoiceActivityModel> models = () -> made.getAndIncrement() == 0
                ? new FailingVoiceActivityModel(Speech.silero(), 60) : Speech.silero();
        Events events = run(user, new float[user.length], true, models);
        assertThat(events.errors).singleElement().satisfies(e -> {
            assertThat(e.component()).isEqualTo("vad");
            assertThat(e.message()).contains("injected engine failure").doesNotContain("\n");
        });
        assertThat(made.get()).as("models made: the original and its replacement").isEqualTo(2);
        assertThat(events.started).as("the second utterance is still heard")
                .anySatisfy(s -> assertThat(s.onsetNanos() / 1e9).isBetween(5.0, 5.6));
    }

    @Test
    void aGapInCaptureWhileTheRobotTalksIsSilenceNotItsEcho() {
        // The microphone is lost for a second (a device restarting) while the robot goes on talking.
        float[] robot = robotTalking();
        float[] mic = new float[robot.length];
        Speech.mix(mic, robot, 0.040, -6);
        Events events = new Events();
        try (AudioFrontEnd frontEnd = withDefaults(events)) {
            for (int at = 0; at < mic.length; at += STEP) {
                frontEnd.speaker(at, Speech.pcm(robot, at, STEP));
                if (at < 3 * 16_000 || at >= 4 * 16_000) {
                    frontEnd.microphone(at, Speech.pcm(mic, at, STEP));
                }
            }
            frontEnd.finish();
        }
        assertThat(events.started).as("voice segments with only the robot talking").isEmpty();
    }

    @Test
    void aMicrophoneRebuiltWithAShorterEchoPathDoesNotHearTheRobot() {
        // Measured live: the microphone's stream was lost and rebuilt, and the echo came 20 ms
        // earlier than before (72.9 ms, then 52.6 ms); the robot's next words were taken for the user.
        float[] robot = robotTalking();
        float[] before = new float[robot.length];
        float[] after = new float[robot.length];
        Speech.mix(before, robot, 0.073, -6);
        Speech.mix(after, robot, 0.053, -6);
        Events events = new Events();
        try (AudioFrontEnd frontEnd = withDefaults(events)) {
            for (int at = 0; at < robot.length; at += STEP) {
                frontEnd.speaker(at, Speech.pcm(robot, at, STEP));
                if (at < 7 * 16_000) {
                    frontEnd.microphone(at, Speech.pcm(before, at, STEP));
                } else if (at >= 8 * 16_000) {
                    frontEnd.microphone(at, Speech.pcm(after, at, STEP));
                }
            }
            frontEnd.finish();
            assertThat(frontEnd.echoDelayMillis()).as("echo delay measured again (ms)").isCloseTo(53, within(0.5));
        }
        assertThat(events.started).as("voice segments with only the robot talking").isEmpty();
    }

    @Test
    void aGapInCaptureIsSilenceAndTimeStaysRight() {
        float[] user = new float[16_000 * 6];
        Speech.mix(user, Speech.say("come here please", "slt"), 4.0, 0);
        Events events = new Events();
        try (AudioFrontEnd frontEnd = withDefaults(events)) {
            for (int at = 0; at < user.length; at += STEP) {
                if (at >= 16_000 && at < 32_000) {
                    continue;   // one second lost in capture
                }
                frontEnd.speaker(at, new short[STEP]);
                frontEnd.microphone(at, Speech.pcm(user, at, STEP));
            }
            frontEnd.finish();
            assertThat(frontEnd.processedNanos()).isEqualTo(6_000_000_000L);
        }
        assertThat(events.started).singleElement()
                .satisfies(s -> assertThat(s.onsetNanos() / 1e9).isBetween(4.0, 4.5));
    }
}
