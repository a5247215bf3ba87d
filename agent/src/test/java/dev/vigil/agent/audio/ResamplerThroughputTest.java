package dev.vigil.agent.audio;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A smoke check that conversion is far faster than real time even on a busy CI machine; the
 * bound is loose on purpose, and the figure is printed for the benchmark to track later.
 */
class ResamplerThroughputTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"48000, 16000", "44100, 16000", "16000, 48000"})
    void runsManyTimesFasterThanRealTime(int inRate, int outRate) {
        int seconds = 20;
        float[] in = new float[inRate * seconds];
        Random random = new Random(7);
        for (int i = 0; i < in.length; i++) {
            in[i] = (float) (random.nextGaussian() * 0.2);
        }
        int chunk = inRate / 50; // 20 ms, as audio arrives from a capture device

        double best = Double.MAX_VALUE;
        float sink = 0;
        for (int run = 0; run < 4; run++) { // the first runs warm up the JIT
            Resampler r = new Resampler(inRate, outRate);
            long start = System.nanoTime();
            for (int off = 0; off < in.length; off += chunk) {
                float[] out = r.process(in, off, Math.min(chunk, in.length - off));
                sink += out.length > 0 ? out[0] : 0;
            }
            sink += r.flush().length;
            best = Math.min(best, (System.nanoTime() - start) / 1e9);
        }
        double realTime = seconds / best;

        System.out.printf("Resampler %d -> %d Hz: %.0fx real time on one core (%.1f ms per audio second)%s%n",
                inRate, outRate, realTime, 1000 * best / seconds, sink == 42 ? " " : "");
        assertThat(realTime).isGreaterThan(20);
    }
}
