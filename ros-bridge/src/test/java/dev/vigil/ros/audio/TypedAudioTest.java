package dev.vigil.ros.audio;

import dev.vigil.ros.msg.AudioStamped;
import dev.vigil.ros.msg.RosHeader;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** mgonzs13/audio_common's typed sample arrays, read as 16-bit mono. */
class TypedAudioTest {

    private static final RosHeader HEADER = new RosHeader(0, 0, "mic");

    private static AudioStamped audio(int format, int channels, float[] f, int[] i32, short[] i16, byte[] i8, byte[] u8) {
        return new AudioStamped(HEADER, f, i32, i16, i8, u8, format, channels, 16_000, 2);
    }

    @Test
    void everyPortAudioFormatTheCapturerSendsBecomesSixteenBit() {
        assertThat(RosAudioIn.typedMono(audio(AudioStamped.PA_INT16, 1, new float[0], new int[0],
                new short[]{100, -200}, new byte[0], new byte[0]), -1).samples()).containsExactly(100, -200);
        assertThat(RosAudioIn.typedMono(audio(AudioStamped.PA_FLOAT32, 1, new float[]{0.5f, -2f}, new int[0],
                new short[0], new byte[0], new byte[0]), -1).samples()).containsExactly(16384, -32768);
        assertThat(RosAudioIn.typedMono(audio(AudioStamped.PA_INT32, 1, new float[0], new int[]{65536 * 1000, -65536 * 5},
                new short[0], new byte[0], new byte[0]), -1).samples()).containsExactly(1000, -5);
        assertThat(RosAudioIn.typedMono(audio(AudioStamped.PA_INT8, 1, new float[0], new int[0], new short[0],
                new byte[]{1, -1}, new byte[0]), -1).samples()).containsExactly(256, -256);
        assertThat(RosAudioIn.typedMono(audio(AudioStamped.PA_UINT8, 1, new float[0], new int[0], new short[0],
                new byte[0], new byte[]{(byte) 128, (byte) 255}), -1).samples()).containsExactly(0, 32512);
    }

    @Test
    void stereoKeepsTheChosenChannelOrMixesDown() {
        AudioStamped stereo = audio(AudioStamped.PA_INT16, 2, new float[0], new int[0], new short[]{100, 300, -50, -150},
                new byte[0], new byte[0]);
        assertThat(RosAudioIn.typedMono(stereo, 1).samples()).containsExactly(300, -150);
        assertThat(RosAudioIn.typedMono(stereo, -1).samples()).containsExactly(200, -100);
    }

    @Test
    void infoThatContradictsTheSamplesOrAnUnknownFormatIsRefusedInOneLine() {
        assertThatThrownBy(() -> RosAudioIn.typedMono(audio(AudioStamped.PA_INT16, 2, new float[0], new int[0],
                new short[3], new byte[0], new byte[0]), -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("3 samples are not whole instants of 2 channels");
        assertThatThrownBy(() -> RosAudioIn.typedMono(audio(0x04, 1, new float[0], new int[0], new short[0],
                new byte[0], new byte[0]), -1)).isInstanceOf(UnsupportedOperationException.class)
                .hasMessage("PortAudio format 4 is not supported (float32 1, int32 2, int16 8, int8 16, uint8 32)");
        assertThatThrownBy(() -> RosAudioIn.typedMono(audio(AudioStamped.PA_INT16, 0, new float[0], new int[0],
                new short[2], new byte[0], new byte[0]), -1)).hasMessage("channels 0 (1–64)");
        assertThatThrownBy(() -> RosAudioIn.typedMono(audio(AudioStamped.PA_INT16, 1, new float[0], new int[0],
                new short[2], new byte[0], new byte[0]), 3)).hasMessageStartingWith("channel 3 was chosen");
    }
}
