package dev.vigil.agent.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Files written by real programs, decoded against each program's own idea of the samples. */
class WavFileExternalToolsTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "sox {0} Hz x{1}: {2}")
    @CsvSource({
        "48000, 2, -b 8 -e unsigned-integer",
        "16000, 1, -b 16 -e signed-integer",
        "44100, 2, -b 24 -e signed-integer",
        "22050, 1, -b 32 -e signed-integer",
        "48000, 2, -b 32 -e floating-point",
        "8000, 1, -b 64 -e floating-point",
        "48000, 6, -b 16 -e signed-integer",
    })
    void decodesSoxOutputAsSoxDoes(int rate, int channels, String encoding) throws Exception {
        assumeTrue(available("sox"), "sox not installed");
        Path wav = dir.resolve("sox.wav");
        List<String> make = new ArrayList<>(List.of("sox", "-n", "-r", "" + rate, "-c", "" + channels));
        make.addAll(List.of(encoding.split(" ")));
        make.addAll(List.of(wav.toString(), "synth", "0.5", "sine", "440", "sine", "1000", "vol", "0.8"));
        run(make);
        // sox's own decoding, as float32, is the reference.
        Path raw = dir.resolve("sox.f32");
        run(List.of("sox", wav.toString(), "-t", "raw", "-e", "floating-point", "-b", "32", "-L", raw.toString()));
        float[] reference = floats(raw);

        PcmAudio audio = WavFile.read(wav);

        assertThat(audio.sampleRate()).isEqualTo(rate);
        assertThat(audio.channels()).isEqualTo(channels);
        assertThat(audio.frames()).isEqualTo(rate / 2);
        assertThat(audio.samples()).hasSameSizeAs(reference);
        for (int i = 0; i < reference.length; i++) {
            assertThat(audio.samples()[i]).as("sample %d", i).isCloseTo(reference[i], within(1e-6f));
        }
    }

    @Test
    void decodesSoxWrittenToAPipe() throws Exception {
        assumeTrue(available("sox"), "sox not installed");
        Path wav = dir.resolve("piped.wav");
        // Writing to a pipe, sox cannot seek back and leaves placeholder sizes in the header.
        // (Redirecting to the file directly would hand sox a seekable descriptor.)
        Process p = new ProcessBuilder("sox", "-n", "-r", "16000", "-c", "1", "-b", "16", "-t", "wav", "-",
                "synth", "0.3", "sine", "440")
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try (var pipe = p.getInputStream()) {
            Files.copy(pipe, wav);
        }
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(Files.size(wav)).isEqualTo(44 + 9600);
        assertThat(ByteBuffer.wrap(Files.readAllBytes(wav)).order(ByteOrder.LITTLE_ENDIAN).getInt(40))
                .as("sox placeholder data size").isEqualTo(0x7FFF_F000);

        PcmAudio audio = WavFile.read(wav);

        assertThat(audio.frames()).isEqualTo(4800);
    }

    @Test
    void rejectsSoxALawAndMuLawByName() throws Exception {
        assumeTrue(available("sox"), "sox not installed");
        Path alaw = dir.resolve("alaw.wav");
        Path ulaw = dir.resolve("ulaw.wav");
        run(List.of("sox", "-n", "-r", "8000", "-c", "1", "-e", "a-law", alaw.toString(), "synth", "0.1", "sine", "440"));
        run(List.of("sox", "-n", "-r", "8000", "-c", "1", "-e", "u-law", ulaw.toString(), "synth", "0.1", "sine", "440"));

        WavFileTest.assertProblem(alaw, "unsupported encoding: format tag 0x0006 (A-law)");
        WavFileTest.assertProblem(ulaw, "unsupported encoding: format tag 0x0007 (µ-law)");
    }

    @Test
    void decodesFliteSpeech() throws Exception {
        assumeTrue(available("flite"), "flite not installed");
        Path wav = dir.resolve("hello.wav");
        run(List.of("flite", "-t", "hello", "-o", wav.toString()));

        PcmAudio audio = WavFile.read(wav);

        assertThat(audio.channels()).isEqualTo(1);
        assertThat(audio.sampleRate()).isIn(8000, 16_000, 22_050, 48_000);
        assertThat(audio.durationSeconds()).isBetween(0.2, 3.0);
        float peak = 0;
        for (float s : audio.samples()) {
            peak = Math.max(peak, Math.abs(s));
        }
        assertThat(peak).as("speech, not silence").isGreaterThan(0.05f);
    }

    // Only presence on PATH: flite, for one, exits non-zero on --version.
    private static boolean available(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String d : path.split(java.io.File.pathSeparator)) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, program))) {
                return true;
            }
        }
        return false;
    }

    private static void run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("%s\n%s", command, output).isZero();
    }

    private static float[] floats(Path raw) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(raw)).order(ByteOrder.LITTLE_ENDIAN);
        float[] f = new float[b.remaining() / 4];
        b.asFloatBuffer().get(f);
        return f;
    }
}
