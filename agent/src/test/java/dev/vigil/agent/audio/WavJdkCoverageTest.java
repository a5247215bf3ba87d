package dev.vigil.agent.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;
import org.junit.jupiter.api.Test;

/**
 * Pins what the JDK's own WAV reader does with the files {@link WavFile#read} must handle, the
 * reasons the reader is kept (see its class comment). When a JDK update makes one of these fail,
 * the JDK may now cover that case and the hand-written part can shrink.
 */
class WavJdkCoverageTest {

    @Test
    void jdkReadsThePlainEncodings() throws Exception {
        for (int[] tagBits : new int[][] {{1, 8}, {1, 16}, {1, 24}, {1, 32}, {3, 32}, {3, 64}}) {
            TestWav w = new TestWav();
            w.formatTag = tagBits[0];
            w.bitsPerSample = tagBits[1];
            w.extensible = tagBits[1] == 24;
            w.data = new byte[100 * tagBits[1] / 8];
            try (AudioInputStream in = jdk(w)) {
                assertThat(in.getFrameLength()).as("tag %d, %d bits", tagBits[0], tagBits[1]).isEqualTo(100);
            }
        }
    }

    @Test
    void jdkRefusesLayoutsRealWritersProduce() {
        TestWav rf64 = new TestWav();
        rf64.rf64 = true;
        TestWav lateFmt = new TestWav();
        lateFmt.fmtAfterData = true;
        TestWav unpadded = new TestWav();
        unpadded.chunksBeforeData.add(TestWav.unpaddedChunk("LIST", new byte[5]));

        for (TestWav w : new TestWav[] {rf64, lateFmt, unpadded}) {
            assertThatThrownBy(() -> jdk(w)).isInstanceOf(UnsupportedAudioFileException.class)
                    .hasMessage("Stream of unsupported format"); // nothing a user could act on
        }
    }

    @Test
    void jdkAcceptsBrokenHeadersSilently() throws Exception {
        TestWav truncated = new TestWav();
        truncated.data = new byte[200];
        truncated.dataSize = 1000L;
        try (AudioInputStream in = jdk(truncated)) {
            assertThat(in.getFrameLength()).isEqualTo(500);
            assertThat(in.readAllBytes()).hasSize(200);
        }
        TestWav misaligned = new TestWav();
        misaligned.channels = 2;
        misaligned.blockAlign = 2;
        misaligned.data = new byte[400];
        try (AudioInputStream in = jdk(misaligned)) {
            assertThat(in.getFormat().getFrameSize()).isEqualTo(4);
        }
        TestWav pcm64 = new TestWav();
        pcm64.bitsPerSample = 64;
        try (AudioInputStream in = jdk(pcm64)) {
            assertThat(in.getFormat().getSampleSizeInBits()).isEqualTo(64);
        }
    }

    @Test
    void jdkFloatConversionIsNotLosslessFor16Bit() throws Exception {
        byte[] half = {0, 0x40}; // 16384, exactly 0.5 at Vigil's (and sox's) 1/32768 scale
        AudioFormat pcm = new AudioFormat(16_000, 16, 1, true, false);
        AudioFormat f32 = new AudioFormat(AudioFormat.Encoding.PCM_FLOAT, 16_000, 32, 1, 4, 16_000, false);
        try (AudioInputStream in = AudioSystem.getAudioInputStream(f32,
                new AudioInputStream(new ByteArrayInputStream(half), pcm, 1))) {
            float f = ByteBuffer.wrap(in.readAllBytes()).order(ByteOrder.LITTLE_ENDIAN).getFloat();
            assertThat(f).isEqualTo(16384 / 32767f).isNotEqualTo(0.5f);
        }
    }

    private static AudioInputStream jdk(TestWav w) throws Exception {
        return AudioSystem.getAudioInputStream(new ByteArrayInputStream(w.build()));
    }
}
