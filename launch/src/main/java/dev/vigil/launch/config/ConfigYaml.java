package dev.vigil.launch.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.engines.yaml.StrictYaml;

import java.io.UncheckedIOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;

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

    private static final KeyNames KEY_NAMES = new KeyNames();

    private static final ObjectMapper MAPPER = StrictYaml.mapper().propertyNamingStrategy(KEY_NAMES).build();

    private ConfigYaml() {
    }

    static AgentConfig load(Path file) throws ConfigException {
        String source = file.toString();
        String text;
        try {
            text = StrictYaml.readFile(file, "configuration file");
        } catch (StrictYaml.Refused e) {
            StrictYaml.Problem problem = e.problem();
            // Only text that is not UTF-8 has a place: it is not YAML at all, said first, the place last.
            throw new ConfigException(source, "", problem.where().isEmpty() ? problem.problem()
                    : "not a YAML file: " + problem.problem() + " (" + problem.where() + ")");
        }
        return parse(text, source, file.toAbsolutePath().getParent());
    }

    /** @param baseDir folder that relative paths are resolved against; null to leave them as they are */
    static AgentConfig parse(String yaml, String source, Path baseDir) throws ConfigException {
        JsonNode root;
        try {
            root = StrictYaml.read(MAPPER, yaml);
        } catch (StrictYaml.Refused e) {
            throw new ConfigException(source, e.problem().where(), e.problem().problem());
        }
        if (root.isMissingNode() || root.isNull()) {
            return AgentConfig.defaults();
        }
        if (!root.isObject()) {
            throw new ConfigException(source, "", "expected a mapping of sections (turn, hearing, recognition, …), got "
                    + StrictYaml.describe(root));
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
            JsonNode node = StrictYaml.read(MAPPER, yaml);
            return node.isMissingNode() ? NullNode.instance : node;
        } catch (StrictYaml.Refused e) {
            throw new ConfigException(source, dottedKey, e.problem().problem());
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
            StrictYaml.Problem problem = StrictYaml.explain(e, user, base, KEY_NAMES::translate);
            throw new ConfigException(source, problem.where(), problem.problem());
        } catch (JsonProcessingException e) {
            throw new ConfigException(source, "", StrictYaml.firstLine(e.getOriginalMessage()));
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

    /** Record components in snake_case, with the project's {@code …Millis} written {@code …_ms}. */
    private static final class KeyNames extends PropertyNamingStrategies.NamingBase {
        @Override
        public String translate(String name) {
            String snake = PropertyNamingStrategies.SnakeCaseStrategy.INSTANCE.translate(name);
            return snake.endsWith("_millis") ? snake.substring(0, snake.length() - "_millis".length()) + "_ms" : snake;
        }
    }
}
