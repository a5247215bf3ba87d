package dev.vigil.launch;

import dev.vigil.launch.config.AgentConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code vigil config print}: the effective YAML on stdout, or one line and exit 2. */
class ConfigCommandTest {

    @TempDir
    Path dir;

    private static void oneLine(Cli result, String... mentions) {
        assertThat(result.exit()).as("exit code; stderr: " + result.err()).isEqualTo(Vigil.BAD_INPUT);
        assertThat(result.out()).isEmpty();
        assertThat(result.err().strip().lines()).hasSize(1);
        assertThat(result.err()).startsWith("vigil: ").contains(mentions).doesNotContain("Exception", "\tat ");
    }

    @Test
    void printsTheDefaultsWithoutAFile() {
        Cli result = Cli.run("config", "print");

        assertThat(result.exit()).as(result.err()).isEqualTo(Vigil.OK);
        assertThat(result.err()).isEmpty();
        assertThat(result.out()).isEqualTo(AgentConfig.defaults().toYaml());
    }

    @Test
    void printsTheFileWithTheOverridesApplied() throws Exception {
        Path file = dir.resolve("vigil.yaml");
        Files.writeString(file, "turn: {unit_ms: 500}\nhearing: {vad: {hangover_ms: 400}}\n");

        Cli result = Cli.run("config", "print", "--config", file.toString(),
                "--set", "hearing.aec.enabled=false", "--set", "turn.unit_ms=800", "--set", "events.file=\"-\"");

        assertThat(result.exit()).as(result.err()).isEqualTo(Vigil.OK);
        AgentConfig printed = AgentConfig.parse(result.out(), "stdout");
        assertThat(printed.turn().unitMillis()).isEqualTo(800);
        assertThat(printed.frontEnd().vad().hangoverMillis()).isEqualTo(400);
        assertThat(printed.frontEnd().aec().enabled()).isFalse();
        assertThat(printed.events().toStdout()).isTrue();
    }

    @Test
    void printedYamlReadsBackToTheSameOutput() throws Exception {
        Cli first = Cli.run("config", "print", "--set", "microphone.channel=2", "--set", "out=runs/today");
        Path file = dir.resolve("printed.yaml");
        Files.writeString(file, first.out());

        Cli second = Cli.run("config", "print", "--config", file.toString());

        assertThat(second.exit()).as(second.err()).isEqualTo(Vigil.OK);
        assertThat(second.out()).isEqualTo(first.out().replace("out: runs/today", "out: " + dir.resolve("runs/today")));
    }

    @Test
    void anUnknownKeyInTheFileIsExit2AndOneLine() throws Exception {
        Path file = dir.resolve("vigil.yaml");
        Files.writeString(file, "hearing:\n  vad:\n    start_treshold: 0.6\n");

        oneLine(Cli.run("config", "print", "--config", file.toString()),
                file + ": hearing.vad.start_treshold: unknown key 'start_treshold'; did you mean start_threshold?");
    }

    @Test
    void aBadOverrideIsExit2AndOneLine() {
        oneLine(Cli.run("config", "print", "--set", "speaking.rate=fast"),
                "vigil: --set: speaking.rate: expected a number, got \"fast\"");
        oneLine(Cli.run("config", "print", "--set", "speaking.rate"),
                "vigil: --set: expected KEY=VALUE, e.g. hearing.aec.enabled=false, got \"speaking.rate\"");
    }

    @Test
    void aMissingFileIsExit2AndOneLine() {
        Path missing = dir.resolve("nowhere.yaml");

        oneLine(Cli.run("config", "print", "--config", missing.toString()), missing + ": no such file");
    }
}
