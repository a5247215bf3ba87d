package dev.vigil.launch;

import dev.vigil.launch.config.AgentConfig;
import dev.vigil.launch.config.ConfigException;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The options that choose the agent's configuration (docs/configuration.md), for any command that
 * needs one: {@code @Mixin ConfigOptions config;} then {@code config.resolve()}. Flags dedicated to
 * one key ({@code --mic}, {@code --events}, …) are applied after it with
 * {@link AgentConfig#withText}, so they win over {@code --set}.
 */
final class ConfigOptions {

    @Option(names = "--config", paramLabel = "FILE", description = "Configuration file (vigil.yaml); default: built-in defaults.")
    Path file;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Change one setting, e.g. --set hearing.aec.enabled=false; VALUE is YAML. Repeatable, applied in order after --config.")
    List<String> overrides = new ArrayList<>();

    /**
     * The defaults, or the {@code --config} file over them, with each {@code --set} applied in order.
     *
     * @throws ConfigException one line naming the file or {@code --set}, the key and the problem
     */
    AgentConfig resolve() throws ConfigException {
        AgentConfig config = file == null ? AgentConfig.defaults() : AgentConfig.load(file);
        for (String override : overrides) {
            int equals = override.indexOf('=');
            if (equals < 0) {
                throw new ConfigException("--set", "", "expected KEY=VALUE, e.g. hearing.aec.enabled=false, got \"" + override + "\"");
            }
            config = config.withOverride(override.substring(0, equals), override.substring(equals + 1));
        }
        return config;
    }
}
