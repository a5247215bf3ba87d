package dev.vigil.policy.intent.embedding;

import dev.vigil.engines.DType;
import dev.vigil.engines.Engine;
import dev.vigil.engines.Engines;
import dev.vigil.engines.EngineOptions;
import dev.vigil.engines.TensorSpec;
import dev.vigil.engines.models.ModelCatalog;
import dev.vigil.engines.models.ModelStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SentenceEncoderTest {

    private static SentenceEncoder encoder;

    @BeforeAll
    static void open() throws Exception {
        encoder = SentenceEncoder.open(ModelCatalog.load(), ModelStore.fromEnvironment(), EngineOptions.defaults());
    }

    @AfterAll
    static void close() {
        encoder.close();
    }

    @Test
    void embeddingsAre384DimensionalUnitVectors() throws Exception {
        float[] e = encoder.embed("go to the kitchen");
        assertThat(encoder.dimensions()).isEqualTo(384);
        assertThat(e).hasSize(384);
        double norm = 0;
        for (float v : e) {
            norm += v * v;
        }
        assertThat(Math.sqrt(norm)).isCloseTo(1.0, within(1e-5));
    }

    @Test
    void similarCommandsAreCloserThanUnrelatedRequests() throws Exception {
        float[] turnLeft = encoder.embed("turn left");
        float related = SentenceEncoder.cosine(turnLeft, encoder.embed("rotate to the left"));
        float unrelated = SentenceEncoder.cosine(turnLeft, encoder.embed("make me a sandwich"));
        System.out.printf("cosine(turn left, rotate to the left) = %.3f, cosine(turn left, make me a sandwich) = %.3f%n",
                related, unrelated);
        assertThat(related).isGreaterThan(unrelated + 0.2f);
    }

    /** A colleague's figures for this model, and why roles come from rules: left and right are close. */
    @Test
    void reproducesTheReferenceFigures() throws Exception {
        float[] q = encoder.embed("could you rotate to your left a bit");
        float left = SentenceEncoder.cosine(q, encoder.embed("turn left"));
        float right = SentenceEncoder.cosine(q, encoder.embed("turn right"));
        assertThat(left).isCloseTo(0.59f, within(0.01f));
        assertThat(right).isCloseTo(0.51f, within(0.01f));
        assertThat(left - right).isLessThan(0.1f);
    }

    @Test
    void isDeterministic() throws Exception {
        assertThat(encoder.embed("follow me")).containsExactly(encoder.embed("follow me"));
    }

    /** What the encoder assumes of the model, checked on the model itself. */
    @Test
    void modelTakesBertInputsAsInt64AndGivesTokenVectors() throws Exception {
        var model = ModelStore.fromEnvironment().resolve(ModelCatalog.load().get(SentenceEncoder.MODEL));
        try (Engine engine = Engines.open(model, EngineOptions.defaults())) {
            assertThat(engine.inputs().keySet()).containsExactly("input_ids", "attention_mask", "token_type_ids");
            for (TensorSpec spec : engine.inputs().values()) {
                assertThat(spec.dtype()).as(spec.name()).isEqualTo(DType.INT64);
                assertThat(spec.rank()).as(spec.name()).isEqualTo(2);
            }
            TensorSpec hidden = engine.outputs().get("last_hidden_state");
            assertThat(hidden.dtype()).isEqualTo(DType.FLOAT32);
            assertThat(hidden.shape()[2]).isEqualTo(384);
        }
    }

    @Test
    void meanPoolingSkipsMaskedTokens() {
        // Two tokens of two dims; the second is padding and must not count.
        FloatBuffer tokens = ByteBuffer.allocateDirect(16).order(ByteOrder.nativeOrder()).asFloatBuffer();
        tokens.put(new float[] {3, 4, 100, -100}).flip();
        float[] pooled = SentenceEncoder.meanPoolNormalized(tokens, new long[] {1, 0}, 2);
        assertThat(pooled).containsExactly(new float[] {0.6f, 0.8f}, within(1e-6f));
    }

    @Test
    void cosineOfOrthogonalAndZeroVectors() {
        assertThat(SentenceEncoder.cosine(new float[] {1, 0}, new float[] {0, 2})).isZero();
        assertThat(SentenceEncoder.cosine(new float[] {0, 0}, new float[] {0, 2})).isZero();
        assertThat(SentenceEncoder.cosine(new float[] {1, 1}, new float[] {2, 2})).isCloseTo(1f, within(1e-6f));
    }
}
