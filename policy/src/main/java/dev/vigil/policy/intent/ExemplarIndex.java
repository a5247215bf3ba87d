package dev.vigil.policy.intent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.vigil.engines.EngineException;
import dev.vigil.policy.intent.embedding.SentenceEncoder;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Example utterances for each kind of intent, embedded once, and a nearest-example score per kind
 * for a new utterance.
 *
 * <p>A kind's score is its best example's cosine similarity. Nearest example rather than centroid,
 * because a kind's phrasings are far apart ("never mind" and "abort the task" are both cancel)
 * and a centroid would sit between them, near neither.
 */
final class ExemplarIndex {

    /** The label of requests the robot cannot do, so they have somewhere nearer to go than a real intent. */
    static final String OUT_OF_DOMAIN = "out_of_domain";
    static final String RESOURCE = "exemplars.yaml";

    /**
     * One utterance's similarity to each kind's nearest example.
     *
     * @param outOfDomain similarity to the nearest request the robot cannot do
     */
    record Scores(Map<IntentKind, Float> byKind, float outOfDomain) {
        Scores {
            byKind = Map.copyOf(byKind);
        }

        float of(IntentKind kind) {
            return byKind.getOrDefault(kind, 0f);
        }

        /** The kind with the highest score. */
        IntentKind best() {
            IntentKind best = null;
            for (IntentKind k : IntentKind.values()) {
                if (best == null || of(k) > of(best)) {
                    best = k;
                }
            }
            return best;
        }

        /** The best score among kinds other than {@code except}, out-of-domain included. */
        float bestOtherThan(IntentKind except) {
            float best = outOfDomain;
            for (IntentKind k : IntentKind.values()) {
                if (k != except) {
                    best = Math.max(best, of(k));
                }
            }
            return best;
        }

        /** The best score among kinds that move the robot, or do not, as asked. */
        float bestWhere(boolean motion) {
            float best = 0;
            for (IntentKind k : IntentKind.values()) {
                if (k.isMotion() == motion) {
                    best = Math.max(best, of(k));
                }
            }
            return best;
        }
    }

    private final Map<IntentKind, float[][]> examples;
    private final float[][] outOfDomain;

    private ExemplarIndex(Map<IntentKind, float[][]> examples, float[][] outOfDomain) {
        this.examples = examples;
        this.outOfDomain = outOfDomain;
    }

    /** Embeds every example in {@value #RESOURCE}; every intent kind must have some. */
    static ExemplarIndex load(SentenceEncoder encoder) throws EngineException {
        JsonNode root;
        try (InputStream in = ExemplarIndex.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath next to "
                        + ExemplarIndex.class.getName());
            }
            root = new ObjectMapper(new YAMLFactory()).readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(RESOURCE + ": cannot read (" + e.getMessage() + ")", e);
        }
        Map<IntentKind, float[][]> examples = new EnumMap<>(IntentKind.class);
        float[][] outOfDomain = null;
        for (Map.Entry<String, JsonNode> e : root.properties()) {
            if (!e.getValue().isArray() || e.getValue().isEmpty()) {
                throw new IllegalStateException(RESOURCE + ": '" + e.getKey() + "' needs a list of examples");
            }
            List<float[]> vectors = new ArrayList<>();
            for (JsonNode example : e.getValue()) {
                vectors.add(encoder.embed(example.asText()));
            }
            float[][] array = vectors.toArray(float[][]::new);
            if (e.getKey().equals(OUT_OF_DOMAIN)) {
                outOfDomain = array;
            } else {
                IntentKind kind = IntentKind.fromWireName(e.getKey()).orElseThrow(() -> new IllegalStateException(
                        RESOURCE + ": unknown intent '" + e.getKey() + "' (known: "
                                + Arrays.stream(IntentKind.values()).map(IntentKind::wireName).toList()
                                + ", " + OUT_OF_DOMAIN + ")"));
                examples.put(kind, array);
            }
        }
        for (IntentKind k : IntentKind.values()) {
            if (!examples.containsKey(k)) {
                throw new IllegalStateException(RESOURCE + ": no examples for intent '" + k.wireName() + "'");
            }
        }
        if (outOfDomain == null) {
            throw new IllegalStateException(RESOURCE + ": no '" + OUT_OF_DOMAIN + "' examples");
        }
        return new ExemplarIndex(examples, outOfDomain);
    }

    Scores score(float[] utterance) {
        Map<IntentKind, Float> byKind = new EnumMap<>(IntentKind.class);
        examples.forEach((kind, vectors) -> byKind.put(kind, nearest(utterance, vectors)));
        return new Scores(byKind, nearest(utterance, outOfDomain));
    }

    private static float nearest(float[] u, float[][] vectors) {
        float best = -1;
        for (float[] v : vectors) {
            // Both unit length, so the dot product is the cosine.
            float dot = 0;
            for (int i = 0; i < u.length; i++) {
                dot += u[i] * v[i];
            }
            best = Math.max(best, dot);
        }
        return best;
    }
}
