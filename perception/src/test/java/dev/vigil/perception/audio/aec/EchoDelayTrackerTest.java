package dev.vigil.perception.audio.aec;

import dev.vigil.perception.testing.Speech;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.function.DoubleUnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The echo delay, measured from flite speech played into a simulated echo path that drifts or jumps. */
class EchoDelayTrackerTest {

    private static final int RATE = 16_000;
    private static float[] robot;

    @BeforeAll
    static void speech() {
        robot = new float[RATE * 12];
        Speech.mix(robot, Speech.say("I can move forward, back, left or right, turn, go to places like the kitchen,"
                + " the meeting room or the charging station, come to you, follow you, and stop whenever you say stop.",
                "slt"), 0.5, 0);
    }

    /** The microphone: the loudspeaker's signal {@code delay(t)} seconds late, 6 dB down. */
    private static float[] echo(float[] speaker, DoubleUnaryOperator delaySeconds) {
        float[] mic = new float[speaker.length];
        for (int n = 0; n < mic.length; n++) {
            double at = n - delaySeconds.applyAsDouble(n / (double) RATE) * RATE;
            int i = (int) Math.floor(at);
            double frac = at - i;
            if (i >= 0 && i + 1 < speaker.length) {
                mic[n] = (float) (0.5 * ((1 - frac) * speaker[i] + frac * speaker[i + 1]));
            }
        }
        return mic;
    }

    private static EchoDelayTracker track(float[] mic, float[] speaker, int untilSample) {
        EchoDelayTracker tracker = new EchoDelayTracker(RATE, 500);
        for (int at = 0; at + 160 <= untilSample; at += 160) {
            tracker.add(at, Speech.pcm(mic, at, 160), Speech.pcm(speaker, at, 160));
        }
        return tracker;
    }

    @Test
    void findsTheDelayAndFollowsClockDrift() {
        // As measured on PulseAudio's loopback: 65 ms, growing by 100 µs every second (100 ppm).
        DoubleUnaryOperator delay = t -> 0.065 + 100e-6 * t;
        float[] mic = echo(robot, delay);
        int end = RATE * 10;
        EchoDelayTracker tracker = track(mic, robot, end);

        assertThat(tracker.pathChanges()).as("times the delay was found anew").isEqualTo(1);
        assertThat(tracker.delaySamples(end) / RATE * 1000).as("delay (ms)")
                .isCloseTo(delay.applyAsDouble(10.0) * 1000, within(0.02));
        assertThat(tracker.driftPpm()).as("drift (ppm)").isCloseTo(100, within(15.0));
        double moved = tracker.alignmentSamples(end) - tracker.alignmentSamples(end - RATE);
        assertThat(moved / RATE * 1e6).as("alignment moved in the last second (µs)").isCloseTo(100, within(15.0));
    }

    @Test
    void aPathThatJumpsIsFoundAgain() {
        // A restarted stream: the echo comes 40 ms late instead of 65 from the sixth second on.
        float[] mic = echo(robot, t -> t < 6 ? 0.065 : 0.040);
        int end = RATE * 11;
        EchoDelayTracker tracker = track(mic, robot, end);

        assertThat(tracker.pathChanges()).isEqualTo(2);
        assertThat(tracker.delaySamples(end) / RATE * 1000).isCloseTo(40, within(0.02));
        assertThat(tracker.alignmentSamples(end) / RATE * 1000).isCloseTo(40, within(0.02));
    }

    @Test
    void theUserTalkingOverTheRobotDoesNotMoveIt() {
        float[] mic = echo(robot, t -> 0.065);
        Speech.mix(mic, Speech.say("tell me about the chair in the kitchen please", "rms"), 4.0, 0);
        EchoDelayTracker tracker = track(mic, robot, RATE * 10);

        assertThat(tracker.pathChanges()).isEqualTo(1);
        assertThat(tracker.delaySamples(RATE * 10) / RATE * 1000).isCloseTo(65, within(0.02));
    }

    @Test
    void withoutEchoNothingIsMeasured() {
        float[] user = new float[robot.length];
        Speech.mix(user, Speech.say("tell me about the chair in the kitchen please", "rms"), 1.0, 0);
        EchoDelayTracker tracker = track(user, robot, RATE * 10);

        assertThat(tracker.delaySamples(RATE * 10)).isNaN();
        assertThat(tracker.alignmentSamples(RATE * 10)).isNaN();
        assertThat(tracker.pathChanges()).isZero();
    }
}
