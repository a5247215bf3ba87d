package dev.vigil.speech.tts.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FliteSynthesizerTest {

    private static final String COMMAND = "go forward ten meters";

    private static FliteSynthesizer flite;

    @BeforeAll
    static void openFlite() {
        assumeTrue(FliteSynthesizer.available(), () -> FliteSynthesizer.unavailableReason().orElse(""));
        flite = new FliteSynthesizer();
    }

    @AfterAll
    static void closeFlite() {
        if (flite != null) {
            flite.close();
        }
    }

    @ParameterizedTest(name = "{0} at {1} Hz")
    @CsvSource({"slt, 16000", "rms, 16000", "awb, 16000", "kal16, 16000", "kal, 8000"})
    void everyVoiceSpeaksTheCommandAtItsOwnRate(String voice, int sampleRate) {
        SynthesizedAudio audio = flite.synthesize(COMMAND, voice);

        assertThat(audio.sampleRate()).isEqualTo(sampleRate);
        assertThat(audio.durationMillis()).isBetween(800L, 4000L);
        assertThat(peak(audio)).isGreaterThan(0.1);
    }

    @Test
    void voicesSurviveGarbageCollectionAndManyInstances() throws Exception {
        // A voice points into its library's static data; if the library were closed behind our back
        // (JNA does so for unreferenced libraries) this would crash the JVM, not fail an assertion.
        for (int round = 0; round < 3; round++) {
            try (FliteSynthesizer other = new FliteSynthesizer()) {
                for (String voice : other.voices()) {
                    assertThat(other.synthesize("hello", voice).isEmpty()).isFalse();
                }
            }
            for (int i = 0; i < 5; i++) {
                System.gc();
                Thread.sleep(20);
            }
        }
        assertThat(flite.synthesize(COMMAND, "slt").isEmpty()).isFalse();
    }

    @Test
    void listsTheVoices() {
        assertThat(flite.voices()).containsExactly("slt", "rms", "awb", "kal16", "kal");
        assertThat(FliteSynthesizer.unavailableReason()).isEmpty();
    }

    @Test
    void sameTextTwiceGivesIdenticalSamples() {
        SynthesizedAudio first = flite.synthesize(COMMAND, "slt");
        SynthesizedAudio second = flite.synthesize(COMMAND, "slt");

        assertThat(second.samples()).isEqualTo(first.samples());
        assertThat(second).isEqualTo(first);
    }

    @Test
    void unknownVoiceIsRejectedWithTheAvailableOnes() {
        assertThatThrownBy(() -> flite.synthesize(COMMAND, "hal9000"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown flite voice 'hal9000' (available: slt, rms, awb, kal16, kal)");
    }

    @Test
    void blankTextIsEmptyAudio() {
        assertThat(flite.synthesize("", "slt")).isEqualTo(SynthesizedAudio.empty(16_000));
        assertThat(flite.synthesize(" \n\t ", "kal")).isEqualTo(SynthesizedAudio.empty(8_000));
        assertThat(flite.synthesize(null, "slt").isEmpty()).isTrue();
    }

    @Test
    void speakableTextKeepsWhatFliteCanSay() {
        assertThat(FliteSynthesizer.speakableText("Go 3.5 m left, then stop!")).isEqualTo("Go 3.5 m left, then stop!");
        assertThat(FliteSynthesizer.speakableText("I\u2019m at the caf\u00e9 \u2014 it\u2019s 50% off"))
                .isEqualTo("I'm at the cafe - it's 50% off");
        assertThat(FliteSynthesizer.speakableText("\uFF21\uFF22\uFF23 Stra\u00dfe")).isEqualTo("ABC Strasse");
        assertThat(FliteSynthesizer.speakableText("**Turn** `left` #now")).isEqualTo("Turn left now");
        assertThat(FliteSynthesizer.speakableText("hello \uD83D\uDE00\uD83E\uDD16 robot")).isEqualTo("hello robot");
        assertThat(FliteSynthesizer.speakableText("\u53a8\u623f\u5728\u5de6\u8fb9")).isEmpty();
        assertThat(FliteSynthesizer.speakableText("stop\u0000\u0007\u001b[31m now\r\n")).isEqualTo("stop 31m now");
        assertThat(FliteSynthesizer.speakableText("...!?")).isEmpty();
        assertThat(FliteSynthesizer.speakableText("see " + "x".repeat(51) + " there")).isEqualTo("see there");
        assertThat(FliteSynthesizer.speakableText("x".repeat(50))).hasSize(50);
    }

    @Test
    void hostileTextNeverReachesFliteUnsanitizedAndNeverCrashes() {
        assertThat(flite.synthesize("\uD83D\uDE00 go forward \uD83E\uDD16", "slt").isEmpty()).isFalse();
        assertThat(flite.synthesize("\u53a8\u623f\u5728\u5de6\u8fb9", "slt").isEmpty()).isTrue();
        assertThat(flite.synthesize("turn\u0000 left\u0007\u001b\u007f\u0085 now", "rms").isEmpty()).isFalse();
        assertThat(flite.synthesize("\uD83D\uDE00".repeat(2_000), "awb").isEmpty()).isTrue();
        assertThat(flite.synthesize("a".repeat(5_000), "slt").isEmpty()).isTrue();
        assertThat(flite.synthesize("\ud800 lone surrogate \udfff", "slt").isEmpty()).isFalse();

        // Long mixed prose: kal16 because the clustergen voices take seconds per 5,000 characters.
        StringBuilder prose = new StringBuilder();
        String[] pieces = {"Go forward ten meters. ", "\u53a8\u623f\u5728\u5de6\u8fb9 ", "Caf\u00e9 \uD83D\uDE00, ",
            "$1,234.50 at 3:45pm; ", "\t\u0001(see: docs/x) "};
        for (int i = 0; prose.length() < 10_000; i++) {
            prose.append(pieces[i % pieces.length]);
        }
        assertThat(flite.synthesize(prose.substring(0, 5_000), "kal16").durationMillis()).isGreaterThan(60_000L);
        assertThat(flite.synthesize(prose.substring(0, 10_000), "kal16").durationMillis()).isGreaterThan(120_000L);
    }

    @Test
    void textOverTheLimitIsRejected() {
        String tooLong = "go ".repeat(FliteSynthesizer.MAX_TEXT_CHARS / 3 + 2);
        assertThatThrownBy(() -> flite.synthesize(tooLong, "slt"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("text too long for one flite call")
                .hasMessageNotContaining("\n");
    }

    @Test
    void concurrentCallersAllGetTheirOwnCorrectAudio() throws Exception {
        List<String> voices = List.of("slt", "rms", "kal16", "kal");
        List<SynthesizedAudio> expected = new ArrayList<>();
        for (String voice : voices) {
            expected.add(flite.synthesize(COMMAND + " with " + voice, voice));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<SynthesizedAudio>>> results = new ArrayList<>();
            for (String voice : voices) {
                Callable<List<SynthesizedAudio>> speaker = () -> {
                    start.await();
                    List<SynthesizedAudio> said = new ArrayList<>();
                    for (int i = 0; i < 3; i++) {
                        said.add(flite.synthesize(COMMAND + " with " + voice, voice));
                    }
                    return said;
                };
                results.add(pool.submit(speaker));
            }
            start.countDown();
            for (int v = 0; v < voices.size(); v++) {
                assertThat(results.get(v).get(60, TimeUnit.SECONDS)).containsOnly(expected.get(v));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void synthesizesFasterThanRealTime() {
        String sentence = "The kitchen is on your left, about five meters past the blue door.";
        for (String voice : flite.voices()) {
            flite.synthesize(sentence, voice); // registers the voice, warms the JIT
            long start = System.nanoTime();
            SynthesizedAudio audio = flite.synthesize(sentence, voice);
            double seconds = (System.nanoTime() - start) / 1e9;
            double realTimeFactor = seconds / (audio.durationMillis() / 1000.0);
            System.out.printf("flite %-5s %5d ms audio in %5.1f ms: real-time factor %.3f%n",
                    voice, audio.durationMillis(), seconds * 1000, realTimeFactor);
            assertThat(realTimeFactor).isLessThan(1.0);
        }
    }

    @Test
    void streamingDeliversTheSameAudioInChunks() {
        String text = "Turn left at the door, then go forward ten meters.";
        SynthesizedAudio whole = flite.synthesize(text, "slt");
        List<short[]> chunks = new ArrayList<>();
        AtomicInteger lastFlags = new AtomicInteger();
        long start = System.nanoTime();
        long[] firstChunkNanos = {0};

        SynthesizedAudio streamed = flite.synthesizeStreaming(text, "slt", (samples, rate, last) -> {
            if (chunks.isEmpty()) {
                firstChunkNanos[0] = System.nanoTime() - start;
            }
            assertThat(rate).isEqualTo(16_000);
            chunks.add(samples);
            lastFlags.addAndGet(last ? 1 : 0);
            return true;
        });
        long totalNanos = System.nanoTime() - start;
        System.out.printf("flite slt streaming: first chunk after %.1f ms of %.1f ms, %d chunks%n",
                firstChunkNanos[0] / 1e6, totalNanos / 1e6, chunks.size());

        assertThat(streamed).isEqualTo(whole);
        assertThat(chunks).hasSizeGreaterThan(10);
        assertThat(chunks.stream().mapToInt(c -> c.length).sum()).isEqualTo(whole.samples().length);
        assertThat(lastFlags).hasValue(1);
        // Streaming must not stay switched on for plain calls.
        assertThat(flite.synthesize(text, "slt")).isEqualTo(whole);
    }

    @Test
    void streamingListenerCanStopSynthesis() {
        AtomicInteger calls = new AtomicInteger();
        SynthesizedAudio partial = flite.synthesizeStreaming(COMMAND, "kal16", (samples, rate, last) -> calls.incrementAndGet() < 3);

        assertThat(calls).hasValue(3);
        assertThat(partial.isEmpty()).isFalse();
        assertThat(partial.samples().length).isLessThan(flite.synthesize(COMMAND, "kal16").samples().length);
    }

    @Test
    void streamingListenerFailuresComeBackToTheCaller() {
        assertThatThrownBy(() -> flite.synthesizeStreaming(COMMAND, "slt", (samples, rate, last) -> {
            throw new IllegalStateException("speaker unplugged");
        })).isInstanceOf(IllegalStateException.class).hasMessage("speaker unplugged");

        assertThatThrownBy(() -> flite.synthesizeStreaming(COMMAND, "slt",
                (samples, rate, last) -> !flite.synthesize("again", "slt").isEmpty()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("FliteSynthesizer cannot be called from inside a streaming listener");

        assertThat(flite.synthesize(COMMAND, "slt").isEmpty()).isFalse();
    }

    @Test
    void closedSynthesizerRefusesWork() {
        FliteSynthesizer other = new FliteSynthesizer();
        other.close();
        assertThatThrownBy(() -> other.synthesize(COMMAND, "slt"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("FliteSynthesizer is closed");
    }

    private static double peak(SynthesizedAudio audio) {
        int peak = 0;
        for (short sample : audio.samples()) {
            peak = Math.max(peak, Math.abs(sample));
        }
        return peak / 32768.0;
    }
}
