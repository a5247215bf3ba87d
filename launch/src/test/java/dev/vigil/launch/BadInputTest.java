package dev.vigil.launch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** Every broken input gives one clear line naming the file and the problem, exit code 2, no stack trace. */
class BadInputTest {

    @TempDir
    Path dir;

    private Path scenario(String yaml) throws Exception {
        Path file = dir.resolve("scenario.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    private static void oneClearLine(Cli result, String... mentions) {
        assertThat(result.exit()).as("exit code; stderr: " + result.err()).isEqualTo(2);
        String[] lines = result.err().strip().split("\n");
        assertThat(lines).as("stderr lines").hasSize(1);
        assertThat(lines[0]).startsWith("vigil: ").contains(mentions).doesNotContain("Exception");
        assertThat(result.err()).doesNotContain("\tat ");
    }

    /** A valid PCM WAV header of the given format + {@code dataBytes} of zero bytes after it. */
    static byte[] wav(int rate, int channels, int bits, int dataBytes) {
        ByteBuffer b = ByteBuffer.allocate(44 + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(36 + dataBytes).put("WAVE".getBytes());
        b.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) channels).putInt(rate)
                .putInt(rate * channels * bits / 8).putShort((short) (channels * bits / 8)).putShort((short) bits);
        b.put("data".getBytes()).putInt(dataBytes);
        return b.array();
    }

    @Test
    void aVideoFileGStreamerCannotRead() throws Exception {
        Files.write(dir.resolve("lobby.avi"), "RIFF....AVI LIST not really a video".getBytes());
        Path s = scenario("video: {file: lobby.avi}\nduration: 3\n");
        oneClearLine(Cli.run("replay", s.toString()), "scenario.yaml", "lobby.avi");
    }

    @Test
    void anElevatorWithFloorsOutOfOrder() throws Exception {
        Path s = scenario("video: {elevator: {floors: [[0, 3], [5, 4], [2, 5]]}}\n");
        oneClearLine(Cli.run("replay", s.toString()), "scenario.yaml", "video");
    }

    @Test
    void truncatedWav() throws Exception {
        byte[] whole = wav(16_000, 1, 16, 32_000);
        Files.write(dir.resolve("cut.wav"), Arrays.copyOf(whole, 1_000));
        Path s = scenario("mic: [{at: 1, file: cut.wav}]\n");
        oneClearLine(Cli.run("replay", s.toString()), "scenario.yaml", "mic[0].file", "cut.wav", "truncated");
    }

    @Test
    void emptyWav() throws Exception {
        Files.write(dir.resolve("empty.wav"), new byte[0]);
        Path s = scenario("mic: [{at: 1, file: empty.wav}]\n");
        oneClearLine(Cli.run("replay", s.toString()), "empty.wav", "empty");
    }

    @Test
    void notAWavAtAll() throws Exception {
        Files.writeString(dir.resolve("song.wav"), "ID3\u0004 this is an mp3 really");
        Path s = scenario("mic: [{at: 1, file: song.wav}]\n");
        oneClearLine(Cli.run("replay", s.toString()), "song.wav", "not a WAV file");
    }

    @Test
    void missingClip() throws Exception {
        Path s = scenario("mic: [{at: 1, file: clips/goforward.raw, rate: 16000}]\n");
        oneClearLine(Cli.run("replay", s.toString()), "scenario.yaml", "clips/goforward.raw", "no such file");
    }

    @Test
    void unknownKey() throws Exception {
        Path s = scenario("mic: [{at: 1, say: hello}]\necho: {delay_ms: 40, gain: -6}\n");
        oneClearLine(Cli.run("replay", s.toString()), "scenario.yaml", "echo.gain", "unknown key 'gain'");
    }

    @Test
    void emptyScenarioFile() throws Exception {
        oneClearLine(Cli.run("replay", scenario("").toString()), "scenario.yaml", "empty scenario file");
    }

    @Test
    void missingScenarioFile() {
        oneClearLine(Cli.run("replay", dir.resolve("nowhere.yaml").toString()), "nowhere.yaml", "no such file");
    }

    @Test
    void oddLengthRawAudio() throws Exception {
        Files.write(dir.resolve("odd.raw"), new byte[3201]);
        Path s = scenario("mic: [{at: 1, file: odd.raw, rate: 16000}]\n");
        oneClearLine(Cli.run("replay", s.toString()), "odd.raw", "even number of bytes");
    }

    @Test
    void configurationWithAWrongType() throws Exception {
        Path file = dir.resolve("vigil.yaml");
        Files.writeString(file, "hearing:\n  vad:\n    start_threshold: high\n");
        oneClearLine(Cli.run("config", "print", "--config", file.toString()),
                "vigil.yaml: hearing.vad.start_threshold: expected a number, got \"high\"");
    }

    @Test
    void badSpeedOption() throws Exception {
        Path s = scenario("mic: [{at: 1, say: hello}]\n");
        Cli result = Cli.run("replay", s.toString(), "--speed", "warp");
        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).contains("--speed takes realtime or max").doesNotContain("\tat ");
    }

    @Test
    void debugShowsTheStackTrace() throws Exception {
        Path s = scenario("mic: [{at: 1, file: nope.wav}]\n");
        Cli result = Cli.run("replay", s.toString(), "--debug");
        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).contains("\tat ");
    }
}
