package dev.vigil.agent.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WavFileTest {

    @TempDir
    Path dir;

    /** Two tones per channel so a channel swap or interleave slip cannot go unnoticed. */
    static float[] signal(int frames, int channels, int rate) {
        float[] s = new float[frames * channels];
        for (int f = 0; f < frames; f++) {
            for (int c = 0; c < channels; c++) {
                double t = f / (double) rate;
                s[f * channels + c] = (float) (0.6 * Math.sin(2 * Math.PI * (220 + 110 * c) * t)
                        + 0.3 * Math.sin(2 * Math.PI * 3001 * t + c));
            }
        }
        return s;
    }

    // ---------------------------------------------------------------- round trips

    @Test
    void writeThenReadIsLosslessFor16BitValues() throws Exception {
        short[] pcm = new short[16_000];
        for (int i = 0; i < pcm.length; i++) {
            pcm[i] = (short) (i * 7919 % 65536 - 32768);
        }
        PcmAudio clip = PcmAudio.ofPcm16(pcm, 16_000);
        Path file = dir.resolve("mono.wav");

        WavFile.write(file, clip);
        PcmAudio back = WavFile.read(file);

        assertThat(back).isEqualTo(clip);
        assertThat(back.toPcm16()).containsExactly(pcm);
        assertThat(Files.size(file)).isEqualTo(44 + 2L * pcm.length);
    }

    @Test
    void writeClipsOutOfRangeSamples() throws Exception {
        Path file = dir.resolve("loud.wav");
        WavFile.write(file, new PcmAudio(8000, 1, new float[] {1.5f, -2f, 1f, -1f, Float.NaN}));

        assertThat(WavFile.read(file).toPcm16()).containsExactly(32767, -32768, 32767, -32768, 0);
    }

    @Test
    void writingIntoAMissingFolderSaysSo() {
        PcmAudio clip = new PcmAudio(16_000, 1, new float[10]);
        assertThatThrownBy(() -> WavFile.write(dir.resolve("nowhere/clip.wav"), clip))
                .isInstanceOf(java.nio.file.NoSuchFileException.class);
    }

    @Test
    void stereo48kRoundTrip() throws Exception {
        float[] s = TestWav.quantise(signal(4800, 2, 48_000), 16, false);
        PcmAudio clip = new PcmAudio(48_000, 2, s);
        Path file = dir.resolve("stereo.wav");

        WavFile.write(file, clip);

        assertThat(WavFile.read(file)).isEqualTo(clip);
    }

    static Stream<Arguments> encodings() {
        // name, format tag, container bits, valid bits, float, extensible, channels, rate
        return Stream.of(
                Arguments.of("8-bit unsigned", 1, 8, 8, false, false, 1, 8000),
                Arguments.of("8-bit unsigned stereo 48k", 1, 8, 8, false, false, 2, 48_000),
                Arguments.of("16-bit", 1, 16, 16, false, false, 1, 16_000),
                Arguments.of("24-bit", 1, 24, 24, false, false, 1, 44_100),
                Arguments.of("24-bit stereo 48k", 1, 24, 24, false, false, 2, 48_000),
                Arguments.of("32-bit int", 1, 32, 32, false, false, 1, 22_050),
                Arguments.of("float32", 3, 32, 32, true, false, 1, 24_000),
                Arguments.of("float32 stereo 48k", 3, 32, 32, true, false, 2, 48_000),
                Arguments.of("float64", 3, 64, 64, true, false, 1, 11_025),
                Arguments.of("extensible 16-bit", 1, 16, 16, false, true, 2, 48_000),
                Arguments.of("extensible 24 in 32", 1, 32, 24, false, true, 2, 96_000),
                Arguments.of("extensible float32", 3, 32, 32, true, true, 2, 48_000),
                Arguments.of("extensible 6 channels", 1, 24, 24, false, true, 6, 48_000),
                Arguments.of("1 Hz", 1, 16, 16, false, false, 1, 1),
                Arguments.of("384 kHz", 1, 16, 16, false, false, 1, 384_000));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("encodings")
    void readsEveryEncoding(String name, int tag, int bits, int validBits, boolean isFloat, boolean extensible,
            int channels, int rate) throws Exception {
        float[] expected = TestWav.quantise(signal(1000, channels, Math.max(rate, 8000)), validBits, isFloat);
        TestWav w = new TestWav();
        w.formatTag = tag;
        w.bitsPerSample = bits;
        w.validBits = validBits;
        w.extensible = extensible;
        w.channels = channels;
        w.sampleRate = rate;
        w.data = TestWav.encode(expected, bits, isFloat);
        Path file = write(name.replace(' ', '_') + ".wav", w.build());

        PcmAudio audio = WavFile.read(file);

        assertThat(audio.sampleRate()).isEqualTo(rate);
        assertThat(audio.channels()).isEqualTo(channels);
        assertThat(audio.frames()).isEqualTo(1000);
        // Every stored value is exactly representable, so decoding must be exact.
        assertThat(audio.samples()).containsExactly(expected);
    }

    @Test
    void float64KeepsFloatPrecision() throws Exception {
        TestWav w = new TestWav();
        w.formatTag = 3;
        w.bitsPerSample = 64;
        w.data = TestWav.encode(new float[] {0.1f, -0.333f, 1.25f}, 64, true);

        // Over-range float samples are data, not errors: they are clipped only when written as PCM.
        assertThat(WavFile.read(write("f64.wav", w.build())).samples()).containsExactly(0.1f, -0.333f, 1.25f);
    }

    @Test
    void skipsUnknownChunksHonouringPadBytes() throws Exception {
        float[] expected = TestWav.quantise(signal(300, 1, 16_000), 16, false);
        TestWav w = new TestWav();
        w.data = TestWav.encode(expected, 16, false);
        w.chunksBeforeData.add(TestWav.chunk("LIST", "INFOISFT\u0005\0\0\0vigil".getBytes(StandardCharsets.ISO_8859_1)));
        w.chunksBeforeData.add(TestWav.chunk("fact", new byte[] {44, 1, 0, 0}));
        w.chunksBeforeData.add(TestWav.chunk("junk", new byte[7])); // odd: one pad byte follows
        w.chunksAfterData.add(TestWav.chunk("id3 ", new byte[33]));

        assertThat(WavFile.read(write("chunks.wav", w.build())).samples()).containsExactly(expected);
    }

    @Test
    void toleratesAMissingPadByteAfterAnOddChunk() throws Exception {
        float[] expected = TestWav.quantise(signal(300, 1, 16_000), 16, false);
        TestWav w = new TestWav();
        w.data = TestWav.encode(expected, 16, false);
        w.chunksBeforeData.add(TestWav.unpaddedChunk("LIST", new byte[5]));

        assertThat(WavFile.read(write("nopad.wav", w.build())).samples()).containsExactly(expected);
    }

    @Test
    void acceptsFmtAfterData() throws Exception {
        float[] expected = TestWav.quantise(signal(300, 2, 16_000), 16, false);
        TestWav w = new TestWav();
        w.channels = 2;
        w.data = TestWav.encode(expected, 16, false);
        w.fmtAfterData = true;

        assertThat(WavFile.read(write("late-fmt.wav", w.build())).samples()).containsExactly(expected);
    }

    @Test
    void readsRf64() throws Exception {
        float[] expected = TestWav.quantise(signal(500, 2, 48_000), 24, false);
        TestWav w = new TestWav();
        w.rf64 = true;
        w.channels = 2;
        w.sampleRate = 48_000;
        w.bitsPerSample = 24;
        w.data = TestWav.encode(expected, 24, false);
        w.chunksAfterData.add(TestWav.chunk("LIST", new byte[10]));

        assertThat(WavFile.read(write("rf64.wav", w.build())).samples()).containsExactly(expected);
    }

    @Test
    void dropsATrailingPartialFrame() throws Exception {
        float[] expected = TestWav.quantise(signal(100, 2, 16_000), 16, false);
        TestWav w = new TestWav();
        w.channels = 2;
        byte[] pcm = TestWav.encode(expected, 16, false);
        w.data = Arrays.copyOf(pcm, pcm.length + 3);

        PcmAudio audio = WavFile.read(write("partial.wav", w.build()));

        assertThat(audio.frames()).isEqualTo(100);
        assertThat(audio.samples()).containsExactly(expected);
    }

    @Test
    void emptyDataChunkIsAnEmptyClip() throws Exception {
        TestWav w = new TestWav();

        PcmAudio audio = WavFile.read(write("silent.wav", w.build()));

        assertThat(audio.frames()).isZero();
        assertThat(audio.sampleRate()).isEqualTo(16_000);
    }

    @ParameterizedTest(name = "RIFF size {0}, data size {1}")
    @MethodSource("streamingSizes")
    void streamingHeaderMeansDataRunsToEndOfFile(long riffSize, long dataSize) throws Exception {
        float[] expected = TestWav.quantise(signal(800, 1, 16_000), 16, false);
        TestWav w = new TestWav();
        w.data = TestWav.encode(expected, 16, false);
        w.riffSize = riffSize;
        w.dataSize = dataSize;

        assertThat(WavFile.read(write("live.wav", w.build())).samples()).containsExactly(expected);
    }

    static Stream<Arguments> streamingSizes() {
        return Stream.of(
                Arguments.of(0xFFFF_FFFFL, 0xFFFF_FFFFL),
                Arguments.of(0L, 0L),
                Arguments.of(0L, 0xFFFF_FFFFL),
                Arguments.of(0xFFFF_FFFFL, 0L));
    }

    @Test
    void placeholderDataSizeWithARealRiffSizeIsTruncation() throws Exception {
        TestWav w = new TestWav();
        w.data = new byte[1600];
        w.dataSize = 0xFFFF_FFFFL;
        Path file = write("half-streamed.wav", w.build());

        assertProblem(file, "truncated: data chunk declares 4294967295 bytes, file holds 1600");
    }

    @Test
    void rawS16leMono() throws Exception {
        Path file = write("capture.raw", new byte[] {0, 0, 0, 0x40, (byte) 0xFF, (byte) 0xFF, 0, (byte) 0x80});

        PcmAudio audio = WavFile.readRaw(file, 16_000);

        assertThat(audio.sampleRate()).isEqualTo(16_000);
        assertThat(audio.channels()).isEqualTo(1);
        assertThat(audio.samples()).containsExactly(0f, 0.5f, -1 / 32768f, -1f);
    }

    // ---------------------------------------------------------------- broken inputs

    @Test
    void emptyFile() throws Exception {
        assertProblem(write("empty.wav", new byte[0]), "empty file");
    }

    @Test
    void truncatedInTheMiddleOfData() throws Exception {
        Path whole = dir.resolve("whole.wav");
        WavFile.write(whole, new PcmAudio(16_000, 1, signal(16_000, 1, 16_000)));
        byte[] bytes = Files.readAllBytes(whole);
        Path cut = write("cut.wav", Arrays.copyOf(bytes, 44 + 12_000));

        assertProblem(cut, "truncated: data chunk declares 32000 bytes, file holds 12000");
    }

    @Test
    void truncatedInsideTheHeader() throws Exception {
        Path whole = dir.resolve("whole.wav");
        WavFile.write(whole, new PcmAudio(16_000, 1, new float[100]));
        byte[] bytes = Files.readAllBytes(whole);

        assertProblem(write("tiny.wav", Arrays.copyOf(bytes, 8)), "truncated: RIFF header needs 12 bytes, file holds 8");
        assertProblem(write("nofmt.wav", Arrays.copyOf(bytes, 30)), "truncated: fmt chunk declares 16 bytes, file holds 10");
        assertProblem(write("nodata.wav", Arrays.copyOf(bytes, 36)), "missing data chunk");
    }

    @Test
    void garbageBytes() throws Exception {
        byte[] junk = new byte[1000];
        for (int i = 0; i < junk.length; i++) {
            junk[i] = (byte) (i * 37 + 1);
        }
        assertProblem(write("noise.wav", junk), "not a WAV file (starts with bytes 01 26 4B 70)");
    }

    @Test
    void mp3WithId3Tag() throws Exception {
        byte[] mp3 = new byte[512];
        System.arraycopy(new byte[] {'I', 'D', '3', 3, 0, 0, 0, 0, 0, 0x21, (byte) 0xFF, (byte) 0xFB}, 0, mp3, 0, 12);
        assertProblem(write("speech.wav", mp3), "not a WAV file (starts with 'ID3')");
    }

    @Test
    void bareMp3Frames() throws Exception {
        byte[] mp3 = {(byte) 0xFF, (byte) 0xFB, (byte) 0x90, 0x64, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
        assertProblem(write("frames.wav", mp3), "not a WAV file (starts with bytes FF FB 90 64)");
    }

    @Test
    void otherRiffForms() throws Exception {
        byte[] avi = "RIFF\u0004\0\0\0AVI ".getBytes(StandardCharsets.ISO_8859_1);
        assertProblem(write("movie.wav", avi), "not a WAV file (RIFF form 'AVI ', expected 'WAVE')");
        assertProblem(write("text.wav", "hello world\n".getBytes(StandardCharsets.US_ASCII)),
                "not a WAV file (starts with 'hell')");
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("unsupportedEncodings")
    void unsupportedEncodingNamesTheFormat(int tag, String expected) throws Exception {
        TestWav w = new TestWav();
        w.formatTag = tag;
        w.bitsPerSample = 8;
        w.data = new byte[400];

        assertProblem(write("coded.wav", w.build()), expected);
    }

    static Stream<Arguments> unsupportedEncodings() {
        return Stream.of(
                Arguments.of(0x0055, "unsupported encoding: format tag 0x0055 (MPEG)"),
                Arguments.of(0x0006, "unsupported encoding: format tag 0x0006 (A-law)"),
                Arguments.of(0x0007, "unsupported encoding: format tag 0x0007 (µ-law)"),
                Arguments.of(0x0011, "unsupported encoding: format tag 0x0011 (IMA ADPCM)"),
                Arguments.of(0x1234, "unsupported encoding: format tag 0x1234"));
    }

    @Test
    void unsupportedSampleWidths() throws Exception {
        TestWav f16 = new TestWav();
        f16.formatTag = 3;
        f16.bitsPerSample = 16;
        assertProblem(write("half.wav", f16.build()), "unsupported encoding: 16-bit IEEE float");

        TestWav pcm64 = new TestWav();
        pcm64.bitsPerSample = 64;
        assertProblem(write("wide.wav", pcm64.build()), "unsupported encoding: 64-bit PCM");
    }

    @Test
    void badFmtValues() throws Exception {
        TestWav noChannels = new TestWav();
        noChannels.channels = 0;
        noChannels.blockAlign = 2;
        assertProblem(write("mute.wav", noChannels.build()), "bad fmt chunk: 0 channels");

        TestWav noRate = new TestWav();
        noRate.sampleRate = 0;
        assertProblem(write("still.wav", noRate.build()), "bad fmt chunk: sample rate 0 Hz, supported 1..384000");

        TestWav fast = new TestWav();
        fast.sampleRate = 1_000_000;
        assertProblem(write("fast.wav", fast.build()), "bad fmt chunk: sample rate 1000000 Hz, supported 1..384000");

        TestWav misaligned = new TestWav();
        misaligned.channels = 2;
        misaligned.blockAlign = 2;
        assertProblem(write("misaligned.wav", misaligned.build()),
                "bad fmt chunk: block align 2, expected 4 for 2 channel(s) of 16-bit samples");
    }

    @Test
    void missingChunks() throws Exception {
        byte[] onlyHeader = "RIFF\u0004\0\0\0WAVE".getBytes(StandardCharsets.ISO_8859_1);
        assertProblem(write("hollow.wav", onlyHeader), "missing fmt and data chunks");

        byte[] noFmt = concat(onlyHeader, TestWav.chunk("data", new byte[16]));
        assertProblem(write("nofmt.wav", noFmt), "missing fmt chunk");
    }

    @Test
    void rawErrors() throws Exception {
        assertProblem(write("odd.raw", new byte[3]), "raw S16LE needs an even number of bytes, file holds 3", true);
        assertProblem(write("empty.raw", new byte[0]), "empty file", true);
    }

    @Test
    void missingFileAndDirectory() {
        assertProblem(dir.resolve("nowhere.wav"), "no such file");
        assertProblem(dir, "is a directory, not a WAV file");
    }

    // ---------------------------------------------------------------- helpers

    private Path write(String name, byte[] bytes) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, bytes);
        return file;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static void assertProblem(Path file, String problem) {
        assertProblem(file, problem, false);
    }

    /** The user-facing contract: exactly "{path}: {problem}", one line. */
    static void assertProblem(Path file, String problem, boolean raw) {
        assertThatThrownBy(() -> {
            if (raw) {
                WavFile.readRaw(file, 16_000);
            } else {
                WavFile.read(file);
            }
        })
                .isInstanceOf(AudioFormatException.class)
                .hasMessage(file + ": " + problem)
                .satisfies(e -> {
                    assertThat(e.getMessage()).doesNotContain("\n").startsWith(file.toString());
                    assertThat(((AudioFormatException) e).file()).isEqualTo(file);
                    assertThat(((AudioFormatException) e).problem()).isEqualTo(problem);
                });
    }
}
