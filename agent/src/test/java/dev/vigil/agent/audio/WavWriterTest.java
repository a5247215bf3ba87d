package dev.vigil.agent.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WavWriterTest {

    @TempDir
    Path dir;

    @Test
    void appendsChunksAndPatchesSizesOnClose() throws Exception {
        float[] all = TestWav.quantise(WavFileTest.signal(50_000, 2, 48_000), 16, false);
        Path file = dir.resolve("session.wav");

        try (WavWriter w = WavWriter.create(file, 48_000, 2)) {
            int off = 0;
            int step = 2;
            while (off < all.length) {
                int len = Math.min(step, all.length - off);
                w.write(all, off, len);
                off += len;
                step = step * 3 % 9998 + 2; // assorted even chunk sizes, across buffer boundaries
            }
            assertThat(w.frames()).isEqualTo(50_000);
        }

        assertThat(WavFile.read(file)).isEqualTo(new PcmAudio(48_000, 2, all));
        ByteBuffer header = header(file);
        assertThat(header.getInt(4)).isEqualTo(36 + 200_000);
        assertThat(header.getInt(40)).isEqualTo(200_000);
    }

    @Test
    void pcm16AndClipWritesMix() throws Exception {
        Path file = dir.resolve("mix.wav");
        try (WavWriter w = WavWriter.create(file, 16_000, 1)) {
            w.writePcm16(new short[] {1, 2, 3}, 1, 2);
            w.write(PcmAudio.ofPcm16(new short[] {-5, 7}, 16_000));
        }

        assertThat(WavFile.read(file).toPcm16()).containsExactly(2, 3, -5, 7);
    }

    @Test
    void aRecordingCutShortIsStillReadable() throws Exception {
        Path file = dir.resolve("crash.wav");
        float[] chunk = TestWav.quantise(WavFileTest.signal(40_000, 1, 16_000), 16, false);
        WavWriter w = WavWriter.create(file, 16_000, 1);
        try {
            w.write(chunk, 0, chunk.length);
            // Without flush or close, only whole buffers have reached the file, under a
            // "size unknown" header; a reader must take what is there.
            PcmAudio partial = WavFile.read(file);
            assertThat(partial.frames()).isPositive().isLessThanOrEqualTo(40_000);
            assertThat(partial.samples()).containsExactly(Arrays.copyOf(chunk, partial.frames()));

            w.flush();
            assertThat(WavFile.read(file).samples()).containsExactly(chunk);
            assertThat(header(file).getInt(40)).isEqualTo(80_000);

            w.write(chunk, 0, 100);
        } finally {
            w.close();
        }
        assertThat(WavFile.read(file).frames()).isEqualTo(40_100);
    }

    @Test
    void rejectsMismatchedInput() throws Exception {
        try (WavWriter w = WavWriter.create(dir.resolve("x.wav"), 16_000, 2)) {
            assertThatThrownBy(() -> w.write(new PcmAudio(8000, 2, new float[4])))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("clip is 8000 Hz, 2 ch; writer expects 16000 Hz, 2 ch");
            assertThatThrownBy(() -> w.write(new float[3], 0, 3))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void writingAfterCloseFails() throws Exception {
        Path file = dir.resolve("closed.wav");
        WavWriter w = WavWriter.create(file, 16_000, 1);
        w.close();
        w.close(); // idempotent

        assertThatThrownBy(() -> w.write(new float[1], 0, 1)).hasMessage(file + ": writer is closed");
        assertThat(WavFile.read(file).frames()).isZero();
    }

    private static ByteBuffer header(Path file) throws IOException {
        return ByteBuffer.wrap(Arrays.copyOf(Files.readAllBytes(file), 44)).order(ByteOrder.LITTLE_ENDIAN);
    }
}
