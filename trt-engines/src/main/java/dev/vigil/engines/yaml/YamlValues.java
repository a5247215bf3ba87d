package dev.vigil.engines.yaml;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * The typed, range-checked readers of single values that every hand-walked part of a YAML input
 * shares (a scenario's clips, echo, noise and video, its expectations), and the text checks that
 * bound records share. Each refusal is an {@link InvalidValue} naming the full key path it was given
 * ({@code mic[0].at}, {@code echo.seed}) and a one-line problem that quotes the value as written,
 * {@code must be a number, was 'soon'}; the parser that catches it prefixes its file.
 *
 * <p>Values are quoted as {@link #quote} writes them: these messages predate {@link StrictYaml}'s
 * Jackson-side wording ({@code expected a number, got "soon"}) and tests of both pin them.
 */
public final class YamlValues {

  private YamlValues() {}

  /**
   * A value as a refusal quotes it: text in single quotes with line breaks written {@code \n} (so
   * the refusal stays one line), {@code empty} for none, anything else as YAML read it
   * ({@code 1.0E12}, {@code [-5,99999]}).
   */
  public static String quote(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return "empty";
    }
    if (!node.isTextual()) {
      return node.toString();
    }
    return "'" + node.asText().replace("\r", "\\r").replace("\n", "\\n") + "'";
  }

  /** Throws {@code key: problem, was <value>} unless {@code ok}. */
  public static void require(boolean ok, JsonNode node, String key, String problem) {
    if (!ok) {
      throw new InvalidValue(key, problem + ", was " + quote(node));
    }
  }

  /**
   * Refuses a {@code node} that is not a mapping: {@code must be a mapping <shape>}.
   *
   * @param shape what the mapping holds, e.g. {@code like {file: fan.wav, gain_db: -20}}
   */
  public static void mapping(JsonNode node, String key, String shape) {
    if (node == null || !node.isObject()) {
      throw new InvalidValue(key, "must be a mapping " + shape);
    }
  }

  /**
   * Refuses a {@code node} that is not a list: {@code must be a list <shape>}.
   *
   * @param shape what the list holds, e.g. {@code of [start, end] pairs in seconds}
   */
  public static void list(JsonNode node, String key, String shape) {
    if (node == null || !node.isArray()) {
      throw new InvalidValue(key, "must be a list " + shape);
    }
  }

  /**
   * Refuses a {@code node} that is not a list of two: {@code must be a <shape> pair, was <value>}.
   * The caller reads the two items, naming them {@code key[0]} and {@code key[1]}.
   *
   * @param shape the two items, e.g. {@code [start, end]}
   */
  public static void pair(JsonNode node, String key, String shape) {
    require(node != null && node.isArray() && node.size() == 2, node, key,
        "must be a " + shape + " pair");
  }

  /**
   * Refuses the first key of the mapping {@code node} that is not in {@code known}, worded as
   * {@link StrictYaml#unknownKey} words it, at {@code key.<unknown>}.
   */
  public static void keys(JsonNode node, String key, Set<String> known) {
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      if (!known.contains(field.getKey())) {
        throw new InvalidValue(StrictYaml.join(key, field.getKey()),
            StrictYaml.unknownKey(field.getKey(), new TreeSet<>(known), UnaryOperator.identity()));
      }
    }
  }

  /** A scalar's text (a number or flag as written); refused when absent, null, a list or a mapping. */
  public static String text(JsonNode node, String key) {
    require(node != null && node.isValueNode() && !node.isNull(), node, key, "must be text");
    return node.asText();
  }

  /** {@code true} or {@code false} (YAML 1.2: {@code yes} and {@code on} are text). */
  public static boolean flag(JsonNode node, String key) {
    require(node != null && node.isBoolean(), node, key, "must be true or false");
    return node.asBoolean();
  }

  /** A finite number, whole or not. */
  public static double number(JsonNode node, String key) {
    require(node != null && node.isNumber(), node, key, "must be a number");
    double value = node.asDouble();
    if (!Double.isFinite(value)) {
      throw new InvalidValue(key, "must be a finite number");
    }
    return value;
  }

  /**
   * A number from {@code min} to {@code max}: anything but a number is refused as {@link #number}
   * does, a number out of range as {@code <range>, was <value>}.
   *
   * @param range the rule, e.g. {@code must be -20..40 dB} or {@code at most 3600 s (an hour)}
   */
  public static double number(JsonNode node, String key, double min, double max, String range) {
    double value = number(node, key);
    require(value >= min && value <= max, node, key, range);
    return value;
  }

  /** A finite number above 0: {@code must be positive, was 0}. */
  public static double positive(JsonNode node, String key) {
    return number(node, key, Double.MIN_VALUE, Double.MAX_VALUE, "must be positive");
  }

  /** A whole number that fits a {@code long}; {@code 1.0} and {@code 1e3} are not whole numbers here. */
  public static long whole(JsonNode node, String key) {
    require(isWhole(node), node, key, "must be a whole number");
    return node.asLong();
  }

  /**
   * A whole number from {@code min} to {@code max}, two rules: {@code must be a whole number}, then
   * {@code must be from <min> to <max>}, each with the value as written.
   */
  public static int whole(JsonNode node, String key, int min, int max) {
    long value = whole(node, key);
    require(value >= min && value <= max, node, key, "must be from " + min + " to " + max);
    return (int) value;
  }

  /**
   * A whole number from {@code min} to {@code max} where the range is part of what the value is (a
   * count, a seed): anything else, a fraction or text included, is refused as
   * {@code <rule>, was <value>}. Where the kind and the range are two rules, use {@link #whole} and
   * {@link #require}.
   *
   * @param rule e.g. {@code must be a whole number from 0 to 100000}
   */
  public static long whole(JsonNode node, String key, long min, long max, String rule) {
    // canConvertToLong first: asLong() wraps what does not fit, and a wrapped count can pass.
    require(isWhole(node) && node.asLong() >= min && node.asLong() <= max, node, key, rule);
    return node.asLong();
  }

  /**
   * The plain, readable file {@code node} names, resolved against {@code folder} (a relative name is
   * relative to the file that names it). A folder, a device, a FIFO or a socket is refused: a device
   * never ends and a FIFO blocks the read.
   */
  public static Path existingFile(JsonNode node, String key, Path folder) {
    String name = text(node, key);
    Path resolved = folder.resolve(name).normalize();
    if (Files.isDirectory(resolved)) {
      throw new InvalidValue(key, name + ": is a folder, not a file (" + resolved + ")");
    }
    if (Files.exists(resolved) && !Files.isRegularFile(resolved)) {
      throw new InvalidValue(key, name
          + ": not a regular file (a device, FIFO or socket): give a file");
    }
    if (!Files.isRegularFile(resolved)) {
      throw new InvalidValue(key, name + ": no such file (looked for " + resolved + ")");
    }
    if (!Files.isReadable(resolved)) {
      throw new InvalidValue(key, name + ": permission denied");
    }
    return resolved;
  }

  /** Given text, stripped: refused as {@code missing} when absent and {@code is empty} when blank. */
  public static String required(String value, String key) {
    InvalidValue.check(value != null, key, "missing");
    InvalidValue.check(!value.isBlank(), key, "is empty");
    return value.strip();
  }

  /** Optional text, stripped; null when absent or blank. */
  public static String optional(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  private static boolean isWhole(JsonNode node) {
    return node != null && node.isIntegralNumber() && node.canConvertToLong();
  }
}
