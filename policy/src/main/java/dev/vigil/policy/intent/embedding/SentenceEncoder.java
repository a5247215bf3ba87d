package dev.vigil.policy.intent.embedding;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import dev.vigil.engines.DType;
import dev.vigil.engines.Engine;
import dev.vigil.engines.EngineException;
import dev.vigil.engines.EngineOptions;
import dev.vigil.engines.Engines;
import dev.vigil.engines.Tensor;
import dev.vigil.engines.TensorSpec;
import dev.vigil.engines.models.ModelCatalog;
import dev.vigil.engines.models.ModelFetchException;
import dev.vigil.engines.models.ModelFile;
import dev.vigil.engines.models.ModelStore;

import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns a sentence into a unit-length vector: token vectors from a BERT-style ONNX model,
 * mean-pooled over the attention mask, L2-normalised (the sentence-transformers recipe for
 * all-MiniLM-L6-v2).
 *
 * <p>Runs one sentence at a time, unpadded, so the mask is all ones and pooling is a plain mean;
 * the mask is still passed and honoured so that padded batches would pool the same way.
 *
 * <p>The tokenizer is HuggingFace's own ({@code tokenizers}, through DJL's JNI binding), configured by
 * the model's {@code tokenizer.json}: BERT's uncased WordPiece, at most {@value #MAX_TOKENS} tokens
 * with {@code [CLS]} and {@code [SEP]}. The file asks for padding to 128; that is turned off, since
 * one sentence needs none and padding would make every step run 128 tokens.
 */
public final class SentenceEncoder implements AutoCloseable {

    /** The model in {@code META-INF/vigil/models.yaml}. */
    public static final String MODEL = "all-minilm-l6-v2-q";
    /** Its tokenizer, a separate manifest because it is a separate file in the same jar. */
    public static final String TOKENIZER = "all-minilm-l6-v2-q-tokenizer";

    private static final String INPUT_IDS = "input_ids";
    private static final String ATTENTION_MASK = "attention_mask";
    private static final String TOKEN_TYPE_IDS = "token_type_ids";

    private final Engine engine;
    /** all-MiniLM-L6-v2 was trained on at most 128 tokens; longer input is cut, keeping {@code [SEP]}. */
    static final int MAX_TOKENS = 128;

    /*
     * DJL probes for a GPU and announces its native library when it loads the tokenizer: two
     * warnings ("Failed to detect GPU count") and a line of INFO on every start, none of it about a
     * CPU tokenizer. Held here because java.util.logging keeps loggers only weakly.
     */
    private static final Logger DJL_LOG = quiet("ai.djl", Level.WARNING);
    private static final Logger DJL_CUDA_LOG = quiet("ai.djl.util.cuda", Level.SEVERE);

    private final HuggingFaceTokenizer tokenizer;
    private final String output;
    private final int dimensions;

    /**
     * Takes ownership of {@code engine} and {@code tokenizer}: {@link #close()} closes both.
     *
     * @throws EngineException if the model's inputs or outputs are not those of a BERT encoder
     */
    public SentenceEncoder(Engine engine, HuggingFaceTokenizer tokenizer) throws EngineException {
        this.engine = engine;
        this.tokenizer = tokenizer;
        Map<String, TensorSpec> inputs = engine.inputs();
        for (String name : new String[] {INPUT_IDS, ATTENTION_MASK}) {
            TensorSpec spec = inputs.get(name);
            if (spec == null || spec.dtype() != DType.INT64 || spec.rank() != 2) {
                throw new EngineException("model '" + engine.model() + "': expected input '" + name
                        + "' INT64[batch, tokens], got " + (spec == null ? "none" : spec) + " (inputs: "
                        + inputs.values() + ")");
            }
        }
        TensorSpec hidden = engine.outputs().get("last_hidden_state");
        if (hidden == null) {
            hidden = engine.outputs().values().stream()
                    .filter(s -> s.rank() == 3 && s.dtype() == DType.FLOAT32)
                    .findFirst()
                    .orElse(null);
        }
        if (hidden == null || hidden.shape()[2] <= 0) {
            throw new EngineException("model '" + engine.model() + "': no FLOAT32[batch, tokens, dims] output"
                    + " with known dims (outputs: " + engine.outputs().values() + ")");
        }
        this.output = hidden.name();
        this.dimensions = (int) hidden.shape()[2];
    }

    /** Resolves both files through the store (downloading them once) and opens the model. */
    public static SentenceEncoder open(ModelCatalog catalog, ModelStore store, EngineOptions options)
            throws ModelFetchException, EngineException {
        ModelFile model = store.resolve(catalog.get(MODEL));
        ModelFile vocab = store.resolve(catalog.get(TOKENIZER));
        HuggingFaceTokenizer tokenizer;
        try {
            tokenizer = openTokenizer(vocab.path(), store.cacheDir());
        } catch (IOException e) {
            throw new ModelFetchException("model '" + TOKENIZER + "' (" + vocab.path() + "): cannot read ("
                    + e.getMessage() + ")", e);
        }
        Engine engine;
        try {
            engine = Engines.open(model, options);
        } catch (EngineException | RuntimeException e) {
            tokenizer.close();
            throw e;
        }
        try {
            return new SentenceEncoder(engine, tokenizer);
        } catch (EngineException | RuntimeException e) {
            engine.close();
            tokenizer.close();
            throw e;
        }
    }

    /**
     * Opens a HuggingFace {@code tokenizer.json} for single sentences: no padding, cut at
     * {@value #MAX_TOKENS} tokens.
     *
     * <p>DJL calls home (EC2 metadata, then a telemetry URL) when a tokenizer is created unless told
     * not to; a robot must not, so tracking is switched off here. DJL unpacks its native library into
     * its cache, {@code ~/.djl.ai} unless {@code DJL_CACHE_DIR} is set; Vigil puts it under
     * {@code cacheDir/djl} beside the models, unless the user has chosen a place.
     *
     * @param tokenizerJson the {@code tokenizer.json}
     * @param cacheDir      Vigil's model cache
     * @throws IOException if the file cannot be read or is not a tokenizer the library understands
     */
    static HuggingFaceTokenizer openTokenizer(Path tokenizerJson, Path cacheDir) throws IOException {
        System.setProperty("OPT_OUT_TRACKING", "true");
        if (System.getenv("DJL_CACHE_DIR") == null && System.getProperty("DJL_CACHE_DIR") == null) {
            System.setProperty("DJL_CACHE_DIR", cacheDir.resolve("djl").toString());
        }
        try {
            return HuggingFaceTokenizer.builder()
                    .optTokenizerPath(tokenizerJson)
                    .optMaxLength(MAX_TOKENS)
                    .optTruncation(true)
                    .optPadding(false)
                    .build();
        } catch (RuntimeException e) {
            // The Rust side reports a bad file as a RuntimeException with serde's message.
            throw new IOException("not a HuggingFace tokenizer: " + e.getMessage(), e);
        }
    }

    private static Logger quiet(String name, Level level) {
        Logger log = Logger.getLogger(name);
        if (log.getLevel() == null) {   // the user's logging configuration wins
            log.setLevel(level);
        }
        return log;
    }

    /** A unit-length embedding of {@code text}; the dot product of two is their cosine similarity. */
    public float[] embed(String text) throws EngineException {
        Encoding enc = tokenizer.encode(text);
        int n = enc.getIds().length;
        Map<String, Tensor> in = new LinkedHashMap<>();
        in.put(INPUT_IDS, Tensor.ofLongs(enc.getIds(), 1, n));
        in.put(ATTENTION_MASK, Tensor.ofLongs(enc.getAttentionMask(), 1, n));
        if (engine.inputs().containsKey(TOKEN_TYPE_IDS)) {
            in.put(TOKEN_TYPE_IDS, Tensor.ofLongs(enc.getTypeIds(), 1, n));
        }
        Tensor hidden = engine.run(in).get(output);
        return meanPoolNormalized(hidden.floats(), enc.getAttentionMask(), dimensions);
    }

    public int dimensions() {
        return dimensions;
    }

    /** Cosine similarity; for unit-length embeddings, a plain dot product. */
    public static float cosine(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("embeddings differ in length: " + a.length + " and " + b.length);
        }
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return na == 0 || nb == 0 ? 0 : (float) (dot / Math.sqrt(na * nb));
    }

    static float[] meanPoolNormalized(FloatBuffer tokens, long[] mask, int dims) {
        float[] sum = new float[dims];
        long count = 0;
        for (int t = 0; t < mask.length; t++) {
            if (mask[t] == 0) {
                continue;
            }
            count++;
            int base = t * dims;
            for (int d = 0; d < dims; d++) {
                sum[d] += tokens.get(base + d);
            }
        }
        double norm = 0;
        for (int d = 0; d < dims; d++) {
            sum[d] /= Math.max(count, 1);
            norm += sum[d] * sum[d];
        }
        // sentence-transformers clamps the norm the same way, so an all-zero vector stays zero.
        float scale = (float) (1 / Math.max(Math.sqrt(norm), 1e-12));
        for (int d = 0; d < dims; d++) {
            sum[d] *= scale;
        }
        return sum;
    }

    @Override
    public void close() {
        engine.close();
        tokenizer.close();
    }
}
