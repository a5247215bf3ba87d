package dev.vigil.engines.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shared readers: types, ranges, and the full key path and value as written in each refusal. */
class YamlValuesTest {

  private static final ObjectMapper YAML = StrictYaml.mapper().build();

  @TempDir
  Path dir;

  /** The value of {@code v} in the one-line YAML mapping {@code {v: <yaml>}}. */
  private static JsonNode value(String yaml) throws Exception {
    return StrictYaml.read(YAML, "{v: " + yaml + "}").get("v");
  }

  /** Runs {@code read}, which must refuse with exactly {@code key} and {@code problem}. */
  private static void refused(Runnable read, String key, String problem) {
    InvalidValue e = catchThrowableOfType(InvalidValue.class, read::run);
    assertThat(e).as("refused").isNotNull();
    assertThat(e.key()).isEqualTo(key);
    assertThat(e.problem()).isEqualTo(problem).doesNotContain("\n");
  }

  @Test
  void numbersAreReadAndWrongTypesQuoteTheValueAsWritten() throws Exception {
    assertThat(YamlValues.number(value("2.5"), "a.b")).isEqualTo(2.5);
    assertThat(YamlValues.number(value("3"), "a.b")).isEqualTo(3);
    JsonNode soon = value("soon");
    refused(() -> YamlValues.number(soon, "mic[0].at"), "mic[0].at", "must be a number, was 'soon'");
    JsonNode quoted = value("\"3\"");
    refused(() -> YamlValues.number(quoted, "x"), "x", "must be a number, was '3'");
    JsonNode list = value("[1, 2]");
    refused(() -> YamlValues.number(list, "x"), "x", "must be a number, was [1,2]");
    JsonNode none = value("");
    refused(() -> YamlValues.number(none, "x"), "x", "must be a number, was empty");
    refused(() -> YamlValues.number(null, "x"), "x", "must be a number, was empty");
    // The YAML reader refuses .inf; a tree built by code can still hold one.
    JsonNode infinite = JsonNodeFactory.instance.numberNode(Double.POSITIVE_INFINITY);
    refused(() -> YamlValues.number(infinite, "x"), "x", "must be a finite number");
  }

  @Test
  void rangesNameTheRuleAndTheValueAsWritten() throws Exception {
    assertThat(YamlValues.number(value("-20"), "echo.drr_db", -20, 40, "must be -20..40 dB"))
        .isEqualTo(-20);
    JsonNode high = value("50");
    refused(() -> YamlValues.number(high, "echo.drr_db", -20, 40, "must be -20..40 dB"),
        "echo.drr_db", "must be -20..40 dB, was 50");
    JsonNode loud = value("loud");
    refused(() -> YamlValues.number(loud, "echo.drr_db", -20, 40, "must be -20..40 dB"),
        "echo.drr_db", "must be a number, was 'loud'");
    JsonNode far = value("1e12");
    refused(() -> YamlValues.number(far, "at", 0, 3600, "at most 3600 s"), "at",
        "at most 3600 s, was 1.0E12");
    JsonNode zero = value("0");
    refused(() -> YamlValues.positive(zero, "duration"), "duration", "must be positive, was 0");
    assertThat(YamlValues.positive(value("0.01"), "duration")).isEqualTo(0.01);
  }

  @Test
  void wholeNumbersRefuseFractionsAndWhatDoesNotFit() throws Exception {
    assertThat(YamlValues.whole(value("16000"), "rate")).isEqualTo(16000);
    JsonNode fraction = value("0.4");
    refused(() -> YamlValues.whole(fraction, "mic[0].rate"), "mic[0].rate",
        "must be a whole number, was 0.4");
    JsonNode huge = value("99999999999999999999");
    refused(() -> YamlValues.whole(huge, "x"), "x",
        "must be a whole number, was 99999999999999999999");
    // Two rules: the kind, then the range.
    JsonNode fast = value("500000");
    refused(() -> YamlValues.whole(fast, "mic[0].rate", 1000, 384000), "mic[0].rate",
        "must be from 1000 to 384000, was 500000");
    refused(() -> YamlValues.whole(fraction, "mic[0].rate", 1000, 384000), "mic[0].rate",
        "must be a whole number, was 0.4");
    // One rule: a count past the int range is refused, not wrapped to 1.
    JsonNode wrapped = value("4294967297");
    refused(() -> YamlValues.whole(wrapped, "expect[0].voice_segments", 0, 100, "must be 0..100"),
        "expect[0].voice_segments", "must be 0..100, was 4294967297");
    JsonNode seven = value("seven");
    refused(() -> YamlValues.whole(seven, "echo.seed", 0, Long.MAX_VALUE, "must be ≥ 0"),
        "echo.seed", "must be ≥ 0, was 'seven'");
  }

