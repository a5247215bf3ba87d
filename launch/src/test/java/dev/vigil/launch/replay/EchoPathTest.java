package dev.vigil.launch.replay;

import dev.vigil.launch.scenario.Scenario.Echo;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class EchoPathTest {

    private static final int RATE = 16_000;

    /** The microphone's echo track for a loudspeaker track played all at once. */
    private static float[] echo(Echo room, short[] played) {
        EchoPath path = new EchoPath(room, played.length, RATE);
        float[] out = new float[played.length];
        for (int n = 0; n < played.length; n++) {
            out[n] = path.at(n, played, played.length);
        }
        return out;
    }

    @Test
    void aPlainPathIsTheDelayedSoundAtItsGain() {
        short[] played = new short[RATE];
        played[100] = 16384;
        float[] echo = echo(new Echo(40, -6), played);
        int delay = 40 * RATE / 1000;
        assertThat(echo[100 + delay]).isCloseTo(0.5f * (float) Math.pow(10, -6 / 20.0), within(1e-6f));
        float others = 0;
        for (int n = 0; n < echo.length; n++) {
            others += n == 100 + delay ? 0 : Math.abs(echo[n]);
        }
        assertThat(others).isZero();
    }

    @Test
    void theReverberationFallsSixtyDecibelsOverItsTimeBelowTheDirectSound() {
        Echo room = new Echo(40, 0, 300, 6, Double.POSITIVE_INFINITY, 0, 7);
        float[] h = EchoPath.impulseResponse(room, RATE);
        assertThat(h[0]).isEqualTo(1f);
        double tail = 0;
        for (int m = 1; m < h.length; m++) {
            tail += h[m] * h[m];
        }
        assertThat(10 * Math.log10(1 / tail)).as("direct-to-reverberant ratio, dB").isCloseTo(6, within(0.01));
        // Schroeder's backward integration; T30: the decay from -5 to -35 dB, times two.
        double[] remaining = new double[h.length];
        double sum = 0;
        for (int m = h.length - 1; m >= 1; m--) {
            sum += h[m] * h[m];
            remaining[m] = sum;
        }
        int at5 = 1;
        while (10 * Math.log10(remaining[at5] / tail) > -5) {
            at5++;
        }
        int at35 = at5;
        while (10 * Math.log10(remaining[at35] / tail) > -35) {
            at35++;
        }
        double rt60Ms = 2.0 * (at35 - at5) * 1000 / RATE;
        assertThat(rt60Ms).isCloseTo(300, within(30.0));
    }

    @Test
    void theSameSeedIsTheSameRoom() {
        Echo room = new Echo(40, -6, 300, 6, Double.POSITIVE_INFINITY, 0, 7);
        assertThat(EchoPath.impulseResponse(room, RATE)).containsExactly(EchoPath.impulseResponse(room, RATE));
        Echo other = new Echo(40, -6, 300, 6, Double.POSITIVE_INFINITY, 0, 8);
        assertThat(EchoPath.impulseResponse(other, RATE)).isNotEqualTo(EchoPath.impulseResponse(room, RATE));
    }

    @Test
    void theLoudspeakerClipsAboveItsLevel() {
        short[] played = new short[RATE / 10];
        for (int n = 0; n < played.length; n++) {
            played[n] = (short) Math.round(30000 * Math.sin(2 * Math.PI * 440 * n / RATE));
        }
        float[] echo = echo(new Echo(0, 0, 0, 6, -6, 0, 1), played);
        float peak = 0;
        for (float v : echo) {
            peak = Math.max(peak, Math.abs(v));
        }
        assertThat(peak).isCloseTo((float) Math.pow(10, -6 / 20.0), within(1e-4f));
    }

    @Test
    void aFastMicrophoneClockHearsTheEchoLaterWithEverySecond() {
        short[] played = new short[11 * RATE];
        played[RATE] = 30000;
        played[10 * RATE] = 30000;
        float[] echo = echo(new Echo(40, 0, 0, 6, Double.POSITIVE_INFINITY, 100, 1), played);
        // 100 ppm: after 9 s more, the echo comes 0.9 ms (14.4 samples) later.
        double first = peak(echo, RATE);
        double second = peak(echo, 10 * RATE);
        assertThat(second - first - 9 * RATE).isCloseTo(14.4, within(1.0));
    }

    /** Where the echo of a click near {@code from} peaks, to a fraction of a sample. */
    private static double peak(float[] echo, int from) {
        int best = from;
        for (int n = from; n < from + RATE / 10; n++) {
            if (Math.abs(echo[n]) > Math.abs(echo[best])) {
                best = n;
            }
        }
        double a = echo[best - 1];
        double b = echo[best];
        double c = echo[best + 1];
        return best + 0.5 * (a - c) / (a - 2 * b + c);
    }
}
