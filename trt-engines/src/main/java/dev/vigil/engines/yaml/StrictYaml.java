package dev.vigil.engines.yaml;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * The one way Vigil reads YAML: records bound by a strict Jackson mapper, and every failure turned
 * into a {@link Problem}, a place (a dotted key path such as {@code hearing.vad.start_threshold} or
 * {@code mic[0].at}, or {@code line 3, column 7}) and a one-line problem with no exception class
 * name in it. Each reader prefixes its own source (the file) and throws its own exception type.
 *
 * <p>Range and cross-field checks live in the records' compact constructors, which throw
 * {@link InvalidValue} naming the key; {@link #explain} joins that key to Jackson's path.
 */
public final class StrictYaml {

  private StrictYaml() {}

  /** A place in a YAML input and what is wrong there; {@code where} is empty for the whole input. */
  public record Problem(String where, String problem) {

    /** {@code source: where: problem}, or {@code source: problem} when there is no place. */
    public String message(String source) {
      return source + (where.isEmpty() ? "" : ": " + where) + ": " + problem;
    }
  }

  /**
   * A mapper builder that refuses what a hand-written file gets wrong: unknown keys, duplicate
   * keys, a second document, a missing or null value where a number or flag is wanted, and silent
   * coercions ({@code "300"} is not 300, 1 is not true, 5 is not {@code "5"}; an integer where a
   * float is wanted loses nothing and stays allowed). YAML 1.2 booleans: only true and false.
   */
  public static YAMLMapper.Builder mapper() {
    return YAMLMapper.builder(YAMLFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            // "key:" with nothing after it is null, not "" (quoted "" stays text).
            .enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL)
            // YAML 1.2: only true and false are booleans; "no" is Norwegian, "on" a word.
            .enable(YAMLParser.Feature.PARSE_BOOLEAN_LIKE_WORDS_AS_STRINGS)
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            // Text that looks like a number must stay quoted, or it would read back as a number.
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .build())
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
            DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
            DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES,
            DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
        .withCoercionConfigDefaults(c -> c.setAcceptBlankAsEmpty(false)
            .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
            .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail))
        .withCoercionConfig(LogicalType.Textual, c -> c
            .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
            .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
            .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
        .withCoercionConfig(LogicalType.Boolean, c -> c
            .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
            .setCoercion(CoercionInputShape.Float, CoercionAction.Fail));
  }

  /**
   * Where text failed to parse as YAML, and why, in one line: SnakeYAML's own problem and place
   * (Jackson's message spans several lines with source excerpts and carets).
   */
  public static Problem syntax(JsonProcessingException e) {
    var at = e.getLocation();
    if (e instanceof MismatchedInputException) {
      // The one mismatch reading a tree can meet: content after the first document.
      return new Problem(at == null ? "" : "line " + at.getLineNr(),
          "a second YAML document (after ---): put all settings in one");
    }
    if (e.getCause() instanceof MarkedYAMLException yaml && yaml.getProblemMark() != null) {
      Mark mark = yaml.getProblemMark();
      String context = yaml.getContext() == null || yaml.getContextMark() == null ? ""
          : " (" + yaml.getContext() + " from line " + (yaml.getContextMark().getLine() + 1) + ")";
      return new Problem("line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1),
          "not valid YAML: " + yaml.getProblem() + context);
    }
    String where = at == null || at.getLineNr() < 1 ? ""
        : "line " + at.getLineNr() + ", column " + at.getColumnNr();
    return new Problem(where, "not valid YAML: " + firstLine(e.getOriginalMessage()));
  }

  /**
   * What a failed binding means, with the key path Jackson followed.
   *
   * @param given what the user wrote (the tree bound, or the part laid over defaults), to quote
   *     the refused value and to find the one key set under a record that names none
   * @param shape a tree whose mappings list the valid keys in the order to show them (the
   *     defaults, say); null to list the record's keys alphabetically
   * @param spelling how a record component is written as a key, to suggest the near miss of a
   *     key spelled as in Java ({@code filterMillis} for {@code filter_ms})
   */
  public static Problem explain(JsonMappingException e, JsonNode given, JsonNode shape,
      UnaryOperator<String> spelling) {
    List<JsonMappingException.Reference> path = e.getPath();
    String keyPath = keyPath(path);
    if (e instanceof UnrecognizedPropertyException unknown) {
      List<String> valid = new ArrayList<>();
      JsonNode level = shape == null ? MissingNode.getInstance()
          : at(shape, path.subList(0, path.size() - 1));
      if (level.isObject()) {
        level.fieldNames().forEachRemaining(valid::add);
      } else {
        unknown.getKnownPropertyIds().forEach(k -> valid.add(String.valueOf(k)));
        valid.sort(Comparator.naturalOrder());
      }
      return new Problem(keyPath, unknownKey(unknown.getPropertyName(), valid, spelling));
    }
    if (e instanceof ValueInstantiationException) {
      Throwable cause = e.getCause();
      if (cause instanceof InvalidValue refused) {
        return new Problem(join(keyPath, refused.key()), refused.problem());
      }
      if (cause instanceof IllegalArgumentException refused) {
        // A record from elsewhere names no key; when the input set just one key of that record,
        // that key is the one refused.
        String only = onlyKeyUnder(at(given, path)).map(k -> join(keyPath, k)).orElse(keyPath);
        return new Problem(only, firstLine(refused.getMessage()));
      }
    }
    if (e.getCause() instanceof InputCoercionException) {
      return new Problem(keyPath, "expected an integer from " + Integer.MIN_VALUE + " to "
          + Integer.MAX_VALUE + ", got " + describe(at(given, path)));
    }
    if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
      JsonNode value = at(given, path);
      String expected = expected(mismatch.getTargetType());
      String hint = expected.equals("text") && value.isValueNode() && !value.isNull()
          ? " (put it in quotes if you meant text)" : "";
      return new Problem(keyPath, "expected " + expected + ", got " + describe(value) + hint);
    }
    return new Problem(keyPath, firstLine(e.getOriginalMessage()));
  }

  /** A YAML input refused, with the place and the problem; the caller names its source. */
  public static final class Refused extends Exception {

    private final transient Problem problem;

    Refused(Problem problem, Throwable cause) {
      super(problem.where().isEmpty() ? problem.problem()
          : problem.where() + ": " + problem.problem(), cause);
      this.problem = problem;
    }

    /** The place and the one-line problem. */
    public Problem problem() {
      return problem;
    }
  }

  /**
   * The text of the YAML file {@code file}, to hand to {@link #read}.
   *
   * @param kind what the file should be, named when a folder is given instead ({@code scenario file})
   * @throws Refused with no place for a missing file, a folder, a file it may not read or another
   *     read error; with the line and column of the first byte that is not UTF-8 for text in another
   *     encoding (Latin-1, a binary file), which otherwise failed as "Input length = 1"
   */
  public static String readFile(Path file, String kind) throws Refused {
    if (Files.isDirectory(file)) {
      throw new Refused(new Problem("", "is a directory, not a " + kind), null);
    }
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new Refused(new Problem("", "no such file"), e);
    } catch (AccessDeniedException e) {
      throw new Refused(new Problem("", "cannot read it: permission denied"), e);
    } catch (IOException e) {
      throw new Refused(new Problem("", "cannot read it: " + firstLine(e.getMessage())), e);
    }
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length + 1);
    if (decoder.decode(in, out, true).isError()) {
      int at = in.position();
      int line = 1;
      int lineStart = 0;
      for (int i = 0; i < at; i++) {
        if (bytes[i] == '\n') {
          line++;
          lineStart = i + 1;
        }
      }
      throw new Refused(new Problem("line " + line + ", column " + (at - lineStart + 1),
          String.format(Locale.ROOT, "not UTF-8 text (byte 0x%02X): save the file as UTF-8",
              bytes[at] & 0xFF)), null);
    }
    decoder.flush(out);
    return out.flip().toString();
  }

  /**
   * The YAML tree of {@code text}; a missing node when it holds no document.
   *
   * @throws Refused naming the line and column and SnakeYAML's problem, see {@link #syntax}
   */
  public static JsonNode read(ObjectMapper mapper, String text) throws Refused {
    try {
      JsonNode root = mapper.readTree(text);
      return root == null ? MissingNode.getInstance() : root;
    } catch (JsonProcessingException e) {
      throw new Refused(syntax(e), e);
    }
  }

  /**
   * Binds {@code tree} to {@code type}, a record (or a record holding records and lists of them).
   * Unknown keys are looked for first: Jackson reports them only after the record's constructor
   * ran, so a misspelled key would otherwise be reported as the missing one.
   *
   * @throws Refused naming the key path relative to {@code tree} and the problem
   */
  public static <T> T bind(ObjectMapper mapper, JsonNode tree, Class<T> type) throws Refused {
    JavaType javaType = mapper.constructType(type);
    Optional<Problem> unknown = unknownKey(mapper, tree, javaType, "");
    if (unknown.isPresent()) {
      throw new Refused(unknown.get(), null);
    }
    try {
      return mapper.treeToValue(tree, javaType);
    } catch (JsonMappingException e) {
      throw new Refused(explain(e, tree, null, UnaryOperator.identity()), e);
    } catch (JsonProcessingException e) {
      throw new Refused(new Problem("", firstLine(e.getOriginalMessage())), e);
    }
  }

  private static Optional<Problem> unknownKey(ObjectMapper mapper, JsonNode node, JavaType type,
      String path) {
    if (type.isCollectionLikeType() && node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        Optional<Problem> inner =
            unknownKey(mapper, node.get(i), type.getContentType(), path + "[" + i + "]");
        if (inner.isPresent()) {
          return inner;
        }
      }
    } else if (type.isRecordType() && node.isObject()) {
      Map<String, JavaType> keys = new TreeMap<>();
      for (BeanPropertyDefinition property :
          mapper.getDeserializationConfig().introspect(type).findProperties()) {
        keys.put(property.getName(), property.getPrimaryType());
      }
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        JavaType inner = keys.get(field.getKey());
        String where = join(path, field.getKey());
        if (inner == null) {
          return Optional.of(new Problem(where,
              unknownKey(field.getKey(), keys.keySet(), UnaryOperator.identity())));
        }
        Optional<Problem> problem = unknownKey(mapper, field.getValue(), inner, where);
        if (problem.isPresent()) {
          return problem;
        }
      }
    }
    return Optional.empty();
  }

  /**
   * The problem of an unknown key: {@code unknown key 'x'; did you mean y? (valid here: …)}.
   *
   * @param valid the keys allowed at that level, in the order to list them
   */
  public static String unknownKey(String key, Collection<String> valid,
      UnaryOperator<String> spelling) {
    return "unknown key '" + key + "'" + suggestion(spelling.apply(key), valid)
        + " (valid here: " + String.join(", ", valid) + ")";
  }

  /** A Jackson path as Vigil writes it: {@code mic[0].at}, {@code hearing.vad.start_threshold}. */
  public static String keyPath(List<JsonMappingException.Reference> path) {
    StringBuilder key = new StringBuilder();
    for (JsonMappingException.Reference step : path) {
      if (step.getFieldName() != null) {
        key.append(key.isEmpty() ? "" : ".").append(step.getFieldName());
      } else if (step.getIndex() >= 0) {
        key.append('[').append(step.getIndex()).append(']');
      }
    }
    return key.toString();
  }

  /** {@code path.key}, or {@code key} alone when the path is empty (and the path when key is). */
  public static String join(String path, String key) {
    if (key.isEmpty()) {
      return path;
    }
    return path.isEmpty() ? key : path + "." + key;
  }

  /**
   * A value as a message quotes it: text in JSON quotes (escapes included, so the message stays
   * one line), numbers and booleans bare, {@code a list}, {@code a mapping} or {@code nothing}.
   */
  public static String describe(JsonNode node) {
    if (node == null || node.isMissingNode() || node.isNull()) {
      return "nothing";
    }
    if (node.isArray()) {
      return "a list";
    }
    if (node.isObject()) {
      return "a mapping";
    }
    return node.toString();
  }

  /** The first line of a message, stripped; empty for none. */
  public static String firstLine(String message) {
    return message == null ? "" : message.lines().findFirst().orElse("").strip();
  }

  /** The node at {@code path}, or a missing node. */
  private static JsonNode at(JsonNode root, List<JsonMappingException.Reference> path) {
    JsonNode node = root;
    for (JsonMappingException.Reference step : path) {
      node = step.getFieldName() != null ? node.path(step.getFieldName())
          : node.path(step.getIndex());
    }
    return node;
  }

  /** The key path of the single value under {@code node}, when there is exactly one. */
  private static Optional<String> onlyKeyUnder(JsonNode node) {
    if (!node.isObject() || node.size() != 1) {
      return Optional.empty();
    }
    var entry = node.properties().iterator().next();
    if (!entry.getValue().isObject()) {
      return Optional.of(entry.getKey());
    }
    return onlyKeyUnder(entry.getValue()).map(k -> entry.getKey() + "." + k);
  }

  private static String suggestion(String spelled, Collection<String> valid) {
    String key = spelled.toLowerCase(Locale.ROOT);
    return valid.stream()
        .filter(k -> distance(key, k) <= Math.max(2, k.length() / 4))
        .min(Comparator.comparingInt(k -> distance(key, k)))
        .map(k -> "; did you mean " + k + "?")
        .orElse("");
  }

  /** Levenshtein distance; a dozen lines here rather than a text library for one "did you mean". */
  private static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }

  private static String expected(Class<?> type) {
    if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
      return "an integer";
    }
    if (type == float.class || type == Float.class || type == double.class
        || type == Double.class) {
      return "a number";
    }
    if (type == boolean.class || type == Boolean.class) {
      return "true or false";
    }
    if (CharSequence.class.isAssignableFrom(type)) {
      return "text";
    }
    if (Collection.class.isAssignableFrom(type)) {
      return "a list";
    }
    return "a mapping";
  }
}
