package dev.vigil.policy.intent.embedding;

import dev.vigil.engines.models.ModelCatalog;
import dev.vigil.engines.models.ModelStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WordPieceTokenizerTest {

    private static WordPieceTokenizer minilm;

    @BeforeAll
    static void loadRealTokenizer() throws Exception {
        ModelStore store = ModelStore.fromEnvironment();
        minilm = WordPieceTokenizer.load(store.resolve(ModelCatalog.load().get(SentenceEncoder.TOKENIZER)).path());
    }

    // Expected ids are the entries of the tokenizer.json vocabulary, looked up by hand.
    @Test
    void encodesASentenceWithClsAndSep() {
        Encoding e = minilm.encode("hello world");
        assertThat(e.inputIds()).containsExactly(101, 7592, 2088, 102);
        assertThat(e.attentionMask()).containsExactly(1, 1, 1, 1);
        assertThat(e.tokenTypeIds()).containsExactly(0, 0, 0, 0);
    }

    @Test
    void lowerCasesAndSplitsPunctuation() {
        assertThat(minilm.encode("Hello, World!").inputIds()).containsExactly(101, 7592, 1010, 2088, 999, 102);
    }

    @Test
    void stripsAccents() {
        assertThat(minilm.encode("Café").inputIds()).containsExactly(101, 7668, 102);
    }

    @Test
    void splitsUnknownWordsIntoLongestPieces() {
        assertThat(minilm.tokenize("unaffable vigil")).containsExactly("una", "##ffa", "##ble", "vi", "##gil");
        assertThat(minilm.encode("vigil").inputIds()).containsExactly(101, 6819, 20142, 102);
    }

    @Test
    void encodesACommand() {
        assertThat(minilm.encode("could you rotate a bit to your left").inputIds())
                .containsExactly(101, 2071, 2017, 24357, 1037, 2978, 2000, 2115, 2187, 102);
    }

    @Test
    void emptyTextIsJustClsAndSep() {
        assertThat(minilm.encode("").inputIds()).containsExactly(101, 102);
        assertThat(minilm.encode("  \t\n").inputIds()).containsExactly(101, 102);
    }

    @Test
    void truncatesToTheModelsMaximumKeepingSep() {
        Encoding e = minilm.encode("go ".repeat(1000));
        assertThat(minilm.maxLength()).isEqualTo(128);
        assertThat(e.length()).isEqualTo(128);
        assertThat(e.inputIds()[127]).isEqualTo(102);
    }

    @Test
    void readsTheWholeVocabulary() {
        assertThat(minilm.vocabularySize()).isEqualTo(30522);
        assertThat(minilm.idOf("[UNK]")).isEqualTo(100);
    }

    private static WordPieceTokenizer tiny(String vocab) throws IOException {
        String json = "{\"normalizer\":{\"type\":\"BertNormalizer\",\"lowercase\":true,\"strip_accents\":null},"
                + "\"truncation\":{\"max_length\":16},"
                + "\"model\":{\"type\":\"WordPiece\",\"unk_token\":\"[UNK]\",\"continuing_subword_prefix\":\"##\","
                + "\"max_input_chars_per_word\":8,\"vocab\":{" + vocab + "}}}";
        return WordPieceTokenizer.load("tiny.json", new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    private static final String TINY_VOCAB = "\"[PAD]\":0,\"[UNK]\":1,\"[CLS]\":2,\"[SEP]\":3,"
            + "\"turn\":4,\"##ing\":5,\"tur\":6,\"##n\":7,\"left\":8,\"!\":9,\"右\":10";

    @Test
    void prefersTheLongestPiece() throws IOException {
        // "turn" beats "tur" + "##n"; "##ing" continues it.
        assertThat(tiny(TINY_VOCAB).tokenize("Turning")).containsExactly("turn", "##ing");
    }

    @Test
    void aWordWithAnUnmatchablePieceIsUnknownAsAWhole() throws IOException {
        WordPieceTokenizer t = tiny(TINY_VOCAB);
        // "turnx": "turn" matches, "##x" does not, so the whole word is [UNK], not "turn" + [UNK].
        assertThat(t.tokenize("turnx left")).containsExactly("[UNK]", "left");
        assertThat(t.encode("turnx left!").inputIds()).containsExactly(2, 1, 8, 9, 3);
    }

    @Test
    void overlongWordsAreUnknown() throws IOException {
        assertThat(tiny(TINY_VOCAB).tokenize("turnturnturn")).containsExactly("[UNK]");
    }

    @Test
    void dropsControlCharactersAndSpacesCjk() throws IOException {
        assertThat(tiny(TINY_VOCAB).tokenize("left\u0000\u200b右left")).containsExactly("left", "右", "left");
    }

    @Test
    void rejectsOtherTokenizerModels() {
        String json = "{\"model\":{\"type\":\"BPE\",\"vocab\":{}}}";
        assertThatThrownBy(() -> WordPieceTokenizer.load("bpe.json",
                new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(IOException.class)
                .hasMessage("bpe.json: model type is 'BPE', expected 'WordPiece'");
    }

    @Test
    void unknownTokenLookupIsAnError() throws IOException {
        assertThatThrownBy(() -> tiny(TINY_VOCAB).idOf("right"))
                .hasMessage("token 'right' is not in the vocabulary");
        assertThat(List.of(tiny(TINY_VOCAB).idOf("left"))).containsExactly(8);
    }
}
