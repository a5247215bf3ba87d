package dev.vigil.ros.audio;

import dev.vigil.ros.msg.AudioInfo;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PcmFormatTest {

    @Test
    void anAudioInfoOfRawPcmGivesItsFormat() {
        assertThat(PcmFormat.of(new AudioInfo(2, 48_000, "S16LE", 0, "wave")))
                .isEqualTo(new PcmFormat(2, 48_000, PcmFormat.SampleFormat.S16LE));
        assertThat(PcmFormat.of(new AudioInfo(1, 16_000, "f32le", 0, "")).sampleFormat())
                .isEqualTo(PcmFormat.SampleFormat.F32LE);
    }

    @Test
    void mp3TheCaptureNodesDefaultIsRefusedNamingTheParameterToChange() {
        assertThatThrownBy(() -> PcmFormat.of(new AudioInfo(1, 16_000, "S16LE", 192, "mp3")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("coding_format mp3 is not raw PCM: start audio_common's audio_capture_node with format:=wave"
                        + " (its default is mp3)");
    }

    @Test
    void anUnknownSampleFormatOrAnImpossibleRateIsRefusedInOneLine() {
        assertThatThrownBy(() -> PcmFormat.of(new AudioInfo(1, 16_000, "S24_3LE", 0, "wave")))
                .hasMessage("sample_format \"S24_3LE\" is not supported (S16LE or F32LE)");
        assertThatThrownBy(() -> PcmFormat.of(new AudioInfo(1, 0, "S16LE", 0, "wave")))
                .hasMessage("sample rate must be 8000–192000 Hz, was 0");
        assertThatThrownBy(() -> PcmFormat.of(new AudioInfo(0, 16_000, "S16LE", 0, "wave")))
                .hasMessage("channels must be 1–64, was 0");
        assertThatThrownBy(() -> PcmFormat.of(new AudioInfo(1, 4_294_967_295L, "S16LE", 0, "wave")))
                .hasMessageContaining("sample rate must be 8000–192000 Hz");
    }

    @Test
    void stereoS16KeepsTheChosenChannelOrMixesDown() {
        PcmFormat stereo = new PcmFormat(2, 48_000, PcmFormat.SampleFormat.S16LE);
        byte[] data = s16(1000, -2000, 32767, 32767, -32768, -32768);
        assertThat(stereo.toMono(data, 0).samples()).containsExactly(1000, 32767, -32768);
        assertThat(stereo.toMono(data, 1).samples()).containsExactly(-2000, 32767, -32768);
        assertThat(stereo.toMono(data, -1).samples()).containsExactly(-500, 32767, -32768);
    }

    @Test
    void floatSamplesAreScaledClippedAndNaNOrInfinityBecomesSilenceCounted() {
        PcmFormat mono = new PcmFormat(1, 16_000, PcmFormat.SampleFormat.F32LE);
        ByteBuffer b = ByteBuffer.allocate(28).order(ByteOrder.LITTLE_ENDIAN);
        b.putFloat(0.5f).putFloat(-1f).putFloat(3f).putFloat(Float.NaN).putFloat(-7f)
                .putFloat(Float.POSITIVE_INFINITY).putFloat(Float.NEGATIVE_INFINITY);
        PcmFormat.Mono m = mono.toMono(b.array(), -1);
        assertThat(m.samples()).containsExactly(16384, -32767, 32767, 0, -32768, 0, 0);
        assertThat(m.nonFinite()).isEqualTo(3);
    }

    @Test
    void aNaNInOneChannelSilencesOnlyItsInstantWhenMixedDown() {
        PcmFormat stereo = new PcmFormat(2, 16_000, PcmFormat.SampleFormat.F32LE);
        ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        b.putFloat(Float.NaN).putFloat(0.5f).putFloat(0.5f).putFloat(0.5f);
        PcmFormat.Mono m = stereo.toMono(b.array(), -1);
        assertThat(m.samples()).containsExactly(0, 16384);
        assertThat(m.nonFinite()).isEqualTo(1);
        assertThat(stereo.toMono(b.array(), 1).nonFinite()).as("the other channel kept alone").isZero();
    }

    @Test
    void dataThatIsNotWholeInstantsOrAChannelTheAudioLacksIsRefused() {
        PcmFormat stereo = new PcmFormat(2, 16_000, PcmFormat.SampleFormat.S16LE);
        assertThatThrownBy(() -> stereo.toMono(new byte[6], -1))
                .hasMessage("6 bytes are not whole instants of S16LE 16000 Hz 2 channels (4 bytes each)");
        assertThatThrownBy(() -> stereo.toMono(new byte[8], 2)).hasMessage("channel 2 was chosen, the audio has 2");
    }

    private static byte[] s16(int... samples) {
        ByteBuffer b = ByteBuffer.allocate(samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int s : samples) {
            b.putShort((short) s);
        }
        return b.array();
    }
}
