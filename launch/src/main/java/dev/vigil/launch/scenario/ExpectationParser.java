package dev.vigil.launch.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.engines.yaml.YamlValues;

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
 * Values are read with the shared {@link YamlValues}, whose refusals name {@code expect[i].key} and
 * reach the user through {@link ScenarioLoader#load}, which adds the file.
 */
final class ExpectationParser {

    private interface Factory {
        Expectation make(JsonNode item, JsonNode value, String path);
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
        kinds.put("no_errors", new Kind((i, v, p) -> new Expectation.NoErrors(YamlValues.flag(v, p)), Set.of()));
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
        kinds.put("no_watch_fired", new Kind((i, v, p) -> new Expectation.NoWatchFired(YamlValues.flag(v, p)), Set.of()));
        kinds.put("max_voice_to_voice_ms", new Kind((i, v, p) -> new Expectation.MaxVoiceToVoiceMs(millis(v, p)), Set.of()));
    }

    static List<Expectation> parse(Path file, JsonNode node) throws ScenarioException {
        return new ExpectationParser(file).list(node);
    }

    private List<Expectation> list(JsonNode node) throws ScenarioException {
        YamlValues.list(node, "expect", "like '- voice_segments: 2'");
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

    private static int count(JsonNode value, String path) {
        return (int) YamlValues.whole(value, path, 0, MAX_COUNT, "must be a whole number from 0 to " + MAX_COUNT);
    }

    private static java.util.OptionalInt times(JsonNode value, String path) {
        if (value == null) {
            return java.util.OptionalInt.empty();
        }
        return java.util.OptionalInt.of(count(value, path.replaceAll("\\.[a-z_]+$", "") + ".times"));
    }

    private static double millis(JsonNode value, String path) {
        return YamlValues.number(value, path, Double.MIN_VALUE, ScenarioLoader.MAX_SECONDS * 1000,
                "must be a positive number of milliseconds up to " + (long) (ScenarioLoader.MAX_SECONDS * 1000));
    }

    private static double fraction(JsonNode value, String path) {
        return YamlValues.number(value, path, 0, 1, "must be a fraction between 0 and 1");
    }

    /** Text with a word in it: an intent, a phrase, a watch's name. */
    private static String text(JsonNode value, String path) {
        String text = YamlValues.text(value, path);
        YamlValues.require(!text.isBlank(), value, path, "must be text");
        return text;
    }

    private static Map<String, Object> data(JsonNode value, String path) {
        if (value == null) {
            return Map.of();
        }
        YamlValues.mapping(value, path.replaceAll("\\.[a-z_]+$", "") + ".data",
                "of intent data fields, like {direction: forward}");
        @SuppressWarnings("unchecked")
        Map<String, Object> fields = new ObjectMapper().convertValue(value, Map.class);
        // In the file's order: Map.copyOf iterates in an order that changes from JVM to JVM, and the
        // expectation is printed in the report.
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    private static Optional<Expectation.Window> window(JsonNode value, String path) {
        if (value == null) {
            return Optional.empty();
        }
        String where = path.replaceAll("\\.[a-z_]+$", "") + ".within";
        YamlValues.pair(value, where, "[from, to]");
        double from = YamlValues.number(value.get(0), where + "[0]");
        double to = YamlValues.number(value.get(1), where + "[1]");
        YamlValues.require(from <= to, value, where, "must be [from, to] in seconds with from <= to");
        // A window no scenario can reach would only ever fail, and say nothing about why.
        YamlValues.require(from >= 0 && to <= ScenarioLoader.MAX_SECONDS, value, where, "must lie within 0 to "
                + (int) ScenarioLoader.MAX_SECONDS + " s (a scenario is at most an hour)");
        return Optional.of(new Expectation.Window(from, to));
    }
}
