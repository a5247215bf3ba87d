package dev.vigil.launch.scenario;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Scenario files written into a test's folder, and the check that one is refused with one line. */
final class ScenarioFiles {

    private final Path dir;

    ScenarioFiles(Path dir) {
        this.dir = dir;
    }

    /** {@code yaml} as {@code s.yaml} in the folder. */
    Path write(String yaml) throws Exception {
        Path file = dir.resolve("s.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    /** Loading {@code yaml} fails with one line: the file, then {@code where}, and {@code problem} in it. */
    void refused(String yaml, String where, String problem) throws Exception {
        Path file = write(yaml);
        assertThatThrownBy(() -> ScenarioLoader.load(file))
                .isInstanceOf(ScenarioException.class)
                .satisfies(e -> assertThat(e.getMessage()).startsWith(file + ": " + where).contains(problem)
                        .doesNotContain("\n"));
    }
}
