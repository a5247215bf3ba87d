package dev.vigil.launch.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Parses {@code expect:}: a list of items, each led by its kind ({@code - voice_segments: 2}), some
 * with qualifiers ({@code - intent: move} + {@code data: {direction: forward}} + {@code within: [3, 9]}).
 */
final class ExpectationParser {

    private interface Factory {
        Expectation make(JsonNode item, JsonNode value, String path) throws ScenarioException;
    }

    private record Kind(Factory factory, Set<String> qualifiers) {
    }

    private final Path file;
    private final Map<String, Kind> kinds = new LinkedHashMap<>();

    private ExpectationParser(Path file) {
        this.file = file;
        kinds.put("voice_segments", new Kind((i, v, p) -> new Expectation.VoiceSegments(count(v, p)), Set.of()));
        kinds.put("self_interruptions", new Kind((i, v, p) -> new Expectation.SelfInterruptions(count(v, p)), Set.of()));
        kinds.put("background_detections", new Kind((i, v, p) -> new Expectation.BackgroundDetections(count(v, p)), Set.of()));
        kinds.put("missed_user_speech", new Kind((i, v, p) -> new Expectation.MissedUserSpeech(count(v, p)), Set.of()));
        kinds.put("max_vad_onset_median_ms", new Kind((i, v, p) -> new Expectation.MaxVadOnsetMedianMs(millis(v, p)), Set.of()));
        kinds.put("min_speech_coverage", new Kind((i, v, p) -> new Expectation.MinSpeechCoverage(fraction(v, p)), Set.of()));
        kinds.put("no_errors", new Kind((i, v, p) -> new Expectation.NoErrors(flag(v, p)), Set.of()));
        kinds.put("intent", new Kind((i, v, p) -> new Expectation.IntentPublished(text(v, p), data(i.get("data"), p),
                window(i.get("within"), p)), Set.of("data", "within")));
        kinds.put("no_intent", new Kind((i, v, p) -> new Expectation.NoIntent(text(v, p)), Set.of()));
        kinds.put("transcript_contains", new Kind((i, v, p) -> new Expectation.TranscriptContains(text(v, p),
                window(i.get("within"), p)), Set.of("within")));
        kinds.put("heard_contains", new Kind((i, v, p) -> new Expectation.HeardContains(text(v, p),
                window(i.get("within"), p)), Set.of("within")));
        kinds.put("utterance_contains", new Kind((i, v, p) -> new Expectation.UtteranceContains(text(v, p),
                window(i.get("within"), p)), Set.of("within")));
        kinds.put("watch_fired", new Kind((i, v, p) -> new Expectation.WatchFired(text(v, p), window(i.get("within"), p),
                times(i.get("times"), p)), Set.of("within", "times")));
        kinds.put("no_watch_fired", new Kind((i, v, p) -> new Expectation.NoWatchFired(flag(v, p)), Set.of()));
        kinds.put("max_voice_to_voice_ms", new Kind((i, v, p) -> new Expectation.MaxVoiceToVoiceMs(millis(v, p)), Set.of()));
    }

    static List<Expectation> parse(Path file, JsonNode node) throws ScenarioException {
        return new ExpectationParser(file).list(node);
    }

