package dev.vigil.perception.audio.frontend;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EchoGuardTest {

    private static final long W = 32_000_000L;

    @Test
    void withTheRobotSilentAnythingMayBeTheUser() {
        var guard = new EchoGuard(EchoGuardSettings.defaults());
        var v = guard.judge(W, -30, -100);
        assertThat(v.robotAudible()).isFalse();
        assertThat(v.userPossible()).isTrue();
    }

    @Test
    void beforeLearningOnlySpeechLouderThanTheLoudspeakerCounts() {
        var guard = new EchoGuard(EchoGuardSettings.defaults());
        assertThat(guard.judge(W, -16, -10).userPossible()).as("echo 6 dB under the loudspeaker").isFalse();
        assertThat(guard.judge(2 * W, 0, -10).userPossible()).isTrue();
    }

    @Test
    void theLeakEstimateRelaxesWhileTheRobotPlaysAndJumpsOnEvidence() {
        var settings = EchoGuardSettings.defaults();
        var guard = new EchoGuard(settings);
        long t = W;
        int toFloor = (int) Math.ceil((settings.priorLeakDb() - settings.floorDb()) / settings.decayDbPerWindow()) + 1;
        for (int i = 0; i < toFloor; i++, t += W) {
            guard.judge(t, -60, -10);
        }
        assertThat(guard.leakDb()).isEqualTo(settings.floorDb());
        // A window the canceller clearly worked on (mic −16, cleaned −30) leaks −20 dB: learned at once.
        guard.learnEcho(-16, -30, -10);
        assertThat(guard.leakDb()).isEqualTo(-20);
        assertThat(guard.judge(t, -25, -10).userPossible()).isFalse();
    }

    @Test
    void aWindowTheCancellerDidNotTouchIsNotLearnedAsEcho() {
        var guard = new EchoGuard(EchoGuardSettings.defaults());
        long t = W;
        for (int i = 0; i < 100; i++, t += W) {
            guard.judge(t, -60, -10);
        }
        double before = guard.leakDb();
        guard.learnEcho(-12, -12, -10);   // the user starting to speak passes through untouched
        guard.learnEcho(-40, -60, -45);   // the robot between words: says nothing
        assertThat(guard.leakDb()).isEqualTo(before);
    }

    @Test
    void theRobotStartingAgainAfterAPauseReArmsTheGuard() {
        var settings = EchoGuardSettings.defaults();
        var guard = new EchoGuard(settings);
        long t = W;
        for (int i = 0; i < 100; i++, t += W) {
            guard.judge(t, -60, -10);
        }
        t += 2_000_000_000L;   // two seconds of robot silence
        guard.judge(t, -60, -10);
        assertThat(guard.leakDb()).isGreaterThanOrEqualTo(settings.onsetLeakDb() - settings.decayDbPerWindow());
    }

    @Test
    void aUserAsLoudAsTheEchoIsNotLearnedAsEcho() {
        var guard = new EchoGuard(EchoGuardSettings.defaults());
        long t = W;
        for (int i = 0; i < 100; i++, t += W) {
            guard.judge(t, -60, -10);
        }
        double before = guard.leakDb();
        // Echo and user at −20 dB each: the canceller removes the echo half, 3 dB of the microphone.
        guard.learnEcho(-17, -20, -10);
        assertThat(guard.leakDb()).isEqualTo(before);
    }

    @Test
    void aCancellerThatStartsAfreshIsAssumedToCancelNothing() {
        var settings = EchoGuardSettings.defaults();
        var guard = new EchoGuard(settings);
        long t = W;
        for (int i = 0; i < 100; i++, t += W) {
            guard.judge(t, -60, -10);
        }
        guard.cancellerRestarted();
        assertThat(guard.leakDb()).isEqualTo(settings.priorLeakDb());
        assertThat(guard.judge(t, -16, -10).userPossible()).as("the whole echo, 6 dB under the loudspeaker").isFalse();
    }

    @Test
    void theUserStoppingOverTheRobotReArmsTheGuard() {
        var settings = EchoGuardSettings.defaults();
        var guard = new EchoGuard(settings);
        long t = W;
        for (int i = 0; i < 100; i++, t += W) {
            guard.judge(t, -60, -10);
        }
        guard.doubleTalkEnded();
        assertThat(guard.leakDb()).isEqualTo(settings.onsetLeakDb());
    }
}
