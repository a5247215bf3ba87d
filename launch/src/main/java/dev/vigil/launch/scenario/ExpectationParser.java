package dev.vigil.launch.scenario;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Parses {@code expect:}: a list of one-key mappings, e.g. {@code - voice_segments: 2}. */
final class ExpectationParser {

    private interface Factory {
        Expectation make(JsonNode value, String path) throws ScenarioException;
    }

    private final Path file;
    private final Map<String, Factory> factories;

    private ExpectationParser(Path file) {
        this.file = file;
        this.factories = Map.of(
                "voice_segments", (v, p) -> new Expectation.VoiceSegments(count(v, p)),
                "self_interruptions", (v, p) -> new Expectation.SelfInterruptions(count(v, p)),
                "missed_user_speech", (v, p) -> new Expectation.MissedUserSpeech(count(v, p)),
                "max_vad_onset_median_ms", (v, p) -> new Expectation.MaxVadOnsetMedianMs(millis(v, p)),
                "min_speech_coverage", (v, p) -> new Expectation.MinSpeechCoverage(fraction(v, p)),
                "no_errors", (v, p) -> new Expectation.NoErrors(flag(v, p)));
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
            if (!item.isObject() || item.size() != 1) {
                throw new ScenarioException(file, path, "each expectation is one key and its value, like 'voice_segments: 2'");
            }
            var entry = item.fields().next();
            Factory factory = factories.get(entry.getKey());
            if (factory == null) {
                throw new ScenarioException(file, path + "." + entry.getKey(), "unknown expectation '" + entry.getKey()
                        + "' (known: " + String.join(", ", new TreeSet<>(factories.keySet())) + ")");
            }
            expectations.add(factory.make(entry.getValue(), path + "." + entry.getKey()));
        }
        return List.copyOf(expectations);
    }

    private int count(JsonNode value, String path) throws ScenarioException {
        if (!value.isIntegralNumber() || value.asInt() < 0) {
            throw new ScenarioException(file, path, "must be a whole number >= 0, was " + ScenarioLoader.describe(value));
        }
        return value.asInt();
    }

    private double millis(JsonNode value, String path) throws ScenarioException {
        if (!value.isNumber() || value.asDouble() <= 0) {
            throw new ScenarioException(file, path, "must be a positive number of milliseconds, was "
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
}
