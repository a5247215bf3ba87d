package dev.vigil.perception.audio.frontend;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class PeriodicityTest {

    private static final int WINDOW = 512;

    /** 32 ms of a voiced sound at {@code f0} Hz: ten harmonics falling 6 dB per octave, 16 kHz. */
    private static float[] voiced(double f0, double phase) {
        float[] x = new float[WINDOW];
        for (int i = 0; i < WINDOW; i++) {
            double t = i / 16_000.0;
            for (int h = 1; h <= 10; h++) {
                x[i] += (float) (0.3 / h * Math.sin(2 * Math.PI * h * f0 * t + phase * h));
            }
        }
        return x;
    }

    @Test
    void aVoicedWindowsPeriodIsFoundNotItsMultiples() {
        var pitch = new Periodicity(WINDOW);
        // 8000 / 120 Hz = 66.7 samples at 8 kHz; 8000 / 210 Hz = 38.1.
        assertThat(pitch.period(voiced(120, 0.3), 0, WINDOW)).isBetween(66.0, 68.0);
        assertThat(pitch.period(voiced(210, 1.1), 0, WINDOW)).isBetween(37.0, 39.0);
    }

    @Test
    void noiseIsNotVoiced() {
        var random = new Random(7);
        float[] noise = new float[WINDOW];
        for (int i = 0; i < WINDOW; i++) {
            noise[i] = (float) random.nextGaussian() * 0.1f;
        }
        var pitch = new Periodicity(WINDOW);
        assertThat(pitch.period(noise, 0, WINDOW)).isNaN();
        assertThat(pitch.repeatsAt(67)).as("nothing voiced repeats").isFalse();
        assertThat(pitch.period(new float[WINDOW], 0, WINDOW)).as("silence").isNaN();
    }

    @Test
    void aWindowRepeatsAtTheRobotsPeriodOnlyIfItCarriesThatPitch() {
        var pitch = new Periodicity(WINDOW);
        // The robot's voice at 210 Hz, what the canceller leaves of it clipped: still that pitch.
        float[] residual = voiced(210, 0.4);
        for (int i = 0; i < WINDOW; i++) {
            residual[i] = Math.max(-0.4f, Math.min(0.4f, residual[i]));
        }
        pitch.period(residual, 0, WINDOW);
        assertThat(pitch.repeatsAt(8000 / 210.0)).isTrue();
        // A user at 120 Hz does not repeat at the robot's 210 Hz period, nor at 150 Hz.
        pitch.period(voiced(120, 0.9), 0, WINDOW);
        assertThat(pitch.repeatsAt(8000 / 210.0)).isFalse();
        assertThat(pitch.repeatsAt(8000 / 150.0)).isFalse();
        assertThat(pitch.repeatsAt(Double.NaN)).as("an unvoiced loudspeaker frame").isFalse();
    }
}
