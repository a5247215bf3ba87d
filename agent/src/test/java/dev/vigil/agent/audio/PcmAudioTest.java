package dev.vigil.agent.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PcmAudioTest {

    @Test
    void framesAndDuration() {
        PcmAudio clip = new PcmAudio(48_000, 2, new float[48_000 * 2 * 3 / 2]);

        assertThat(clip.frames()).isEqualTo(72_000);
        assertThat(clip.durationSeconds()).isEqualTo(1.5);
    }

    @Test
    void monoAveragesChannels() {
        PcmAudio stereo = new PcmAudio(8000, 2, new float[] {1f, 0f, -0.5f, -0.25f});

        assertThat(stereo.mono()).isEqualTo(new PcmAudio(8000, 1, new float[] {0.5f, -0.375f}));
        PcmAudio mono = stereo.mono();
        assertThat(mono.mono()).isSameAs(mono);
    }

    @Test
    void pcm16ClipsAndRounds() {
        PcmAudio clip = new PcmAudio(8000, 1, new float[] {0f, 1f, -1f, 2f, -2f, 0.5f, 1.4f / 32768, 1.6f / 32768, Float.NaN});

        assertThat(clip.toPcm16()).containsExactly(0, 32767, -32768, 32767, -32768, 16384, 1, 2, 0);
    }

    @Test
    void pcm16RoundTripIsExact() {
        short[] all = new short[65536];
        for (int i = 0; i < all.length; i++) {
            all[i] = (short) (i - 32768);
        }

        assertThat(PcmAudio.ofPcm16(all, 16_000).toPcm16()).containsExactly(all);
    }

    @Test
    void rejectsPartialFramesAndBadShapes() {
        assertThatThrownBy(() -> new PcmAudio(8000, 2, new float[3])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PcmAudio(0, 1, new float[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PcmAudio(8000, 0, new float[0])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void valueSemantics() {
        PcmAudio a = new PcmAudio(8000, 1, new float[] {0.25f});
        PcmAudio b = new PcmAudio(8000, 1, new float[] {0.25f});

        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a.toString()).isEqualTo("PcmAudio[8000 Hz, 1 ch, 1 frames, 0.000 s]");
    }

    @Test
    void meanSquareIsThePowerOfFullScaleOne() {
        short[] square = new short[160];
        for (int i = 0; i < square.length; i++) {
            square[i] = (short) (i % 2 == 0 ? 16384 : -16384);
        }
        assertThat(PcmAudio.meanSquare(square, 0, square.length)).isEqualTo(0.25);
        assertThat(PcmAudio.meanSquare(new short[] {0, 32767, 0}, 0, 1)).isZero();
        assertThat(PcmAudio.meanSquare(square, 5, 5)).as("an empty range").isZero();
    }
}
