package dev.vigil.launch;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

@Command(name = "config", mixinStandardHelpOptions = true,
        description = "The agent's configuration, vigil.yaml (docs/configuration.md).",
        subcommands = ConfigCommand.Print.class)
final class ConfigCommand {

    @Command(name = "print", mixinStandardHelpOptions = true,
            description = "Print the effective configuration as YAML: the defaults, then --config FILE, then each --set.")
    static final class Print implements Callable<Integer> {

        @Mixin
        ConfigOptions config;

        @Override
        public Integer call() throws Exception {
            System.out.print(config.resolve().toYaml());
            return Vigil.OK;
        }
    }
}