  @Test
  void flagsAreYaml12BooleansAndTextIsAScalar() throws Exception {
    assertThat(YamlValues.flag(value("false"), "respond")).isFalse();
    JsonNode no = value("no");
    refused(() -> YamlValues.flag(no, "respond"), "respond", "must be true or false, was 'no'");
    JsonNode one = value("1");
    refused(() -> YamlValues.flag(one, "respond"), "respond", "must be true or false, was 1");
    assertThat(YamlValues.text(value("42"), "name")).isEqualTo("42");
    JsonNode mapping = value("{a: 1}");
    refused(() -> YamlValues.text(mapping, "name"), "name", "must be text, was {\"a\":1}");
    JsonNode none = value("");
    refused(() -> YamlValues.text(none, "name"), "name", "must be text, was empty");
    JsonNode lines = value("[\"?!\\n...\"]");
    refused(() -> YamlValues.text(lines, "say"), "say", "must be text, was [\"?!\\n...\"]");
    assertThat(YamlValues.quote(lines.get(0))).isEqualTo("'?!\\n...'");
  }

  @Test
  void mappingsAndTheirKeysAreChecked() throws Exception {
    JsonNode list = value("[1]");
    refused(() -> YamlValues.mapping(list, "echo", "like {delay_ms: 40}"), "echo",
        "must be a mapping like {delay_ms: 40}");
    JsonNode echo = value("{delay_ms: 40, delay: 3}");
    refused(() -> YamlValues.keys(echo, "echo", Set.of("delay_ms", "gain_db")), "echo.delay",
        "unknown key 'delay' (valid here: delay_ms, gain_db)");
    JsonNode top = value("{mic: 1}");
    refused(() -> YamlValues.keys(top, "", Set.of("robot")), "mic",
        "unknown key 'mic' (valid here: robot)");
  }

  @Test
  void listsAndPairsAreChecked() throws Exception {
    JsonNode mapping = value("{at: 1}");
    refused(() -> YamlValues.list(mapping, "mic", "of entries"), "mic",
        "must be a list of entries");
    YamlValues.list(value("[]"), "mic", "of entries");
    JsonNode three = value("[1, 2, 3]");
    refused(() -> YamlValues.pair(three, "mic[0].trim", "[start, end]"), "mic[0].trim",
        "must be a [start, end] pair, was [1,2,3]");
    JsonNode scalar = value("1.5");
    refused(() -> YamlValues.pair(scalar, "mic[0].trim", "[start, end]"), "mic[0].trim",
        "must be a [start, end] pair, was 1.5");
    YamlValues.pair(value("[1, soon]"), "w", "[from, to]");
  }

  @Test
  void filesMustBePlainReadableFilesRelativeToTheirFolder() throws Exception {
    Files.write(dir.resolve("clip.raw"), new byte[2]);
    Files.createDirectory(dir.resolve("clips"));
    assertThat(YamlValues.existingFile(value("clip.raw"), "mic[0].file", dir))
        .isEqualTo(dir.resolve("clip.raw"));
    JsonNode missing = value("nope.wav");
    refused(() -> YamlValues.existingFile(missing, "noise.file", dir), "noise.file",
        "nope.wav: no such file (looked for " + dir.resolve("nope.wav") + ")");
    JsonNode folder = value("clips");
    refused(() -> YamlValues.existingFile(folder, "mic[0].file", dir), "mic[0].file",
        "clips: is a folder, not a file (" + dir.resolve("clips") + ")");
    JsonNode device = value("/dev/zero");
    refused(() -> YamlValues.existingFile(device, "mic[0].file", dir), "mic[0].file",
        "/dev/zero: not a regular file (a device, FIFO or socket): give a file");
  }

  @Test
  void requiredTextIsStrippedAndOptionalBlankTextIsNone() {
    assertThat(YamlValues.required("  vad ", "name")).isEqualTo("vad");
    refused(() -> YamlValues.required(null, "name"), "name", "missing");
    refused(() -> YamlValues.required(" ", "format"), "format", "is empty");
    assertThat(YamlValues.optional(" ")).isNull();
    assertThat(YamlValues.optional(" x ")).isEqualTo("x");
  }
}
