package dev.vigil.perception.audio.frontend;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EchoGuardTest {

    private static final long W = 32_000_000L;

    @Test
    void withTheRobotSilentAnythingMayBeTheUser() {
        var guard = new EchoGuard(EchoGuardSettings.defaults());
        var v = guard.judge(W, -30, -100, -100, 0, false, EchoGuard.NOT_ANOTHER_VOICE);
        assertThat(v.robotAudible()).isFalse();
        assertThat(v.userPossible()).isTrue();
    }

    @Test
    void beforeLearningOnlySpeechLouderThanTheLoudspeakerCounts() {
        var guard = new EchoGuard(EchoGuardSettings.defaults());
        assertThat(guard.judge(W, -16, -10, -10, 0, false, EchoGuard.NOT_ANOTHER_VOICE).userPossible()).as("echo 6 dB under the loudspeaker").isFalse();
        assertThat(guard.judge(2 * W, 0, -10, -10, 0, false, EchoGuard.NOT_ANOTHER_VOICE).userPossible()).isTrue();
    }

    @Test
    void aClippedCaptureOverTheRobotIsNeverTheUsersStartButDoesNotCutAUserTalking() {
        var guard = new EchoGuard(EchoGuardSettings.defaults());
        assertThat(guard.judge(W, 0, -10, -10, EchoGuard.SATURATED, false, EchoGuard.NOT_ANOTHER_VOICE).userPossible())
                .as("10 dB above the loudspeaker, but clipped").isFalse();
        assertThat(guard.judge(2 * W, 0, -10, -10, EchoGuard.SATURATED, true, EchoGuard.NOT_ANOTHER_VOICE).userPossible())
                .as("the user already talking goes on").isTrue();
        assertThat(guard.judge(3 * W, 0, -100, -100, EchoGuard.SATURATED, false, EchoGuard.NOT_ANOTHER_VOICE).userPossible())
                .as("with the robot silent, a loud user is a loud user").isTrue();
    }

    @Test
    void theLeakEstimateRelaxesWhileTheRobotPlaysAndJumpsOnEvidence() {
        var settings = EchoGuardSettings.defaults();
        var guard = new EchoGuard(settings);
        long t = W;
        int toFloor = (int) Math.ceil((settings.priorLeakDb() - settings.floorDb()) / settings.decayDbPerWindow()) + 1;
        for (int i = 0; i < toFloor; i++, t += W) {
            guard.judge(t, -60, -10, -10, 0, false, EchoGuard.NOT_ANOTHER_VOICE);
        }
        assertThat(guard.leakDb()).isEqualTo(settings.floorDb());
        // A window the canceller clearly worked on (mic −16, cleaned −30) leaks −20 dB: learned at once.
        guard.learnEcho(t, -16, -30, -10, false);
        assertThat(guard.leakDb()).isEqualTo(-20);
        assertThat(guard.judge(t, -25, -10, -10, 0, false, EchoGuard.NOT_ANOTHER_VOICE).userPossible()).isFalse();
    }

    @Test
    void theEstimateDoesNotRelaxInTheRobotsPausesBetweenWords() {
        var settings = EchoGuardSettings.defaults();
        var guard = new EchoGuard(settings);
        long t = W;
        guard.judge(t, -60, -10, -10, 0, false, EchoGuard.NOT_ANOTHER_VOICE);
        double playing = guard.leakDb();
        t += W;
        // Ten windows with the loudspeaker faint (below learn_above_db, still audible): nothing can be
        // learned, so nothing is relaxed either.
        for (int i = 0; i < 10; i++, t += W) {
            guard.judge(t, -90, settings.learnAboveDb() - 5, settings.learnAboveDb() - 5, 0, false, EchoGuard.NOT_ANOTHER_VOICE);
        }
        assertThat(guard.leakDb()).isEqualTo(playing);
        guard.judge(t, -60, -10, -10, 0, false, EchoGuard.NOT_ANOTHER_VOICE);
        assertThat(guard.leakDb()).as("playing loud again, it relaxes again").isLessThan(playing);
    }

    @Test
    void aWindowTheCancellerDidNotTouchIsNotLearnedAsEcho() {
        var guard = new EchoGuard(EchoGuardSettings.defaults());
        long t = W;
        for (int i = 0; i < 100; i++, t += W) {
            guard.judge(t, -60, -10, -10, 0, false, EchoGuard.NOT_ANOTHER_VOICE);
        }
        double before = guard.leakDb();
        guard.learnEcho(t, -12, -12, -10, false);   // the user starting to speak passes through untouched
        guard.learnEcho(t, -40, -60, -45, false);   // the robot between words: says nothing
        assertThat(guard.leakDb()).isEqualTo(before);
    }

    @Test
    void theRobotStartingAgainAfterAPauseReArmsTheGuard() {
        var settings = EchoGuardSettings.defaults();
        var guard = new EchoGuard(settings);
        long t = W;
        for (int i = 0; i < 100; i++, t += W) {
            guard.judge(t, -60, -10, -10, 0, false, EchoGuard.NOT_ANOTHER_VOICE);
        }
        t += 2_000_000_000L;   // two seconds of robot silence
        guard.judge(t, -60, -10, -10, 0, false, EchoGuard.NOT_ANOTHER_VOICE);
        assertThat(guard.leakDb()).isGreaterThanOrEqualTo(settings.onsetLeakDb() - settings.decayDbPerWindow());
    }

    @Test
    void aUserAsLoudAsTheEchoIsNotLearnedAsEcho() {
        var guard = new EchoGuard(EchoGuardSettings.defaults());
        long t = W;
        for (int i = 0; i < 100; i++, t += W) {
            guard.judge(t, -60, -10, -10, 0, false, EchoGuard.NOT_ANOTHER_VOICE);
        }
        double before = guard.leakDb();
        // Echo and user at −20 dB each: the canceller removes the echo half, 3 dB of the microphone.
        guard.learnEcho(t, -17, -20, -10, false);
        assertThat(guard.leakDb()).isEqualTo(before);
    }

    @Test
    void aCancellerThatStartsAfreshIsAssumedToCancelNothing() {
        var settings = EchoGuardSettings.defaults();
        var guard = new EchoGuard(settings);
        long t = W;
        for (int i = 0; i < 100; i++, t += W) {
            guard.judge(t, -60, -10, -10, 0, false, EchoGuard.NOT_ANOTHER_VOICE);
        }
        guard.cancellerRestarted();
        assertThat(guard.leakDb()).isEqualTo(settings.priorLeakDb());
        assertThat(guard.judge(t, -16, -10, -10, 0, false, EchoGuard.NOT_ANOTHER_VOICE).userPossible()).as("the whole echo, 6 dB under the loudspeaker").isFalse();
    }

    @Test
    void theUserStoppingOverTheRobotReArmsTheGuard() {
        var settings = EchoGuardSettings.defaults();
        var guard = new EchoGuard(settings);
        long t = W;
        for (int i = 0; i < 100; i++, t += W) {
            guard.judge(t, -60, -10, -10, 0, false, EchoGuard.NOT_ANOTHER_VOICE);
        }
        guard.doubleTalkEnded();
        assertThat(guard.leakDb()).isEqualTo(settings.onsetLeakDb());
    }

    @Test
    void aLeakSeenAgainHoldsTheEstimateBeforeItRelaxes() {
        var settings = EchoGuardSettings.defaults();
        var guard = new EchoGuard(settings);
        long t = W;
        for (int i = 0; i < 200; i++, t += W) {
            guard.judge(t, -60, -10, -10, 0, false, EchoGuard.NOT_ANOTHER_VOICE);
        }
        guard.learnEcho(t, -16, -40, -10, false);   // a syllable leaking −30 dB
        long held = t + settings.holdMillis() * 1_000_000L;
        for (t += W; t <= held; t += W) {
            guard.judge(t, -60, -10, -10, 0, false, EchoGuard.NOT_ANOTHER_VOICE);
        }
        assertThat(guard.leakDb()).as("held").isEqualTo(-30);
        // The next loud syllable leaking 5 dB more is still the robot.
        assertThat(guard.judge(t, -35, -10, -10, 0, false, EchoGuard.NOT_ANOTHER_VOICE).userPossible()).isFalse();
        for (int i = 0; i < 10; i++, t += W) {
            guard.judge(t, -60, -10, -10, 0, false, EchoGuard.NOT_ANOTHER_VOICE);
        }
        assertThat(guard.leakDb()).as("relaxing once the hold is over").isLessThan(-30);
    }

    @Test
    void theRoomRingingAfterTheLoudspeakerStopsIsStillTheRobot() {
        var guard = new EchoGuard(EchoGuardSettings.defaults());
        long t = W;
        for (int i = 0; i < 100; i++, t += W) {
            guard.judge(t, -60, -10, -10, 0, false, EchoGuard.NOT_ANOTHER_VOICE);
        }
        guard.learnEcho(t, -16, -40, -10, false);
        // The loudspeaker fell silent; the room still rings at the level of −20 dBFS sound.
        var v = guard.judge(t + W, -46, -100, -20, 0, false, EchoGuard.NOT_ANOTHER_VOICE);
        assertThat(v.robotAudible()).isTrue();
        assertThat(v.userPossible()).isFalse();
        assertThat(guard.judge(t + 2 * W, -20, -100, -20, 0, false, EchoGuard.NOT_ANOTHER_VOICE).userPossible()).as("a user well above it").isTrue();
    }

    @Test
    void theRobotsFirstWordsTeachHowLoudItsEchoIs() {
        var guard = new EchoGuard(EchoGuardSettings.defaults());
        // The loudspeaker 12 dB louder at the microphone than its own signal, nothing cancelled yet.
        assertThat(guard.judge(W, 2, -10, -10, 0, false, EchoGuard.NOT_ANOTHER_VOICE).userPossible()).as("before").isTrue();
        guard.learnFirstWords(2, -10);
        assertThat(guard.leakDb()).isEqualTo(12);
        assertThat(guard.judge(2 * W, 2, -10, -10, 0, false, EchoGuard.NOT_ANOTHER_VOICE).userPossible()).isFalse();
        double learned = guard.leakDb();
        guard.learnFirstWords(-80, -70);   // the robot inaudible: says nothing
        assertThat(guard.leakDb()).isEqualTo(learned);
        // Such a loud path leaks more whenever the canceller starts over, or the robot after a pause.
        for (long t = 3 * W; t < 200 * W; t += W) {
            guard.judge(t, -80, -10, -10, 0, false, EchoGuard.NOT_ANOTHER_VOICE);
        }
        guard.judge(300 * W, -80, -10, -10, 0, false, EchoGuard.NOT_ANOTHER_VOICE);
        assertThat(guard.leakDb()).isGreaterThanOrEqualTo(12 + EchoGuardSettings.defaults().onsetLeakDb() - 0.3);
        guard.cancellerRestarted();
        assertThat(guard.leakDb()).isEqualTo(12);
    }

    @Test
    void aWindowAboveThePredictedEchoRaisesTheEstimateOnlyAStepAtATime() {
        var guard = new EchoGuard(EchoGuardSettings.defaults());
        long t = W;
        for (int i = 0; i < 200; i++, t += W) {
            guard.judge(t, -60, -13, -13, 0, false, EchoGuard.NOT_ANOTHER_VOICE);
        }
        guard.learnEcho(t, -24, -38, -13, false);   // the robot leaking −25 dB
        // The "s" of a "stop" over the robot: 7 dB above that, 10 dB removed, not yet speech to the model.
        guard.learnEcho(t + W, -20, -31, -13, true);
        assertThat(guard.leakDb()).isEqualTo(-22);
        // Its vowel, a window later, still stands above the predicted echo.
        assertThat(guard.judge(t + 2 * W, -19, -13, -13, 0, false, EchoGuard.NOT_ANOTHER_VOICE).userPossible()).isTrue();
    }

    @Test
    void anotherVoiceUnderTheMarginCountsWhenOneBandStandsFarAboveTheEcho() {
        var settings = EchoGuardSettings.defaults();
        var guard = new EchoGuard(settings);
        long t = W;
        for (int i = 0; i < 200; i++, t += W) {
            guard.judge(t, -60, -10, -10, 0, false, EchoGuard.NOT_ANOTHER_VOICE);
        }
        guard.learnEcho(t, -16, -30, -10, false);   // the robot leaking -20 dB: predicted echo -30 dBFS
        double leak = guard.leakDb();
        double underMargin = -30 + settings.marginDb() - 1;
        assertThat(guard.judge(t += W, underMargin, -10, -10, 0, false, EchoGuard.NOT_ANOTHER_VOICE).userPossible())
                .as("the robot's own pitch, under the margin").isFalse();
        assertThat(guard.judge(t += W, underMargin, -10, -10, 0, false, leak + settings.bandMarginDb() - 1).userPossible())
                .as("another voice, no band far enough above the echo").isFalse();
        assertThat(guard.judge(t += W, -31, -10, -10, 0, false, leak + settings.bandMarginDb() + 10).userPossible())
                .as("under the predicted echo: no band decides").isFalse();
        assertThat(guard.judge(t += W, underMargin, -10, -10, 0, false, leak + settings.bandMarginDb()).userPossible())
                .as("one band bandMarginDb above the echo predicted there").isTrue();
        assertThat(guard.judge(t += W, -29, -10, -10, 0, false, leak).userPossible())
                .as("the next window of that voice needs no margin").isTrue();
        assertThat(guard.judge(t += 3 * W, -29, -10, -10, 0, false, leak).userPossible())
                .as("after a gap it does again").isFalse();
    }
}
