/**
 * The agent's configuration file, {@code vigil.yaml} (docs/configuration.md): one immutable
 * {@link dev.vigil.launch.config.AgentConfig} with settings grouped by concern, read strictly (an
 * unknown key, a wrong type or an out-of-range value is one line naming the file, the key path and
 * the problem), overridden key by key from the command line, and written back as the effective YAML.
 */
package dev.vigil.launch.config;
