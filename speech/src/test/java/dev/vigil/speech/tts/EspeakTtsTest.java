package dev.vigil.speech.tts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vigil.speech.tts.RecordingListener.Audio;
import dev.vigil.speech.tts.RecordingListener.Done;
import dev.vigil.speech.tts.RecordingListener.Failed;
import dev.vigil.speech.tts.engine.EspeakSynthesizer;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EspeakTtsTest {

    private static final String HELLO = "\u4f60\u597d\uff0c\u6211\u662f\u673a\u5668\u4eba\u3002"; // 你好，我是机器人。

    private static ExecutorService pool;

    @BeforeAll
    static void startPool() {
        assumeTrue(new EspeakSynthesizer().unavailableReason().isEmpty(), "espeak-ng is not installed");
        // One worker, so an interrupt left behind by a cancel would hit the next utterance.
        pool = Executors.newSingleThreadExecutor(task -> new Thread(task, "tts-worker"));
    }

    @AfterAll
    static void stopPool() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    @Test
    void speaksMandarin() throws Exception {
        try (EspeakTts tts = new EspeakTts(pool)) {
            RecordingListener listener = new RecordingListener();
            long start = System.nanoTime();
            tts.speak("hello", HELLO, listener);
            listener.awaitEnds(1);

            Audio audio = listener.audio().get(0);
            double seconds = listener.totalSamples() / (double) audio.sampleRate();
            System.out.printf("EspeakTts cmn: first audio after %.1f ms, %.2f s of audio%n",
                    (audio.nanos() - start) / 1e6, seconds);
            assertThat(listener.audio()).singleElement().satisfies(a -> {
                assertThat(a.chunkText()).isEqualTo(HELLO);
                assertThat(a.sampleRate()).isEqualTo(22_050);
            });
            assertThat(seconds).isBetween(0.8, 5.0);
            assertThat(peak(audio.samples())).isGreaterThan(1_000);
            assertThat(listener.ends()).singleElement()
                    .isInstanceOfSatisfying(Done.class, done -> assertThat(done.cancelled()).isFalse());
            assertThat(tts.language()).isEqualTo("zh");
            assertThat(tts.voice()).isEqualTo("cmn");
        }
    }

    @Test
    void aLongMandarinAnswerComesInChunks() throws Exception {
        String answer = "\u8bf7\u6cbf\u7740\u8d70\u5eca\u4e00\u76f4\u5f80\u524d\u8d70\u5927\u7ea6\u4e8c\u5341\u7c73\uff0c"
                + "\u7136\u540e\u5728\u84dd\u8272\u7684\u95e8\u90a3\u91cc\u5411\u5de6\u8f6c\uff0c"
                + "\u5145\u7535\u7ad9\u5c31\u5728\u53a8\u623f\u65c1\u8fb9\u3002\u8c22\u8c22\uff01";
        try (EspeakTts tts = new EspeakTts(pool)) {
            RecordingListener listener = new RecordingListener();
            tts.speak("route", answer, listener);
            listener.awaitEnds(1);

            assertThat(listener.audio()).extracting(Audio::chunkText).containsExactlyElementsOf(TextChunker.DEFAULT.split(answer));
            assertThat(listener.audio()).hasSizeGreaterThan(2);
            assertThat(listener.ends()).singleElement().isInstanceOf(Done.class);
        }
    }

    @Test
    void aMissingProgramFailsTheUtteranceAndTheNextOneWorksOnceItIsThere(@TempDir Path dir) throws Exception {
        Path program = dir.resolve("espeak-ng"); // not there yet: as before the package is installed
        try (EspeakTts tts = new EspeakTts(new EspeakSynthesizer(program.toString(), Duration.ofSeconds(10)), "cmn",
                "zh", pool)) {
            RecordingListener first = new RecordingListener();
            tts.speak("before-install", HELLO, first);
            first.awaitEnds(1);

            assertThat(first.events()).singleElement().isInstanceOfSatisfying(Failed.class, failed -> {
                assertThat(failed.id()).isEqualTo("before-install");
                assertThat(failed.message()).startsWith("espeak-ng is not available: cannot run '" + program + "'")
                        .doesNotContain("\n");
            });

            Files.copy(installedEspeak(), program, StandardCopyOption.COPY_ATTRIBUTES);
            RecordingListener second = new RecordingListener();
            tts.speak("after-install", HELLO, second);
            second.awaitEnds(1);

            assertThat(second.audio()).isNotEmpty();
            assertThat(second.ends()).singleElement().isInstanceOf(Done.class);
        }
    }

    @Test
    void cancelKillsAHungProgramAndLeavesTheWorkerClean(@TempDir Path dir) throws Exception {
        Path hang = dir.resolve("hang.sh");
        Files.writeString(hang, "#!/bin/sh\nexec sleep 30\n");
        Files.setPosixFilePermissions(hang, PosixFilePermissions.fromString("rwx------"));
        try (EspeakTts hung = new EspeakTts(new EspeakSynthesizer(hang.toString(), Duration.ofSeconds(20)), "cmn", "zh",
                pool)) {
            RecordingListener listener = new RecordingListener();
            Synthesis synthesis = hung.speak("hung", HELLO, listener);
            Thread.sleep(300); // the worker is now waiting on the program

            long start = System.nanoTime();
            synthesis.cancel();
            listener.awaitEnds(1);
            double doneMs = (listener.ends().get(0).nanos() - start) / 1e6;
            System.out.printf("EspeakTts cancel of a hung program: done(cancelled) after %.1f ms%n", doneMs);

            assertThat(doneMs).isLessThan(2_000.0);
            assertThat(listener.events()).singleElement()
                    .isInstanceOfSatisfying(Done.class, done -> assertThat(done.cancelled()).isTrue());
        }
        // Same single worker thread: had the cancel's interrupt stayed on it, this would fail at once.
        try (EspeakTts tts = new EspeakTts(pool)) {
            RecordingListener listener = new RecordingListener();
            tts.speak("after", HELLO, listener);
            listener.awaitEnds(1);
            assertThat(listener.ends()).singleElement().isInstanceOf(Done.class);
        }
    }

    @Test
    void aMalformedVoiceIsRejectedAtOnce() {
        assertThatThrownBy(() -> new EspeakTts(new EspeakSynthesizer(), "--help", "xx", pool))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid espeak-ng voice name '--help'");
    }

    private static Path installedEspeak() {
        return Arrays.stream(System.getenv("PATH").split(File.pathSeparator))
                .map(directory -> Path.of(directory, "espeak-ng"))
                .filter(Files::isExecutable)
                .findFirst()
                .orElseThrow();
    }

    private static int peak(short[] samples) {
        int peak = 0;
        for (short sample : samples) {
            peak = Math.max(peak, Math.abs(sample));
        }
        return peak;
    }
}
