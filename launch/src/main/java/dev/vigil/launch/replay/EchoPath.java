package dev.vigil.launch.replay;

import dev.vigil.launch.scenario.Scenario.Echo;

import java.util.Random;

/**
 * How the loudspeaker reaches the microphone in a simulated room, in the order sound takes it:
 * <ol>
 *   <li>the loudspeaker clips what it plays above {@code clip_db} (a small robot's amplifier and
 *       driver saturate before the digital signal does);</li>
 *   <li>the microphone samples on its own clock, {@code drift_ppm} off the loudspeaker's: the echo
 *       arrives that much later (or earlier) with every second, as on two sound cards;</li>
 *   <li>the room's impulse response: the direct sound after {@code delay_ms} at {@code gain_db},
 *       then a synthetic, seeded reverberation (below).</li>
 * </ol>
 * The echo canceller sees none of this: its reference is what the robot meant to play.
 * <p>
 * Samples are 16 kHz floats, full scale 1. The echo of every loudspeaker sample is added into an
 * accumulator for the whole scenario as soon as the microphone has caught up with it; the
 * microphone then reads it. Not thread-safe: one replay drives it.
 */
final class EchoPath {

    /** The first reflection (floor, table, the robot's own body) comes this long after the direct sound. */
    static final double FIRST_REFLECTION_S = 0.0025;

    private final float[] response;
    private final int delay;
    private final double drift;
    private final float clip;
    private final float[] echo;
    /** The next drifted loudspeaker sample whose echo is still to be added. */
    private int next;

    /**
     * @param room    the echo path; must be audible
     * @param samples how many microphone samples will be read
     * @param rate    sample rate, Hz
     */
    EchoPath(Echo room, int samples, int rate) {
        this.response = impulseResponse(room, rate);
        this.delay = (int) Math.round(room.delayMs() * rate / 1000);
        this.drift = room.driftPpm() * 1e-6;
        this.clip = Double.isInfinite(room.clipDb()) ? Float.POSITIVE_INFINITY : (float) Math.pow(10, room.clipDb() / 20);
        this.echo = new float[samples];
    }

    /**
     * The room's impulse response from the direct sound on (the delay not included): the direct
     * sound's amplitude at index 0, then — when {@code rt60_ms} is above 0 — Polack's statistical
     * model of a room's reverberation: Gaussian noise, seeded, whose envelope falls by 60 dB over
     * the reverberation time, from the first reflection to that time, scaled so its energy is
     * {@code drr_db} below the direct sound's.
     */
    static float[] impulseResponse(Echo room, int rate) {
        float direct = (float) Math.pow(10, room.gainDb() / 20);
        int length = (int) Math.round(room.rt60Ms() * rate / 1000);
        int first = (int) Math.round(FIRST_REFLECTION_S * rate);
        if (length <= first) {
            return new float[] {direct};
        }
        float[] h = new float[length];
        Random random = new Random(room.seed());
        // Amplitude falls 60 dB (a factor 1000) over the reverberation time.
        double perSample = Math.log(1000) / length;
        double energy = 0;
        for (int m = first; m < length; m++) {
            h[m] = (float) (random.nextGaussian() * Math.exp(-perSample * m));
            energy += h[m] * h[m];
        }
        double reverberant = direct * direct * Math.pow(10, -room.drrDb() / 10);
        float scale = (float) Math.sqrt(reverberant / energy);
        for (int m = first; m < length; m++) {
            h[m] *= scale;
        }
        h[0] = direct;
        return h;
    }

    /**
     * The echo at microphone sample {@code n}, given the loudspeaker track as played so far.
     *
     * @param played     the loudspeaker track, full scale 32768
     * @param playedUpTo how many of its samples have been played; later ones read as silence
     */
    float at(int n, short[] played, int playedUpTo) {
        // Every loudspeaker sample the microphone could have heard by sample n has its echo added.
        for (int last = n - delay; next <= last; next++) {
            float v = drifted(next, played, playedUpTo);
            v = Math.max(-clip, Math.min(clip, v));
            if (v != 0) {
                int base = next + delay;
                int count = Math.min(response.length, echo.length - base);
                for (int m = 0; m < count; m++) {
                    echo[base + m] += v * response[m];
                }
            }
        }
        return n < echo.length ? echo[n] : 0f;
    }

    /**
     * The loudspeaker signal at microphone sample {@code j} on the microphone's clock: sample
     * {@code j − drift·j} of the loudspeaker's, between samples by cubic (Lagrange) interpolation.
     */
    private float drifted(int j, short[] played, int playedUpTo) {
        if (drift == 0) {
            return sample(played, playedUpTo, j);
        }
        double position = j - drift * j;
        int i = (int) Math.floor(position);
        double t = position - i;
        float a = sample(played, playedUpTo, i - 1);
        float b = sample(played, playedUpTo, i);
        float c = sample(played, playedUpTo, i + 1);
        float d = sample(played, playedUpTo, i + 2);
        return (float) (-t * (t - 1) * (t - 2) / 6 * a + (t + 1) * (t - 1) * (t - 2) / 2 * b
                - (t + 1) * t * (t - 2) / 2 * c + (t + 1) * t * (t - 1) / 6 * d);
    }

    private static float sample(short[] played, int playedUpTo, int i) {
        return i >= 0 && i < playedUpTo ? played[i] / 32768f : 0f;
    }
}
