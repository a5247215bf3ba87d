package dev.vigil.policy.intent.embedding;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import dev.vigil.engines.models.ModelCatalog;
import dev.vigil.engines.models.ModelStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The MiniLM tokenizer as {@link SentenceEncoder} configures HuggingFace's: the ids are those the
 * Python {@code tokenizers} library gives for the same {@code tokenizer.json} (looked up by hand in its
 * vocabulary), one sentence is not padded, and long input is cut at 128 tokens keeping {@code [SEP]}.
 */
class MiniLmTokenizerTest {

    private static HuggingFaceTokenizer minilm;

    @BeforeAll
    static void open() throws Exception {
        ModelStore store = ModelStore.fromEnvironment();
        Path json = store.resolve(ModelCatalog.load().get(SentenceEncoder.TOKENIZER)).path();
        minilm = SentenceEncoder.openTokenizer(json, store.cacheDir());
    }

    @AfterAll
    static void close() {
        minilm.close();
    }

    @Test
    void encodesASentenceWithClsAndSepUnpadded() {
        Encoding e = minilm.encode("hello world");
        assertThat(e.getIds()).containsExactly(101, 7592, 2088, 102);
        assertThat(e.getAttentionMask()).containsExactly(1, 1, 1, 1);
        assertThat(e.getTypeIds()).containsExactly(0, 0, 0, 0);
    }

    @Test
    void lowerCasesStripsAccentsAndSplitsPunctuation() {
        assertThat(minilm.encode("Hello, World!").getIds()).containsExactly(101, 7592, 1010, 2088, 999, 102);
        assertThat(minilm.encode("Café").getIds()).containsExactly(101, 7668, 102);
    }

    @Test
    void splitsUnknownWordsIntoPieces() {
        assertThat(minilm.encode("vigil").getIds()).containsExactly(101, 6819, 20142, 102);
        assertThat(minilm.encode("could you rotate a bit to your left").getIds())
                .containsExactly(101, 2071, 2017, 24357, 1037, 2978, 2000, 2115, 2187, 102);
    }

    @Test
    void emptyTextIsJustClsAndSep() {
        assertThat(minilm.encode("").getIds()).containsExactly(101, 102);
        assertThat(minilm.encode("  \t\n").getIds()).containsExactly(101, 102);
    }

    @Test
    void truncatesToTheModelsMaximumKeepingSep() {
        long[] ids = minilm.encode("go ".repeat(1000)).getIds();
        assertThat(ids).hasSize(SentenceEncoder.MAX_TOKENS);
        assertThat(ids[SentenceEncoder.MAX_TOKENS - 1]).isEqualTo(102);
    }

    @Test
    void aBrokenTokenizerFileIsAOneLineError(@TempDir Path dir) throws IOException {
        Path broken = Files.writeString(dir.resolve("tokenizer.json"), "{\"model\": {\"type\": \"WordPiece\", \"vocab\": ");
        assertThatThrownBy(() -> SentenceEncoder.openTokenizer(broken, dir))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("not a HuggingFace tokenizer: ")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
}