    private List<Expectation> list(JsonNode node) throws ScenarioException {
        if (!node.isArray()) {
            throw new ScenarioException(file, "expect", "must be a list like '- voice_segments: 2'");
        }
        List<Expectation> expectations = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            String path = "expect[" + i + "]";
            if (!item.isObject() || item.size() == 0) {
                throw new ScenarioException(file, path, "each expectation is a key and its value, like 'voice_segments: 2'");
            }
            Iterator<String> names = item.fieldNames();
            String kindName = names.next();
            Kind kind = kinds.get(kindName);
            if (kind == null) {
                throw new ScenarioException(file, path + "." + kindName, "unknown expectation '" + kindName
                        + "' (known: " + String.join(", ", new TreeSet<>(kinds.keySet())) + ")");
            }
            while (names.hasNext()) {
                String extra = names.next();
                if (!kind.qualifiers().contains(extra)) {
                    throw new ScenarioException(file, path + "." + extra, "'" + kindName + "' takes "
                            + (kind.qualifiers().isEmpty() ? "no other keys" : "only " + new TreeSet<>(kind.qualifiers()))
                            + ", not '" + extra + "'");
                }
            }
            expectations.add(kind.factory().make(item, item.get(kindName), path + "." + kindName));
        }
        return List.copyOf(expectations);
    }

    /** Highest count an expectation may ask for; far above what an hour's scenario can produce. */
    static final int MAX_COUNT = 100_000;

    private int count(JsonNode value, String path) throws ScenarioException {
        // canConvertToInt first: asInt() wrapped 4294967297 to 1, and the expectation passed on 1 segment.
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.asInt() < 0 || value.asInt() > MAX_COUNT) {
            throw new ScenarioException(file, path, "must be a whole number from 0 to " + MAX_COUNT + ", was "
                    + ScenarioLoader.describe(value));
        }
        return value.asInt();
    }

    private java.util.OptionalInt times(JsonNode value, String path) throws ScenarioException {
        if (value == null) {
            return java.util.OptionalInt.empty();
        }
        return java.util.OptionalInt.of(count(value, path.replaceAll("\\.[a-z_]+$", "") + ".times"));
    }

    private double millis(JsonNode value, String path) throws ScenarioException {
        if (!value.isNumber() || !(value.asDouble() > 0) || value.asDouble() > ScenarioLoader.MAX_SECONDS * 1000) {
            throw new ScenarioException(file, path, "must be a positive number of milliseconds up to "
                    + (long) (ScenarioLoader.MAX_SECONDS * 1000) + ", was "
                    + ScenarioLoader.describe(value));
        }
        return value.asDouble();
    }

    private double fraction(JsonNode value, String path) throws ScenarioException {
        if (!value.isNumber() || value.asDouble() < 0 || value.asDouble() > 1) {
            throw new ScenarioException(file, path, "must be a fraction between 0 and 1, was " + ScenarioLoader.describe(value));
        }
        return value.asDouble();
    }

    private boolean flag(JsonNode value, String path) throws ScenarioException {
        if (!value.isBoolean()) {
            throw new ScenarioException(file, path, "must be true or false, was " + ScenarioLoader.describe(value));
        }
        return value.asBoolean();
    }

    private String text(JsonNode value, String path) throws ScenarioException {
        if (value == null || !value.isValueNode() || value.isNull() || value.asText().isBlank()) {
            throw new ScenarioException(file, path, "must be text, was " + ScenarioLoader.describe(value));
        }
        return value.asText();
    }

    private Map<String, Object> data(JsonNode value, String path) throws ScenarioException {
        if (value == null) {
            return Map.of();
        }
        if (!value.isObject()) {
            throw new ScenarioException(file, path.replaceAll("\\.[a-z_]+$", "") + ".data",
                    "must be a mapping of intent data fields, like {direction: forward}");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> fields = new ObjectMapper().convertValue(value, Map.class);
        // In the file's order: Map.copyOf iterates in an order that changes from JVM to JVM, and the
        // expectation is printed in the report.
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    private Optional<Expectation.Window> window(JsonNode value, String path) throws ScenarioException {
        if (value == null) {
            return Optional.empty();
        }
        String where = path.replaceAll("\\.[a-z_]+$", "") + ".within";
        if (!value.isArray() || value.size() != 2 || !value.get(0).isNumber() || !value.get(1).isNumber()
                || value.get(1).asDouble() < value.get(0).asDouble()) {
            throw new ScenarioException(file, where, "must be [from, to] in seconds with from <= to, was "
                    + ScenarioLoader.describe(value));
        }
        // A window no scenario can reach would only ever fail, and say nothing about why.
        double from = value.get(0).asDouble();
        double to = value.get(1).asDouble();
        if (!(from >= 0) || !(to <= ScenarioLoader.MAX_SECONDS)) {
            throw new ScenarioException(file, where, "must lie within 0 to " + (int) ScenarioLoader.MAX_SECONDS
                    + " s (a scenario is at most an hour), was " + ScenarioLoader.describe(value));
        }
        return Optional.of(new Expectation.Window(value.get(0).asDouble(), value.get(1).asDouble()));
    }
}
