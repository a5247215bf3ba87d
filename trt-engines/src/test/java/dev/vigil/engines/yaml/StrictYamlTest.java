package dev.vigil.engines.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a YAML file's text: each failure one problem, with a place only where there is one. */
class StrictYamlTest {

  @TempDir
  Path dir;

  private StrictYaml.Problem refused(Path file) {
    StrictYaml.Refused e =
        catchThrowableOfType(StrictYaml.Refused.class, () -> StrictYaml.readFile(file, "scenario file"));
    assertThat(e).as("refused").isNotNull();
    assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("Exception");
    return e.problem();
  }

  @Test
  void readsUtf8Text() throws Exception {
    Path file = Files.writeString(dir.resolve("s.yaml"), "name: café\n");
    assertThat(StrictYaml.readFile(file, "scenario file")).isEqualTo("name: café\n");
  }

  @Test
  void aByteThatIsNotUtf8IsNamedWithItsLineAndColumn() throws Exception {
    Path file = Files.write(dir.resolve("s.yaml"),
        "name: x\nsay: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
    assertThat(refused(file)).isEqualTo(new StrictYaml.Problem("line 2, column 9",
        "not UTF-8 text (byte 0xE9): save the file as UTF-8"));
  }

  @Test
  void aMissingFileAndAFolderAreSaidSo() {
    assertThat(refused(dir.resolve("absent.yaml"))).isEqualTo(new StrictYaml.Problem("", "no such file"));
    assertThat(refused(dir)).isEqualTo(
        new StrictYaml.Problem("", "is a directory, not a scenario file"));
  }
}
