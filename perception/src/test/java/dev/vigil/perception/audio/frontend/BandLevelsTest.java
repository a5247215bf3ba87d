package dev.vigil.perception.audio.frontend;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class BandLevelsTest {

    @Test
    void aSineReadsItsLevelInItsOwnBandAndLittleElsewhere() {
        int n = 512;
        float[] samples = new float[n];
        // 1.5 kHz at half scale: mean square 0.125, -9.03 dBFS; it lies in the 1000-2000 Hz band (index 2).
        for (int i = 0; i < n; i++) {
            samples[i] = (float) (0.5 * Math.sin(2 * Math.PI * 1500 * i / AudioFrontEnd.SAMPLE_RATE));
        }
        double[] levels = new double[BandLevels.BANDS];
        new BandLevels(n).levels(samples, levels);
        assertThat(levels[2]).isCloseTo(10 * Math.log10(0.125), within(0.5));
        for (int b = 0; b < BandLevels.BANDS; b++) {
            if (b != 2) {
                assertThat(levels[b]).as("band %d", b).isLessThan(levels[2] - 30);
            }
        }
    }

    @Test
    void silenceReadsAsTheFloor() {
        double[] levels = new double[BandLevels.BANDS];
        new BandLevels(512).levels(new float[512], levels);
        assertThat(levels).containsOnly(-100.0);
    }
}
