package dev.vigil.speech.tts.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import org.junit.jupiter.api.Test;

/** The structs' layout as JNA computes it, against flite's C declarations; no flite needed. */
class FliteStructsTest {

    private static final int P = Native.POINTER_SIZE;

    @Test
    void waveFieldsSitWhereTheCompilerPutsThem() {
        // const char *type; int sample_rate; int num_samples; int num_channels; short *samples;
        Memory m = new Memory(64);
        m.clear();
        Memory samples = new Memory(8);
        samples.write(0, new short[] {1, -2, 3, -4}, 0, 4);
        m.setInt(P, 16_000);
        m.setInt(P + 4, 4);
        m.setInt(P + 8, 1);
        m.setPointer(pointerAligned(P + 12), samples);

        FliteStructs.CstWave wave = new FliteStructs.CstWave(m);

        assertThat(wave.sample_rate).isEqualTo(16_000);
        assertThat(wave.num_samples).isEqualTo(4);
        assertThat(wave.num_channels).isEqualTo(1);
        assertThat(wave.samples(1, 2)).containsExactly((short) -2, (short) 3);
        assertThat(wave.samples(0, 0)).isEmpty();
        assertThat(wave.size()).isEqualTo(pointerAligned(P + 12) + P);
    }

    @Test
    void voiceFeaturesAndStreamingCallbackOffsets() {
        Memory voice = new Memory(2L * P);
        Pointer features = new Memory(8);
        voice.setPointer(0, Pointer.NULL);
        voice.setPointer(P, features);
        assertThat(new FliteStructs.CstVoice(voice).features).isEqualTo(features);

        // int min_buffsize; cst_audio_stream_callback asc;
        Memory info = new Memory(2L * P);
        info.clear();
        FliteStructs.CstAudioStreamingInfo streaming = new FliteStructs.CstAudioStreamingInfo(info);
        streaming.asc = (wave, start, size, last, user) -> 0;
        streaming.writeField("asc");
        assertThat(info.getInt(0)).as("min_buffsize untouched").isZero();
        assertThat(info.getPointer(pointerAligned(4))).isNotNull();
    }

    private static int pointerAligned(int offset) {
        return (offset + P - 1) / P * P;
    }
}
