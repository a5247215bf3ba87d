package dev.vigil.perception.audio.aec;

import dev.vigil.perception.testing.Speech;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SpeexEchoCancellerTest {

    private static final int FRAME = 160;

    /** Runs robot speech through a 40 ms / −6 dB echo path and the canceller; returns mic and cleaned. */
    private static float[][] cancel(float[] robot, float[] user, AecSettings settings) {
        float[] mic = user.clone();
        Speech.mix(mic, robot, 0.040, -6);
        float[] cleaned = new float[mic.length];
        try (EchoCanceller aec = settings.enabled()
                ? new SpeexEchoCanceller(16_000, FRAME, settings) : EchoCanceller.disabled(FRAME)) {
            short[] out = new short[FRAME];
            for (int f = 0; f + FRAME <= mic.length; f += FRAME) {
                aec.process(Speech.pcm(mic, f, FRAME), Speech.pcm(robot, f, FRAME), out);
                for (int i = 0; i < FRAME; i++) {
                    cleaned[f + i] = out[i] / 32768f;
                }
            }
        }
        return new float[][] {mic, cleaned};
    }

    @Test
    void removesTheRobotsOwnVoiceOnceConverged() {
        float[] robot = new float[16_000 * 9];
        Speech.mix(robot, Speech.say("I am moving forward now, please stand clear of the doorway. I will go slowly.", "slt"), 0.5, 0);
        float[][] result = cancel(robot, new float[robot.length], AecSettings.defaults());
        double before = Speech.rmsDb(result[0], 3, 6);
        double after = Speech.rmsDb(result[1], 3, 6);
        assertThat(after - before).as("echo attenuation after convergence (dB)").isLessThan(-25);
    }

    @Test
    void keepsTheUserWhenTheRobotIsSilent() {
        float[] user = new float[16_000 * 4];
        Speech.mix(user, Speech.say("go forward ten meters", "rms"), 1.0, 0);
        float[][] result = cancel(new float[user.length], user, AecSettings.defaults());
        assertThat(Speech.rmsDb(result[1], 1, 3) - Speech.rmsDb(result[0], 1, 3))
                .as("level change of near-end speech (dB)").isBetween(-3.0, 1.0);
    }

    @Test
    void keepsTheUserTalkingOverTheRobot() {
        float[] robot = new float[16_000 * 8];
        Speech.mix(robot, Speech.say("I can see two people near the window, a red chair, and a laptop on the desk.", "awb"), 0.2, 0);
        float[] user = new float[robot.length];
        Speech.mix(user, Speech.say("tell me about the chair", "slt"), 3.0, 0);
        float[][] result = cancel(robot, user, AecSettings.defaults());
        // Double talk: the user's speech survives within a few dB while the echo under it is removed.
        assertThat(Speech.rmsDb(result[1], 3.2, 4.2) - Speech.rmsDb(user, 3.2, 4.2)).isBetween(-6.0, 3.0);
    }

    @Test
    void disabledPassesTheMicrophoneThrough() {
        float[] robot = new float[16_000 * 3];
        Speech.mix(robot, Speech.say("hello there", "slt"), 0.2, 0);
        float[][] result = cancel(robot, new float[robot.length], AecSettings.defaults().withEnabled(false));
        assertThat(Speech.rmsDb(result[1], 0, 3)).isCloseTo(Speech.rmsDb(result[0], 0, 3), Offset.offset(0.1));
    }

    @Test
    void settingsRefuseNonsense() {
        assertThatThrownBy(() -> new AecSettings(true, 5, true, 500, -40, -15, -15)).hasMessageContaining("10..1000 ms");
        assertThatThrownBy(() -> new AecSettings(true, 100, true, 2000, -40, -15, -15)).hasMessageContaining("max delay must be 10..1000 ms");
        assertThatThrownBy(() -> new AecSettings(true, 100, true, 500, 10, -15, -15)).hasMessageContaining("negative dB");
    }
}
