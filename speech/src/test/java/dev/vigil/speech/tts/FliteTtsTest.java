package dev.vigil.speech.tts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vigil.speech.tts.RecordingListener.Audio;
import dev.vigil.speech.tts.RecordingListener.Done;
import dev.vigil.speech.tts.RecordingListener.Event;
import dev.vigil.speech.tts.RecordingListener.Failed;
import dev.vigil.speech.tts.engine.FliteSynthesizer;
import dev.vigil.speech.tts.engine.SynthesizedAudio;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FliteTtsTest {

    // 40 words, three sentences: what the robot typically answers.
    private static final String ANSWER = "The charging station is at the far end of the east corridor, just past the "
            + "kitchen. Walk straight for about twenty meters, then turn left at the blue door. If the door is "
            + "closed, press the green button and wait.";

    private static ExecutorService pool;
    private FliteTts tts;

    @BeforeAll
    static void startPool() {
        assumeTrue(FliteSynthesizer.available(), () -> FliteSynthesizer.unavailableReason().orElse(""));
        pool = Executors.newFixedThreadPool(2, task -> new Thread(task, "tts-worker"));
    }

    @AfterAll
    static void stopPool() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    @BeforeEach
    void openTts() {
        tts = new FliteTts(pool);
    }

    @AfterEach
    void closeTts() {
        tts.close();
    }

    @Test
    void firstAudioLeavesLongBeforeTheWholeAnswerIsSynthesized() throws Exception {
        for (int i = 0; i < 3; i++) { // warm flite's voice and the JIT
            RecordingListener warmUp = new RecordingListener();
            tts.speak("warm-up", ANSWER, warmUp);
            warmUp.awaitEnds(1);
        }
        RecordingListener listener = new RecordingListener();

        long start = System.nanoTime();
        tts.speak("answer", ANSWER, listener);
        long speakReturned = System.nanoTime();
        listener.awaitEnds(1);

        List<Audio> audio = listener.audio();
        double firstMs = (audio.get(0).nanos() - start) / 1e6;
        double totalMs = (listener.ends().get(0).nanos() - start) / 1e6;
        double audioSeconds = listener.totalSamples() / (double) audio.get(0).sampleRate();
        System.out.printf("FliteTts 40-word answer: speak() returned in %.2f ms; first audio (\"%s\") after %.1f ms; "
                        + "all %d chunks (%.1f s of audio) after %.1f ms%n",
                (speakReturned - start) / 1e6, audio.get(0).chunkText(), firstMs, audio.size(), audioSeconds, totalMs);

        assertThat(listener.ends()).containsExactly(new Done("answer", false, listener.ends().get(0).nanos()));
        assertThat(firstMs).isLessThan(150.0);
        assertThat(firstMs).isLessThan(totalMs / 2);
        assertThat(audioSeconds).isBetween(8.0, 20.0);
        assertThat(audio).allSatisfy(a -> assertThat(a.thread().getName()).isEqualTo("tts-worker"));
        List<String> chunks = TextChunker.DEFAULT.split(ANSWER);
        assertThat(audio).extracting(Audio::chunkText).containsExactlyElementsOf(chunks);
        assertThat(audio).extracting(Audio::chunkIndex).containsExactlyElementsOf(IntStream.range(0, chunks.size()).boxed().toList());
    }

    @Test
    void chunkedAudioLastsAboutAsLongAsTheWholeSynthesizedAtOnce() throws Exception {
        RecordingListener listener = new RecordingListener();
        tts.speak("answer", ANSWER, listener);
        listener.awaitEnds(1);

        SynthesizedAudio whole;
        try (FliteSynthesizer flite = new FliteSynthesizer()) {
            whole = flite.synthesize(ANSWER, FliteTts.DEFAULT_VOICE);
        }
        double ratio = listener.totalSamples() / (double) whole.samples().length;
        System.out.printf("FliteTts chunked %.2f s vs one-shot %.2f s: ratio %.3f%n",
                listener.totalSamples() / 16_000.0, whole.samples().length / 16_000.0, ratio);
        assertThat(ratio).isBetween(0.75, 1.25);
        assertThat(listener.audio()).allSatisfy(a -> assertThat(a.sampleRate()).isEqualTo(16_000));
    }

    @Test
    void cancelAfterTheFirstChunkStopsTheRestAtOnce() throws Exception {
        String longAnswer = (ANSWER + " ").repeat(10); // 400 words, ~2 minutes of speech
        RecordingListener listener = new RecordingListener();
        Synthesis synthesis = tts.speak("long", longAnswer, listener);
        listener.awaitFirstAudio();

        long start = System.nanoTime();
        synthesis.cancel();
        long returned = System.nanoTime();
        int audioAtCancel = listener.audioCount();
        listener.awaitEnds(1);
        Thread.sleep(100); // anything late would show up now

        double cancelMs = (returned - start) / 1e6;
        double doneMs = (listener.ends().get(0).nanos() - returned) / 1e6;
        System.out.printf("FliteTts cancel: cancel() returned in %.3f ms, done(cancelled) %.2f ms later, "
                + "after %d of %d chunks%n", cancelMs, doneMs, audioAtCancel, TextChunker.DEFAULT.split(longAnswer).size());

        assertThat(cancelMs).isLessThan(50.0);
        assertThat(listener.audioCount()).isEqualTo(audioAtCancel);
        assertThat(audioAtCancel).isLessThan(TextChunker.DEFAULT.split(longAnswer).size());
        assertThat(listener.ends()).hasSize(1).first().isInstanceOfSatisfying(Done.class, done -> {
            assertThat(done.id()).isEqualTo("long");
            assertThat(done.cancelled()).isTrue();
        });
        assertThat(synthesis.cancelled()).isTrue();
        assertThat(synthesis.utteranceId()).isEqualTo("long");
    }

    @Test
    void cancelFromInsideTheAudioCallbackStopsAfterThatChunk() throws Exception {
        CompletableFuture<Synthesis> synthesis = new CompletableFuture<>();
        RecordingListener listener = new RecordingListener(audio -> synthesis.join().cancel());
        synthesis.complete(tts.speak("self-cancel", ANSWER, listener));
        listener.awaitEnds(1);

        assertThat(listener.audio()).hasSize(1);
        assertThat(listener.ends()).singleElement().isInstanceOfSatisfying(Done.class, done -> assertThat(done.cancelled()).isTrue());
    }

    @Test
    void cancelBeforeTheUtteranceStartsSpeaksNothing() throws Exception {
        ManualExecutor held = new ManualExecutor();
        try (FliteTts heldTts = new FliteTts(held)) {
            RecordingListener listener = new RecordingListener();
            Synthesis synthesis = heldTts.speak("early", ANSWER, listener);
            // speak() only queued the work: nothing ran on this thread.
            assertThat(listener.events()).isEmpty();
            assertThat(held.pending()).isEqualTo(1);

            synthesis.cancel();
            held.runAll();

            assertThat(listener.events()).singleElement()
                    .isInstanceOfSatisfying(Done.class, done -> assertThat(done.cancelled()).isTrue());
        }
    }

    @Test
    void cancellingTwiceOrAfterTheEndIsHarmless() throws Exception {
        RecordingListener listener = new RecordingListener();
        Synthesis synthesis = tts.speak("twice", (ANSWER + " ").repeat(5), listener);
        listener.awaitFirstAudio();
        synthesis.cancel();
        synthesis.cancel();
        listener.awaitEnds(1);
        synthesis.cancel();
        Thread.sleep(50);
        assertThat(listener.ends()).hasSize(1);

        RecordingListener finished = new RecordingListener();
        Synthesis spoken = tts.speak("finished", "Go forward.", finished);
        finished.awaitEnds(1);
        spoken.cancel();
        assertThat(spoken.cancelled()).isFalse();
        assertThat(finished.ends()).singleElement()
                .isInstanceOfSatisfying(Done.class, done -> assertThat(done.cancelled()).isFalse());
    }

    @Test
    void backToBackUtterancesAreSpokenInOrder() throws Exception {
        RecordingListener listener = new RecordingListener();
        tts.speak("first", ANSWER, listener);
        tts.speak("second", "Go forward ten meters.", listener);
        listener.awaitEnds(2);

        List<String> order = listener.events().stream().map(e -> e.id() + ":" + e.getClass().getSimpleName())
                .distinct().toList();
        assertThat(order).containsExactly("first:Audio", "first:Done", "second:Audio", "second:Done");
        assertThat(listener.ends()).extracting(e -> ((Done) e).cancelled()).containsExactly(false, false);
    }

    @Test
    void aListenerThatThrowsFailsItsUtteranceOnly() throws Exception {
        RecordingListener broken = new RecordingListener(audio -> {
            throw new IllegalStateException("speaker unplugged\nat line two");
        });
        tts.speak("broken", ANSWER, broken);
        broken.awaitEnds(1);

        assertThat(broken.audio()).hasSize(1);
        assertThat(broken.ends()).singleElement().isInstanceOfSatisfying(Failed.class, failed -> assertThat(failed.message())
                .isEqualTo("FliteTts: listener failed in audio(): IllegalStateException: speaker unplugged"));

        RecordingListener next = new RecordingListener();
        tts.speak("next", "Go forward ten meters.", next);
        next.awaitEnds(1);
        assertThat(next.audio()).isNotEmpty();
        assertThat(next.ends()).singleElement().isInstanceOf(Done.class);
    }

    @Test
    void textFliteCannotReadIsSkippedNotFailed() throws Exception {
        RecordingListener mixed = new RecordingListener();
        tts.speak("mixed", "\u53a8\u623f\u5728\u5de6\u8fb9\u3002 \uD83D\uDE00 Turn left at the door \uD83E\uDD16.", mixed);
        RecordingListener chinese = new RecordingListener();
        tts.speak("chinese", "\u4f60\u597d\uff0c\u6211\u662f\u673a\u5668\u4eba\u3002", chinese);
        RecordingListener emoji = new RecordingListener();
        tts.speak("emoji", "\uD83D\uDE00\uD83E\uDD16\uD83D\uDC4D", emoji);
        RecordingListener hostile = new RecordingListener();
        tts.speak("hostile", "stop\u0000\u0007\u001b[31m now \ud800 " + "x".repeat(5_000), hostile);
        hostile.awaitEnds(1);

        assertThat(mixed.audio()).singleElement().satisfies(a -> {
            assertThat(a.chunkText()).isEqualTo("\uD83D\uDE00 Turn left at the door \uD83E\uDD16.");
            assertThat(a.chunkIndex()).isEqualTo(1); // chunk 0 was all Chinese: nothing for flite to say
        });
        for (RecordingListener silent : List.of(chinese, emoji)) {
            assertThat(silent.events()).singleElement()
                    .isInstanceOfSatisfying(Done.class, done -> assertThat(done.cancelled()).isFalse());
        }
        assertThat(hostile.audio()).isNotEmpty();
        assertThat(hostile.ends()).singleElement().isInstanceOf(Done.class);
    }

    @Test
    void closingCancelsWhatIsSpeakingAndRefusesMore() throws Exception {
        RecordingListener listener = new RecordingListener();
        FliteTts closing = new FliteTts(pool);
        closing.speak("running", (ANSWER + " ").repeat(10), listener);
        closing.speak("queued", ANSWER, listener);
        listener.awaitFirstAudio();
        closing.close();
        listener.awaitEnds(2);

        assertThat(listener.ends()).extracting(Event::id).containsExactly("running", "queued");
        assertThat(listener.ends()).allSatisfy(e -> assertThat(((Done) e).cancelled()).isTrue());
        assertThat(listener.audio()).extracting(Audio::id).containsOnly("running");
        assertThatThrownBy(() -> closing.speak("late", ANSWER, listener))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("FliteTts is closed");
    }

    @Test
    void aPoolThatRefusesWorkFailsTheUtteranceInsteadOfThrowing() throws Exception {
        ExecutorService stopped = Executors.newSingleThreadExecutor();
        stopped.shutdown();
        try (FliteTts refused = new FliteTts(stopped)) {
            RecordingListener listener = new RecordingListener();
            AtomicInteger thrown = new AtomicInteger();
            try {
                refused.speak("refused", ANSWER, listener);
            } catch (RuntimeException e) {
                thrown.incrementAndGet();
            }
            assertThat(thrown).hasValue(0);
            assertThat(listener.events()).singleElement().isInstanceOfSatisfying(Failed.class, failed -> assertThat(
                    failed.message()).startsWith("FliteTts: the worker pool rejected the utterance (RejectedExecutionException"));
        }
    }

    @Test
    void otherVoicesSpeakAtTheirOwnRate() throws Exception {
        try (FliteTts kal16 = new FliteTts("kal16", pool)) {
            RecordingListener listener = new RecordingListener();
            kal16.speak("kal16", "Go forward ten meters.", listener);
            listener.awaitEnds(1);
            assertThat(listener.audio()).singleElement().satisfies(a -> assertThat(a.sampleRate()).isEqualTo(16_000));
        }
        try (FliteTts kal = new FliteTts("kal", pool)) {
            RecordingListener listener = new RecordingListener();
            kal.speak("kal", "Go forward ten meters.", listener);
            listener.awaitEnds(1);
            assertThat(listener.audio()).singleElement().satisfies(a -> assertThat(a.sampleRate()).isEqualTo(8_000));
            assertThat(kal.voice()).isEqualTo("kal");
            assertThat(kal.language()).isEqualTo("en");
        }
        assertThatThrownBy(() -> new FliteTts("hal9000", pool))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown flite voice 'hal9000' (available: slt, rms, awb, kal16, kal)");
    }
}
