package dev.vigil.agent.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class ResamplerTest {

    /** The conversions the agent runs, plus one (16001 Hz) that takes the interpolated-kernel path. */
    static Stream<Arguments> ratios() {
        return Stream.of(
                Arguments.of(8000, 16_000),
                Arguments.of(11_025, 16_000),
                Arguments.of(22_050, 16_000),
                Arguments.of(24_000, 16_000),
                Arguments.of(44_100, 16_000),
                Arguments.of(48_000, 16_000),
                Arguments.of(16_000, 24_000),
                Arguments.of(16_000, 48_000),
                Arguments.of(44_100, 48_000),
                Arguments.of(44_100, 16_001),
                Arguments.of(16_001, 44_100));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("ratios")
    void sinesBelowCutoffKeepAmplitudeAndPhase(int inRate, int outRate) {
        double nyquist = Math.min(inRate, outRate) / 2.0;
        for (double fraction : new double[] {0.05, 0.3, 0.6, 0.8}) {
            double freq = 2 * Math.round(fraction * nyquist / 2); // even Hz: whole periods in 0.5 s
            float[] in = sine(freq, inRate, 1.0, 0.5, 0.3);

            float[] out = Resampler.resample(in, inRate, outRate);

            Tone tone = Tone.measure(out, outRate, freq, 0.25, 0.75);
            assertThat(tone.gainDb(0.5)).as("%.0f Hz gain", freq).isCloseTo(0, within(0.5));
            // Time alignment: a shifted output would show up as a phase offset.
            double delaySamples = tone.phaseOffset(0.3) / (2 * Math.PI * freq) * outRate;
            assertThat(delaySamples).as("%.0f Hz delay in output samples", freq).isCloseTo(0, within(0.05));
        }
    }

    @ParameterizedTest(name = "{0} Hz at {1} -> {2} must not appear at {3} Hz")
    @CsvSource({
        "10000, 48000, 16000, 6000",
        "9000, 48000, 16000, 7000",
        "10000, 44100, 16000, 6000",
        "15000, 44100, 16000, 1000",
        "11000, 24000, 16000, 5000",
    })
    void downsamplingDoesNotAlias(double freq, int inRate, int outRate, double alias) {
        float[] in = sine(freq, inRate, 1.0, 0.9, 0);

        float[] out = Resampler.resample(in, inRate, outRate);

        double aliasDb = Tone.measure(out, outRate, alias, 0.25, 0.75).gainDb(0.9);
        double leftoverDb = 20 * Math.log10(rms(out, outRate / 4, outRate * 3 / 4) / (0.9 / Math.sqrt(2)));
        System.out.printf("alias of %.0f Hz (%d -> %d) at %.0f Hz: %.1f dB, total leakage %.1f dB%n",
                freq, inRate, outRate, alias, aliasDb, leftoverDb);
        assertThat(aliasDb).isLessThan(-40);
        assertThat(leftoverDb).isLessThan(-40);
    }

    @Test
    void upsamplingRejectsImages() {
        // A 7 kHz tone at 16 kHz has spectral images at 9 kHz (and 23, 25 kHz) that must not survive.
        float[] in = sine(7000, 16_000, 1.0, 0.9, 0);

        float[] out = Resampler.resample(in, 16_000, 48_000);

        assertThat(Tone.measure(out, 48_000, 9000, 0.25, 0.75).gainDb(0.9)).isLessThan(-40);
        assertThat(Tone.measure(out, 48_000, 7000, 0.25, 0.75).gainDb(0.9)).isCloseTo(0, within(0.5));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("ratios")
    void chunkedStreamEqualsOneShot(int inRate, int outRate) {
        Random random = new Random(inRate * 31L + outRate);
        float[] in = new float[inRate + 777];
        for (int i = 0; i < in.length; i++) {
            in[i] = (float) (random.nextGaussian() * 0.3);
        }
        float[] whole = Resampler.resample(in, inRate, outRate);

        Resampler r = new Resampler(inRate, outRate);
        for (int pass = 0; pass < 2; pass++) { // second pass: flush() must leave it ready for a new stream
            float[] streamed = new float[0];
            int off = 0;
            while (off < in.length) {
                int len = Math.min(in.length - off, random.nextInt(10) == 0 ? random.nextInt(3) : random.nextInt(5000));
                streamed = concat(streamed, r.process(in, off, len));
                off += len;
            }
            streamed = concat(streamed, r.flush());

            assertThat(streamed).hasSameSizeAs(whole);
            for (int i = 0; i < whole.length; i++) {
                assertThat(streamed[i]).as("sample %d", i).isCloseTo(whole[i], within(1e-6f));
            }
        }
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("ratios")
    void outputLengthFollowsTheRatio(int inRate, int outRate) {
        for (int len : new int[] {0, 1, 2, 3, 7, 160, 441, 1000, inRate, 3 * inRate + 1}) {
            long expected = Math.round((double) len * outRate / inRate);

            int actual = Resampler.resample(new float[len], inRate, outRate).length;

            assertThat((long) actual).as("%d input samples", len).isCloseTo(expected, within(1L));
        }
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("ratios")
    void clickStaysWhereItWas(int inRate, int outRate) {
        float[] in = new float[inRate];
        int clickAt = inRate / 2;
        in[clickAt] = 1;

        float[] out = Resampler.resample(in, inRate, outRate);

        double expected = (double) clickAt * outRate / inRate;
        int peak = 0;
        for (int i = 1; i < out.length; i++) {
            if (Math.abs(out[i]) > Math.abs(out[peak])) {
                peak = i;
            }
        }
        assertThat((double) peak).isCloseTo(expected, within(1.0));
        // The energy is centred on the click too, not just the peak sample.
        double sum = 0;
        double moment = 0;
        for (int i = 0; i < out.length; i++) {
            double e = (double) out[i] * out[i];
            sum += e;
            moment += e * i;
        }
        assertThat(moment / sum).isCloseTo(expected, within(0.5));
    }

    @Test
    void dcPassesExactly() {
        float[] in = new float[44_100];
        Arrays.fill(in, 0.5f);

        float[] out = Resampler.resample(in, 44_100, 16_000);

        for (int i = 200; i < out.length - 200; i++) {
            assertThat(out[i]).isCloseTo(0.5f, within(1e-5f));
        }
    }

    @Test
    void identityCopiesInput() {
        float[] in = {0.1f, -0.2f, 0.3f};

        float[] out = Resampler.resample(in, 16_000, 16_000);

        assertThat(out).containsExactly(in).isNotSameAs(in);
        Resampler r = new Resampler(16_000, 16_000);
        assertThat(r.process(in, 1, 2)).containsExactly(-0.2f, 0.3f);
        assertThat(r.flush()).isEmpty();
        assertThat(r.lookaheadSamples()).isZero();
    }

    @Test
    void rejectsBadArguments() {
        assertThatThrownBy(() -> new Resampler(0, 16_000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Resampler(16_000, 400_000)).isInstanceOf(IllegalArgumentException.class);
        Resampler r = new Resampler(48_000, 16_000);
        assertThatThrownBy(() -> r.process(new float[4], 2, 3)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void streamingHoldsBackOnlyTheLookahead() {
        Resampler r = new Resampler(48_000, 16_000);
        int fed = 48_000;

        int emitted = r.process(new float[fed], 0, fed).length;

        // Outputs whose kernel reaches past the input so far wait for more input (or flush).
        int pending = 16_000 - emitted;
        assertThat(pending).isBetween(r.lookaheadSamples() / 3 - 1, r.lookaheadSamples() / 3 + 2);
        assertThat(r.flush()).hasSize(pending);
    }

    // ---------------------------------------------------------------- helpers

    static float[] sine(double freq, int rate, double seconds, double amplitude, double phase) {
        float[] s = new float[(int) Math.round(seconds * rate)];
        for (int i = 0; i < s.length; i++) {
            s[i] = (float) (amplitude * Math.sin(2 * Math.PI * freq * i / rate + phase));
        }
        return s;
    }

    static double rms(float[] x, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += (double) x[i] * x[i];
        }
        return Math.sqrt(sum / (to - from));
    }

    static float[] concat(float[] a, float[] b) {
        float[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** Amplitude and phase of one frequency, by projection over a window of whole periods. */
    record Tone(double amplitude, double phase) {

        static Tone measure(float[] x, int rate, double freq, double fromSeconds, double toSeconds) {
            int from = (int) Math.round(fromSeconds * rate);
            int to = (int) Math.round(toSeconds * rate);
            double s = 0;
            double c = 0;
            for (int i = from; i < to; i++) {
                double w = 2 * Math.PI * freq * i / rate;
                s += x[i] * Math.sin(w);
                c += x[i] * Math.cos(w);
            }
            s *= 2.0 / (to - from);
            c *= 2.0 / (to - from);
            return new Tone(Math.hypot(s, c), Math.atan2(c, s));
        }

        double gainDb(double reference) {
            return 20 * Math.log10(amplitude / reference);
        }

        /** Phase difference to the expected phase, wrapped to (-pi, pi]; positive means early. */
        double phaseOffset(double expected) {
            double d = phase - expected;
            return Math.atan2(Math.sin(d), Math.cos(d));
        }
    }
}
