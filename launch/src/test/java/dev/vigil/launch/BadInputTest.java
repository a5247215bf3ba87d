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

    /**
     * Runs the command as {@link Cli#run} does and checks the bounds on a bad input: it ends
     * within 10 s and allocates under 1 GB (the test thread's allocations, where the command runs).
     * Before the limits, {@code duration: 100000} ran out of heap and {@code rate: 1} took minutes.
     */
    private static Cli bounded(String... args) {
        var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        long allocatedBefore = threads.getThreadAllocatedBytes(id);
        long start = System.nanoTime();
        Cli result = Cli.run(args);
        long millis = (System.nanoTime() - start) / 1_000_000;
        long allocated = threads.getThreadAllocatedBytes(id) - allocatedBefore;
        assertThat(millis).as("milliseconds to refuse; stderr: " + result.err()).isLessThan(10_000);
        assertThat(allocated).as("bytes allocated to refuse; stderr: " + result.err()).isLessThan(1L << 30);
        return result;
    }

    /** Exit 2 and exactly this one line on stderr (after "vigil: "), nothing on a stack. */
    private static void exactLine(Cli result, String line) {
        assertThat(result.exit()).as("exit code; stderr: " + result.err()).isEqualTo(2);
        assertThat(result.err().strip()).isEqualTo("vigil: " + line);
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
    void badConsoleOptions() throws Exception {
        Path s = scenario("mic: [{at: 1, say: hello}]\n");
        oneClearLine(Cli.run("replay", s.toString(), "--console", "--console-port", "70000"),
                "--console-port: must be 0–65535 (0: any free port)");
        oneClearLine(Cli.run("replay", s.toString(), "--console", "--console-bind", "my-robot.local"),
                "--console-bind: not an IP address such as 127.0.0.1, 0.0.0.0 or ::1: \"my-robot.local\"");
        oneClearLine(Cli.run("run", "--set", "console.port=-5"), "--set: console.port: must be 0–65535 (0: any free port)");
    }

    @Test
    void aConsolePortInUseIsOneLine() throws Exception {
        Path s = scenario("mic: [{at: 1, say: hello}]\n");
        try (var taken = dev.vigil.launch.console.ConsoleServer.start(
                new dev.vigil.launch.config.ConsoleSettings(true, "127.0.0.1", 0, null))) {
            Cli result = Cli.run("replay", s.toString(), "--console", "--console-port", "" + taken.port());
            assertThat(result.exit()).isEqualTo(2);
            assertThat(result.err()).contains("console: cannot listen on 127.0.0.1:" + taken.port()).doesNotContain("\tat ");
        }
    }

    @Test
    void debugShowsTheStackTrace() throws Exception {
        Path s = scenario("mic: [{at: 1, file: nope.wav}]\n");
        Cli result = Cli.run("replay", s.toString(), "--debug");
        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).contains("\tat ");
    }

    // Bounds on every input (issue #12): each limit is checked at load, before anything runs.

    @Test
    void aDurationPastAnHour() throws Exception {
        Path s = scenario("mic: [{at: 1, say: hello}]\nduration: 100000\n");
        exactLine(bounded("replay", s.toString()), s + ": duration: at most 3600 s (an hour), was 100000");
    }

    @Test
    void aDurationThatOverflowedTheTrackLength() throws Exception {
        Path s = scenario("mic: [{at: 1, say: hello}]\nduration: 150000\n");
        exactLine(bounded("replay", s.toString()), s + ": duration: at most 3600 s (an hour), was 150000");
    }

    @Test
    void aWavWithAHeaderAndNoAudio() throws Exception {
        Files.write(dir.resolve("empty.wav"), wav(16_000, 1, 16, 0));
        Path s = scenario("mic: [{at: 1, file: empty.wav}]\nduration: 3\n");
        exactLine(bounded("replay", s.toString()), s + ": mic[0].file: empty.wav holds no audio (0 samples)");
    }

    @Test
    void anExpectationWindowNoScenarioCanReach() throws Exception {
        Path s = scenario("mic: [{at: 1, say: hello}]\nexpect:\n  - intent: greet\n    within: [-5, 99999]\n");
        exactLine(bounded("replay", s.toString()),
                s + ": expect[0].within: must lie within 0 to 3600 s (a scenario is at most an hour), was [-5,99999]");
    }

    @Test
    void aClipStartingPastAnHour() throws Exception {
        Path s = scenario("mic: [{at: 100000, say: hello}]\n");
        exactLine(bounded("replay", s.toString()), s + ": mic[0].at: at most 3600 s (an hour), was 100000");
    }

    @Test
    void aClipStartingInTheFarFuture() throws Exception {
        Path s = scenario("robot: [{at: 1e12, say: hello}]\n");
        exactLine(bounded("replay", s.toString()), s + ": robot[0].at: at most 3600 s (an hour), was 1.0E12");
    }

    @Test
    void clipsThatAddUpToMoreThanAnHour() throws Exception {
        // Each time within the limit, the second clip placed 200 s after the first's 1 s of audio ends.
        Files.write(dir.resolve("second.raw"), new byte[32_000]);
        Path s = scenario("robot:\n  - {at: 3500, file: second.raw, rate: 16000}\n"
                + "  - {after: 200, file: second.raw, rate: 16000}\n");
        exactLine(bounded("replay", s.toString()), s + ": robot[1]: ends at 3702 s, past the 3600 s a scenario may"
                + " last: shorten it or split the scenario");
    }

    @Test
    void aRawRateThatIsNotWhole() throws Exception {
        Files.write(dir.resolve("clip.raw"), new byte[3200]);
        Path s = scenario("mic: [{at: 1, file: clip.raw, rate: 0.4}]\n");
        exactLine(bounded("replay", s.toString()), s + ": mic[0].rate: must be a whole number, was 0.4");
    }

    @Test
    void aRawRateAboveTheLimit() throws Exception {
        Files.write(dir.resolve("clip.raw"), new byte[3200]);
        Path s = scenario("mic: [{at: 1, file: clip.raw, rate: 500000}]\n");
        exactLine(bounded("replay", s.toString()), s + ": mic[0].rate: must be from 1000 to 384000, was 500000");
    }

    @Test
    void aRawRateThatMakesHoursOfAudio() throws Exception {
        Files.write(dir.resolve("clip.raw"), new byte[59 * 1024]);
        Path s = scenario("mic: [{at: 1, file: clip.raw, rate: 1}]\n");
        exactLine(bounded("replay", s.toString()), s + ": mic[0].rate: must be from 1000 to 384000, was 1");
    }

    @Test
    void aRawFileLongerThanAnHour() throws Exception {
        // 8 MB at 1000 Hz: 4096 s, refused from the file's size without reading it.
        try (var out = java.nio.channels.FileChannel.open(dir.resolve("long.raw"), java.nio.file.StandardOpenOption.CREATE_NEW,
                java.nio.file.StandardOpenOption.WRITE)) {
            out.write(ByteBuffer.wrap(new byte[1]), 8L * 1024 * 1024 - 1);
        }
        Path s = scenario("robot: [{at: 1, file: long.raw, rate: 1000}]\n");
        exactLine(bounded("replay", s.toString()), s + ": robot[0].file: long.raw: 4194 s of audio at 1000 Hz, at most"
                + " 3600 s (is the rate right?)");
    }

    @Test
    void aSayTextTooLong() throws Exception {
        Path s = scenario("mic: [{at: 1, say: \"" + "go forward ".repeat(2300).substring(0, 25_000) + "\"}]\n");
        exactLine(bounded("replay", s.toString()), s + ": mic[0].say: text of 25000 characters, at most 5000: split it"
                + " into several clips");
    }

    @Test
    void aClipGainPastTheLimit() throws Exception {
        Path s = scenario("mic: [{at: 1, say: hello, gain_db: 400}]\n");
        exactLine(bounded("replay", s.toString()), s + ": mic[0].gain_db: must be -100..40 dB, was 400");
    }

    @Test
    void aNoiseGainPastTheLimit() throws Exception {
        Files.write(dir.resolve("fan.wav"), wav(16_000, 1, 16, 3200));
        Path s = scenario("mic: [{at: 1, say: hello}]\nnoise: {file: fan.wav, gain_db: -1000}\n");
        exactLine(bounded("replay", s.toString()), s + ": noise.gain_db: must be -100..40 dB, was -1000");
    }

    @Test
    void aCountPastTheIntRange() throws Exception {
        // 2^32 + 1: read as an int it was 1, and the expectation passed on one segment.
        Path s = scenario("mic: [{at: 1, say: hello}]\nexpect:\n  - voice_segments: 4294967297\n");
        exactLine(bounded("replay", s.toString()), s + ": expect[0].voice_segments: must be a whole number from 0 to"
                + " 100000, was 4294967297");
    }

    @Test
    void aWatchCountPastTheLimit() throws Exception {
        Path s = scenario("mic: [{at: 1, say: hello}]\nexpect:\n  - watch_fired: floor\n    times: 1000000\n");
        exactLine(bounded("replay", s.toString()), s + ": expect[0].times: must be a whole number from 0 to 100000,"
                + " was 1000000");
    }

    @Test
    void aGrammarOfRandomBytes() throws Exception {
        byte[] noise = new byte[4000];
        new java.util.Random(1).nextBytes(noise);
        Files.write(dir.resolve("noise.gram"), noise);
        Path s = scenario("mic: [{at: 1, say: hello}]\nasr: {grammar: noise.gram}\n");
        exactLine(bounded("replay", s.toString()), s + ": asr.grammar: not a JSGF grammar: the first line must be the"
                + " header '#JSGF V1.0;'");
    }

    @Test
    void aGrammarThatIsPlainText() throws Exception {
        Files.writeString(dir.resolve("notes.gram"), "grammar is not; this is text\n");
        Path s = scenario("mic: [{at: 1, say: hello}]\nasr: {grammar: notes.gram}\n");
        exactLine(bounded("replay", s.toString()), s + ": asr.grammar: not a JSGF grammar: the first line must be the"
                + " header '#JSGF V1.0;'");
    }

    @Test
    void aGrammarWithASyntaxError() throws Exception {
        Files.writeString(dir.resolve("broken.gram"), "#JSGF V1.0;\ngrammar broken;\npublic <move> = go (forward | ;\n");
        Path s = scenario("mic: [{at: 1, say: hello}]\nasr: {grammar: broken.gram}\n");
        exactLine(bounded("replay", s.toString()), s + ": asr.grammar: not a valid JSGF grammar: unexpected ';' at"
                + " line 3, column 31");
    }

    @Test
    void aGrammarWithoutAPublicRule() throws Exception {
        Files.writeString(dir.resolve("quiet.gram"), "#JSGF V1.0;\ngrammar quiet;\n<move> = go forward;\n");
        Path s = scenario("mic: [{at: 1, say: hello}]\nasr: {grammar: quiet.gram}\n");
        exactLine(bounded("replay", s.toString()), s + ": asr.grammar: the grammar has no public rule: recognition"
                + " starts from one");
    }

    @Test
    void aFolderAsAClip() throws Exception {
        Files.createDirectory(dir.resolve("clips"));
        Path s = scenario("mic: [{at: 1, file: clips}]\n");
        exactLine(bounded("replay", s.toString()), s + ": mic[0].file: clips: is a folder, not a file ("
                + dir.resolve("clips") + ")");
    }

    @Test
    void aDeviceAsAClip() throws Exception {
        Path s = scenario("mic: [{at: 1, file: /dev/zero}]\n");
        exactLine(bounded("replay", s.toString()), s + ": mic[0].file: /dev/zero: not a regular file (a device, FIFO or"
                + " socket): give a file");
    }

    @Test
    void aFifoAsTheNoise() throws Exception {
        Path fifo = dir.resolve("fan.wav");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        Path s = scenario("mic: [{at: 1, say: hello}]\nnoise: {file: fan.wav}\n");
        exactLine(bounded("replay", s.toString()), s + ": noise.file: fan.wav: not a regular file (a device, FIFO or"
                + " socket): give a file");
    }

    @Test
    void aScenarioThatIsNotUtf8() throws Exception {
        Path s = dir.resolve("latin1.yaml");
        Files.write(s, "mic: [{at: 1, say: \"caf\u00e9\"}]\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        exactLine(bounded("replay", s.toString()), s + ": line 1, column 24: not UTF-8 text (byte 0xE9): save the file"
                + " as UTF-8");
    }

    @Test
    void aSayOfPunctuationOnly() throws Exception {
        Path s = scenario("robot: [{at: 1, say: \"?!... ,;\"}]\n");
        exactLine(bounded("replay", s.toString()), s + ": robot[0].say: nothing flite can say in '?!... ,;': it reads"
                + " Latin letters and digits (punctuation, emoji and other scripts are silent)");
    }

    @Test
    void aSayOfEmojiOnly() throws Exception {
        Path s = scenario("mic: [{at: 1, say: \"\uD83D\uDE00\uD83E\uDD16\"}]\n");
        exactLine(bounded("replay", s.toString()), s + ": mic[0].say: nothing flite can say in '\uD83D\uDE00\uD83E\uDD16':"
                + " it reads Latin letters and digits (punctuation, emoji and other scripts are silent)");
    }

    @Test
    void aSayInChinese() throws Exception {
        Path s = scenario("background: [{at: 1, say: \"\u5411\u524d\u8d70\u5341\u7c73\"}]\n");
        exactLine(bounded("replay", s.toString()), s + ": background[0].say: nothing flite can say in"
                + " '\u5411\u524d\u8d70\u5341\u7c73': it reads Latin letters and digits (punctuation, emoji and other"
                + " scripts are silent)");
    }

    /** A float WAV: a 200 Hz tone from 0.5 s to 1.5 s in 2 s of silence, with the given samples poisoned. */
    private static byte[] floatWav(float poison, int... at) {
        float[] samples = new float[32_000];
        for (int i = 8_000; i < 24_000; i++) {
            samples[i] = (float) (0.3 * Math.sin(2 * Math.PI * 200 * i / 16_000.0));
        }
        for (int i : at) {
            samples[i] = poison;
        }
        ByteBuffer b = ByteBuffer.allocate(44 + samples.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(36 + samples.length * 4).put("WAVE".getBytes());
        b.put("fmt ".getBytes()).putInt(16).putShort((short) 3).putShort((short) 1).putInt(16_000).putInt(64_000)
                .putShort((short) 4).putShort((short) 32);
        b.put("data".getBytes()).putInt(samples.length * 4);
        for (float v : samples) {
            b.putFloat(v);
        }
        return b.array();
    }

    @Test
    void nonFiniteSamplesAreReplacedAndCounted() throws Exception {
        // One NaN made the clip's loudest frame NaN, its ground truth empty, and the clip was refused
        // as holding no speech; in the noise bed it came back every loop.
        Files.write(dir.resolve("tone.wav"), floatWav(Float.NaN, 12_000, 13_000));
        Files.write(dir.resolve("fan.wav"), floatWav(Float.POSITIVE_INFINITY, 100));
        Path s = scenario("mic: [{at: 1, file: tone.wav}]\nnoise: {file: fan.wav, gain_db: -30}\n");
        var rendered = new dev.vigil.launch.scenario.ScenarioRenderer(AgentParts.flite())
                .render(dev.vigil.launch.scenario.ScenarioLoader.load(s));
        assertThat(rendered.repairs()).containsExactly(
                s + ": mic[0].file: tone.wav: 2 samples were NaN or infinite: replaced with silence",
                s + ": noise.file: fan.wav: 1 sample was NaN or infinite: replaced with silence");
        assertThat(rendered.truth()).hasSize(1);
        assertThat(rendered.truth().get(0).start()).isCloseTo(1.5, org.assertj.core.data.Offset.offset(0.05));
        for (float[] track : new float[][] {rendered.user(), rendered.noise()}) {
            for (float v : track) {
                assertThat(Float.isFinite(v)).isTrue();
            }
        }
    }
}
