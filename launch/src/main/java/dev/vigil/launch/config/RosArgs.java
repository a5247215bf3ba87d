package dev.vigil.launch.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ROS 2 command-line arguments a launch file passes a node ({@code --ros-args …}, design article
 * "ROS command line arguments"), read into the agent's configuration, so that {@code ros2 launch}
 * and a params file configure the agent as they configure any node:
 * <ul>
 *   <li>{@code -r __node:=NAME} (or {@code __name}): {@code ros.node_name}, whatever its place among the
 *   arguments (the params file is read for that name);</li>
 *   <li>{@code -r FROM:=TO}: remaps one of the agent's topics ({@code FROM} as configured, e.g.
 *   {@code /intents} or {@code intents}) to {@code TO} (a relative name is taken from the root: the
 *   agent has no namespace);</li>
 *   <li>{@code -p KEY:=VALUE}: one setting by its dotted key ({@code -p ros.voice_id:=alice},
 *   {@code -p hearing.aec.enabled:=false}); VALUE is YAML, as for {@code --set};</li>
 *   <li>{@code --params-file FILE}: a ROS 2 parameters file; the mapping under the node's name (or
 *   {@code /**}) and {@code ros__parameters} has the shape of vigil.yaml;</li>
 *   <li>{@code --log-level LEVEL}: accepted and ignored (the agent's own logging is not ROS's).</li>
 * </ul>
 * Namespaces ({@code -r __ns:=…}), enclaves and other arguments are refused with one line. Applied in
 * the order given, after {@code --config} and {@code --set}.
 */
public final class RosArgs {

    private static final String SOURCE = "--ros-args";
    private static final ObjectMapper YAML = new YAMLMapper();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One argument, in order: a remap, a parameter or a parameters file. */
    private sealed interface Arg permits Remap, Param, ParamsFile {
    }

    private record Remap(String from, String to) implements Arg {
    }

    private record Param(String key, String value) implements Arg {
    }

    private record ParamsFile(Path file) implements Arg {
    }

    private final List<Arg> args;

    private RosArgs(List<Arg> args) {
        this.args = args;
    }

    /**
     * Reads the arguments after {@code --ros-args} (up to {@code --} or the end).
     *
     * @throws ConfigException one line naming the argument and the problem
     */
    public static RosArgs parse(List<String> tokens) throws ConfigException {
        List<Arg> args = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            String flag = tokens.get(i);
            switch (flag) {
                case "--ros-args", "--" -> {
                    // a repeated marker, or the end marker: nothing to read
                }
                case "-r", "--remap", "-p", "--param", "--params-file", "--log-level" -> {
                    if (i + 1 >= tokens.size()) {
                        throw new ConfigException(SOURCE, "", flag + " needs a value");
                    }
                    String value = tokens.get(++i);
                    switch (flag) {
                        case "-r", "--remap" -> args.add(remap(value));
                        case "-p", "--param" -> {
                            String[] kv = pair(value, flag, "KEY:=VALUE");
                            args.add(new Param(kv[0], kv[1]));
                        }
                        case "--params-file" -> args.add(new ParamsFile(Path.of(value)));
                        default -> {
                            // --log-level: ROS's loggers; the agent logs through java.util.logging.
                        }
                    }
                }
                default -> throw new ConfigException(SOURCE, "", "\"" + flag + "\" is not supported (the agent takes -r, -p,"
                        + " --params-file and --log-level)");
            }
        }
        return new RosArgs(args);
    }

    private static Arg remap(String value) throws ConfigException {
        String[] kv = pair(value, "-r", "FROM:=TO");
        if (kv[0].equals("__ns")) {
            throw new ConfigException(SOURCE, "", "-r __ns:=" + kv[1] + ": namespaces are not supported yet; remap each topic"
                    + " instead (-r /intents:=" + kv[1].replaceAll("/$", "") + "/intents)");
        }
        return new Remap(kv[0], kv[1]);
    }

    private static String[] pair(String value, String flag, String shape) throws ConfigException {
        int at = value.indexOf(":=");
        if (at <= 0) {
            throw new ConfigException(SOURCE, "", flag + " " + value + ": expected " + shape);
        }
        return new String[]{value.substring(0, at), value.substring(at + 2)};
    }

    /**
     * {@code config} with every argument applied in order; also turns ROS on ({@code ros.enabled}).
     *
     * @throws ConfigException an unknown topic to remap, a refused setting, a params file that cannot
     *                         be read or has no entry for the node (one line naming the argument)
     */
    public AgentConfig applyTo(AgentConfig config) throws ConfigException {
        config = config.withOverride("ros.enabled", "true");
        // The node's name first, as ROS reads it wherever it stands: a params file is keyed by it.
        for (Arg arg : args) {
            if (arg instanceof Remap r && isNodeName(r.from())) {
                config = config.withText("ros.node_name", r.to(), SOURCE);
            }
        }
        for (Arg arg : args) {
            if (arg instanceof Remap r) {
                if (!isNodeName(r.from())) {
                    String to = r.to().startsWith("/") ? r.to() : "/" + r.to();
                    config = config.withText("ros.topics." + topicKey(config, r.from()), to, SOURCE);
                }
            } else if (arg instanceof Param p) {
                try {
                    config = config.withOverride(p.key(), p.value());
                } catch (ConfigException e) {
                    throw new ConfigException(SOURCE + " -p", e.keyPath(), e.problem());
                }
            } else if (arg instanceof ParamsFile f) {
                config = applyFile(config, f.file());
            }
        }
        return config;
    }

    private static boolean isNodeName(String from) {
        return from.equals("__node") || from.equals("__name");
    }

    /** The key under {@code ros.topics} of the topic named {@code from} (absolute or not). */
    private static String topicKey(AgentConfig config, String from) throws ConfigException {
        String name = from.startsWith("/") ? from : "/" + from;
        Map<String, String> topics = topics(config);
        for (Map.Entry<String, String> t : topics.entrySet()) {
            if (t.getValue().equals(name)) {
                return t.getKey();
            }
        }
        throw new ConfigException(SOURCE, "", "-r " + from + ":=…: the agent has no topic " + name + " (its topics: "
                + String.join(", ", topics.values()) + ")");
    }

    /** {@code ros.topics} as key → name, keys in snake_case as in vigil.yaml. */
    private static Map<String, String> topics(AgentConfig config) {
        JsonNode node = JSON.valueToTree(config.ros().topics());
        Map<String, String> out = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> {
            if (!e.getValue().isNull()) {
                out.put(snake(e.getKey()), e.getValue().asText());
            }
        });
        return out;
    }

    private static String snake(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }

    private static AgentConfig applyFile(AgentConfig config, Path file) throws ConfigException {
        String source = "--params-file " + file;
        JsonNode root;
        try {
            root = YAML.readTree(Files.readString(file));
        } catch (java.nio.file.NoSuchFileException e) {
            throw new ConfigException(source, "", "no such file (looked for " + file.toAbsolutePath() + ")");
        } catch (IOException e) {
            throw new ConfigException(source, "", "cannot read it (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
        String node = config.ros().nodeName();
        JsonNode entry = root == null ? null : root.has(node) ? root.get(node) : root.has("/" + node) ? root.get("/" + node)
                : root.get("/**");
        if (entry == null || !entry.has("ros__parameters")) {
            throw new ConfigException(source, "", "no entry for the node: expected \"" + node + ":\" (or \"/**:\") with"
                    + " \"ros__parameters:\" under it");
        }
        JsonNode parameters = entry.get("ros__parameters");
        if (!parameters.isObject()) {
            throw new ConfigException(source, node + ".ros__parameters", "must be a mapping of vigil.yaml's sections");
        }
        var fields = parameters.fields();
        while (fields.hasNext()) {
            var section = fields.next();
            try {
                config = config.withOverride(section.getKey(), JSON.writeValueAsString(section.getValue()));
            } catch (ConfigException e) {
                throw new ConfigException(source, e.keyPath(), e.problem());
            } catch (IOException e) {
                throw new ConfigException(source, section.getKey(), e.getMessage());
            }
        }
        return config;
    }
}
