package dev.vigil.launch.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Binds vigil.yaml to {@link AgentConfig} with Jackson, strictly, and turns Jackson's exceptions into
 * one-line {@link ConfigException}s.
 *
 * <p>Partial files work by merging: the user's tree is laid over the tree of the current
 * configuration (mappings merge key by key, anything else replaces) and the result is bound in one
 * go, so the records' constructors check every value and Jackson's path names the key.
 */
final class ConfigYaml {

    /** Keys holding paths that, in a file, are relative to that file's folder. */
    private static final List<String> PATH_KEYS = List.of("recognition.grammar", "events.file", "out");

    private static final ObjectMapper MAPPER = YAMLMapper.builder(YAMLFactory.builder()
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    // "key:" with nothing after it is null, not "" (quoted "" stays text).
                    .enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL)
                    // YAML 1.2: only true and false are booleans; "no" is Norwegian, "on" a word.
                    .enable(YAMLParser.Feature.PARSE_BOOLEAN_LIKE_WORDS_AS_STRINGS)
                    .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                    .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                    // Text that looks like a number must stay quoted, or it would read back as a number.
                    .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                    .build())
            .propertyNamingStrategy(new KeyNames())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
                    DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
                    DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES,
                    DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            // No silent coercion: "300" is not 300, 1 is not true, 5 is not "5". An integer where a
            // float is wanted stays allowed: it loses nothing.
            .withCoercionConfigDefaults(c -> c.setAcceptBlankAsEmpty(false)
                    .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail))
            .withCoercionConfig(LogicalType.Textual, c -> c
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .withCoercionConfig(LogicalType.Boolean, c -> c
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail))
            .build();

    private ConfigYaml() {
    }

    static AgentConfig load(Path file) throws ConfigException {
        String source = file.toString();
        if (Files.isDirectory(file)) {
            throw new ConfigException(source, "", "is a directory, not a configuration file");
        }
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(source, "", "no such file");
        } catch (AccessDeniedException e) {
            throw new ConfigException(source, "", "cannot read it: permission denied");
        } catch (MalformedInputException e) {
            throw new ConfigException(source, "", "not a YAML file: not UTF-8 text");
        } catch (IOException e) {
            throw new ConfigException(source, "", "cannot read it: " + e.getMessage());
        }
        return parse(text, source, file.toAbsolutePath().getParent());
    }

    /** @param baseDir folder that relative paths are resolved against; null to leave them as they are */
    static AgentConfig parse(String yaml, String source, Path baseDir) throws ConfigException {
        JsonNode root;
        try {
            root = MAPPER.readTree(yaml);
        } catch (JsonProcessingException e) {
            YamlError error = YamlError.of(e);
            throw new ConfigException(source, error.where(), error.problem());
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return AgentConfig.defaults();
        }
        if (!root.isObject()) {
            throw new ConfigException(source, "", "expected a mapping of sections (turn, hearing, recognition, …), got "
                    + describe(root));
        }
        ObjectNode user = (ObjectNode) root;
        if (baseDir != null) {
            resolvePaths(user, baseDir);
        }
        return bind(AgentConfig.defaults(), user, source);
    }

    static AgentConfig override(AgentConfig config, String dottedKey, JsonNode value, String source)
            throws ConfigException {
        String key = dottedKey == null ? "" : dottedKey.strip();
        String[] names = key.split("\\.", -1);
        if (key.isEmpty() || List.of(names).contains("")) {
            throw new ConfigException(source, key, "not a key path: give dotted keys such as hearing.aec.enabled");
        }
        ObjectNode user = JsonNodeFactory.instance.objectNode();
        ObjectNode section = user;
        for (int i = 0; i < names.length - 1; i++) {
            section = section.putObject(names[i]);
        }
        section.set(names[names.length - 1], value);
        return bind(config, user, source);
    }

    /** An override's value, read as one YAML scalar or flow value; empty is null. */
    static JsonNode value(String yaml, String dottedKey, String source) throws ConfigException {
        if (yaml == null || yaml.isBlank()) {
            return NullNode.instance;
        }
        try {
            JsonNode node = MAPPER.readTree(yaml);
            return node == null || node.isMissingNode() ? NullNode.instance : node;
        } catch (JsonProcessingException e) {
            throw new ConfigException(source, dottedKey, YamlError.of(e).problem());
        }
    }

    static JsonNode text(String text) {
        return text == null ? NullNode.instance : JsonNodeFactory.instance.textNode(text);
    }

    static String write(AgentConfig config) {
        try {
            return MAPPER.writeValueAsString(config);
        } catch (JsonProcessingException e) {
            // Records of strings, numbers and lists always serialize; this would be a bug here.
            throw new UncheckedIOException(e);
        }
    }

    private static AgentConfig bind(AgentConfig current, ObjectNode user, String source) throws ConfigException {
        ObjectNode base = MAPPER.valueToTree(current);
        ObjectNode merged = base.deepCopy();
        merge(merged, user);
        placeDefaults(merged);
        try {
            return MAPPER.treeToValue(merged, AgentConfig.class);
        } catch (JsonMappingException e) {
            throw explain(e, base, merged, user, source);
        } catch (JsonProcessingException e) {
            throw new ConfigException(source, "", firstLine(e.getOriginalMessage()));
        }
    }

    /**
     * A place on the robot's map may leave out its {@code grammar} or {@code also} phrases: list items
     * have no defaults to merge with, so the empty lists are filled in here.
     */
    private static void placeDefaults(ObjectNode merged) {
        JsonNode places = merged.path("robot").path("places");
        if (places.isArray()) {
            for (JsonNode place : places) {
                if (place instanceof ObjectNode p) {
                    for (String key : List.of("grammar", "also")) {
                        if (!p.has(key)) {
                            p.putArray(key);
                        }
                    }
                }
            }
        }
    }

    /** Lays {@code from} over {@code into}: mappings merge; an empty section keeps its defaults. */
    private static void merge(ObjectNode into, ObjectNode from) {
        from.properties().forEach(entry -> {
            JsonNode current = into.get(entry.getKey());
            JsonNode given = entry.getValue();
            if (current instanceof ObjectNode section && given instanceof ObjectNode mapping) {
                merge(section, mapping);
            } else if (!(current instanceof ObjectNode && given.isNull())) {
                into.set(entry.getKey(), given);
            }
        });
    }

    private static void resolvePaths(ObjectNode user, Path baseDir) {
        for (String key : PATH_KEYS) {
            String[] names = key.split("\\.");
            JsonNode node = user;
            for (int i = 0; i < names.length - 1 && node != null; i++) {
                node = node.get(names[i]);
            }
            if (!(node instanceof ObjectNode parent) || !parent.path(names[names.length - 1]).isTextual()) {
                continue;
            }
            String value = parent.get(names[names.length - 1]).textValue();
            if (value.isBlank() || (key.equals("events.file") && value.equals(EventSettings.STDOUT))) {
                continue;
            }
            try {
                parent.put(names[names.length - 1], baseDir.resolve(value).normalize().toString());
            } catch (InvalidPathException e) {
                // Left as written: the record's own check reports it with its key.
            }
        }
    }

    private static ConfigException explain(JsonMappingException e, ObjectNode base, ObjectNode merged,
                                           ObjectNode user, String source) {
        List<JsonMappingException.Reference> path = e.getPath();
        String keyPath = keyPath(path);
        if (e instanceof UnrecognizedPropertyException unknown) {
            JsonNode level = at(base, path.subList(0, path.size() - 1));
            List<String> valid = new ArrayList<>();
            level.fieldNames().forEachRemaining(valid::add);
            return new ConfigException(source, keyPath, "unknown key" + suggestion(unknown.getPropertyName(), valid)
                    + " (valid here: " + String.join(", ", valid) + ")");
        }
        if (e instanceof ValueInstantiationException) {
            Throwable cause = e.getCause();
            if (cause instanceof SettingException setting) {
                return new ConfigException(source, join(keyPath, setting.key()), setting.problem());
            }
            if (cause instanceof IllegalArgumentException refused) {
                // Another module's record names no key; when the source set just one key of that
                // record, that key is the one refused.
                String only = onlyKeyUnder(at(user, path)).map(k -> join(keyPath, k)).orElse(keyPath);
                return new ConfigException(source, only, String.valueOf(refused.getMessage()));
            }
        }
        if (e.getCause() instanceof InputCoercionException) {
            return new ConfigException(source, keyPath, "expected an integer from " + Integer.MIN_VALUE + " to "
                    + Integer.MAX_VALUE + ", got " + describe(at(merged, path)));
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            JsonNode given = at(merged, path);
            String expected = expected(mismatch.getTargetType());
            String hint = expected.equals("text") && given.isValueNode() && !given.isNull()
                    ? " (put it in quotes if you meant text)" : "";
            return new ConfigException(source, keyPath, "expected " + expected + ", got " + describe(given) + hint);
        }
        return new ConfigException(source, keyPath, firstLine(e.getOriginalMessage()));
    }

    private static String keyPath(List<JsonMappingException.Reference> path) {
        StringBuilder key = new StringBuilder();
        for (JsonMappingException.Reference step : path) {
            if (step.getFieldName() != null) {
                key.append(key.isEmpty() ? "" : ".").append(step.getFieldName());
            } else if (step.getIndex() >= 0) {
                key.append('[').append(step.getIndex()).append(']');
            }
        }
        return key.toString();
    }

    private static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** The node at {@code path}, or a missing node. */
    private static JsonNode at(JsonNode root, List<JsonMappingException.Reference> path) {
        JsonNode node = root;
        for (JsonMappingException.Reference step : path) {
            node = step.getFieldName() != null ? node.path(step.getFieldName()) : node.path(step.getIndex());
        }
        return node;
    }

    /** The key path of the single value under {@code node}, when there is exactly one. */
    private static Optional<String> onlyKeyUnder(JsonNode node) {
        if (!node.isObject() || node.size() != 1) {
            return Optional.empty();
        }
        var entry = node.properties().iterator().next();
        if (!entry.getValue().isObject()) {
            return Optional.of(entry.getKey());
        }
        return onlyKeyUnder(entry.getValue()).map(k -> entry.getKey() + "." + k);
    }

    private static String suggestion(String unknown, Collection<String> valid) {
        // As the key would be spelled here: filterMillis is filter_ms.
        String spelled = new KeyNames().translate(unknown).toLowerCase(Locale.ROOT);
        return valid.stream()
                .filter(k -> distance(spelled, k) <= Math.max(2, k.length() / 4))
                .min(Comparator.comparingInt(k -> distance(spelled, k)))
                .map(k -> "; did you mean " + k + "?")
                .orElse("");
    }

    /** Levenshtein distance; a dozen lines here rather than a text library for one "did you mean". */
    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    private static String expected(Class<?> type) {
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "an integer";
        }
        if (type == float.class || type == Float.class || type == double.class || type == Double.class) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (CharSequence.class.isAssignableFrom(type)) {
            return "text";
        }
        if (Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        return "a mapping";
    }

    static String describe(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return "nothing";
        }
        if (node.isArray()) {
            return "a list";
        }
        if (node.isObject()) {
            return "a mapping";
        }
        // Text in JSON quotes (escapes included, so the message stays one line); numbers and booleans bare.
        return node.toString();
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("").strip();
    }

    /** Where text failed to parse as YAML, and why, in one line. */
    private record YamlError(String where, String problem) {

        static YamlError of(JsonProcessingException e) {
            var at = e.getLocation();
            if (e instanceof MismatchedInputException) {
                // The one mismatch reading a tree can meet: content after the first document.
                return new YamlError(at == null ? "" : "line " + at.getLineNr(),
                        "a second YAML document (after ---): put all settings in one");
            }
            // SnakeYAML's own problem and place: Jackson's message spans several lines.
            if (e.getCause() instanceof MarkedYAMLException yaml && yaml.getProblemMark() != null) {
                Mark mark = yaml.getProblemMark();
                String context = yaml.getContext() == null || yaml.getContextMark() == null ? ""
                        : " (" + yaml.getContext() + " from line " + (yaml.getContextMark().getLine() + 1) + ")";
                return new YamlError("line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1),
                        "not valid YAML: " + yaml.getProblem() + context);
            }
            String where = at == null || at.getLineNr() < 1 ? "" : "line " + at.getLineNr() + ", column " + at.getColumnNr();
            return new YamlError(where, "not valid YAML: " + firstLine(e.getOriginalMessage()));
        }
    }

    /** Record components in snake_case, with the project's {@code …Millis} written {@code …_ms}. */
    private static final class KeyNames extends PropertyNamingStrategies.NamingBase {
        @Override
        public String translate(String name) {
            String snake = PropertyNamingStrategies.SnakeCaseStrategy.INSTANCE.translate(name);
            return snake.endsWith("_millis") ? snake.substring(0, snake.length() - "_millis".length()) + "_ms" : snake;
        }
    }
}
