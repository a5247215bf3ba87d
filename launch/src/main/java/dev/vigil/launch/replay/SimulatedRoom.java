package dev.vigil.launch.replay;

import dev.vigil.launch.scenario.RenderedScenario;
import dev.vigil.launch.scenario.Scenario.Echo;

/**
 * The acoustic room of a replay: the microphone hears the user, the noise bed and the loudspeaker
 * through the echo path (a delay and a gain). Frames are 20 ms at 16 kHz.
 */
final class SimulatedRoom {

    static final int RATE = RenderedScenario.SAMPLE_RATE;
    static final int FRAME = RATE / 50;

    private final RenderedScenario scenario;
    private final int echoDelay;
    private final float echoGain;

    SimulatedRoom(RenderedScenario scenario, Echo echo) {
        this.scenario = scenario;
        this.echoDelay = (int) Math.round(echo.delayMs() * RATE / 1000);
        this.echoGain = echo.audible() ? (float) Math.pow(10, echo.gainDb() / 20) : 0f;
    }

    /** The scripted robot lines, to announce when they start and stop playing. */
    java.util.List<RenderedScenario.RobotLine> robotLines() {
        return scenario.robotLines();
    }

    int frames() {
        return (scenario.samples() + FRAME - 1) / FRAME;
    }

    static long frameNanos(int frame) {
        return frame * 20_000_000L;
    }

    /** What the loudspeaker plays during frame {@code k}. */
    short[] speaker(int k) {
        short[] out = new short[FRAME];
        float[] robot = scenario.robot();
        for (int i = 0; i < FRAME; i++) {
            int n = k * FRAME + i;
            out[i] = n < robot.length ? pcm(robot[n]) : 0;
        }
        return out;
    }

    /** What the microphone captures during frame {@code k}. */
    short[] microphone(int k) {
        short[] out = new short[FRAME];
        float[] user = scenario.user();
        float[] noise = scenario.noise();
        float[] robot = scenario.robot();
        for (int i = 0; i < FRAME; i++) {
            int n = k * FRAME + i;
            if (n >= user.length) {
                break;
            }
            int played = n - echoDelay;
            float echo = played >= 0 && played < robot.length ? robot[played] * echoGain : 0f;
            out[i] = pcm(user[n] + noise[n] + echo);
        }
        return out;
    }

    static short pcm(float v) {
        return (short) Math.max(-32768, Math.min(32767, Math.round(v * 32767f)));
    }
}
