package dev.vigil.engines.tensorrt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.engines.EngineException;
import dev.vigil.engines.EngineOptions;
import dev.vigil.engines.InputShapeRange;
import dev.vigil.engines.Precision;
import dev.vigil.engines.models.LocalSource;
import dev.vigil.engines.models.ModelFile;
import dev.vigil.engines.models.ModelManifest;
import dev.vigil.engines.models.ModelManifest.ExampleInput;
import dev.vigil.engines.models.Sha256;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a TensorRT plan is built for, worked out before any native code: no GPU needed. */
class PlanRecipeTest {

  private static final String SHA = "30a86f5731181461d08021402766601e4302a9b9b9666be8aff402696339cdff";
  private static final InputShapeRange DET = new InputShapeRange("x", new long[] {1, 3, 32, 32},
      new long[] {1, 3, 544, 960}, new long[] {1, 3, 960, 960});

  @TempDir Path dir;

  private static ModelFile model(String sha, Map<String, ExampleInput> examples,
      List<InputShapeRange> profile) {
    return new ModelFile(new ModelManifest("det", "onnx", sha, "test",
        new LocalSource(Path.of("/models/det.onnx")), List.of(), null, examples, profile),
        Path.of("/models/det.onnx"));
  }

  private static PlanRecipe recipe(ModelFile file, Precision precision) throws EngineException {
    return PlanRecipe.of(file, EngineOptions.defaults().withPrecision(precision), "10.3.0", "8.7");
  }

  @Test
  void theManifestsProfileIsTheRecipesAndPartOfItsKey() throws Exception {
    PlanRecipe r = recipe(model(SHA, Map.of(), List.of(DET)), Precision.FP16);

    assertThat(r.profile()).containsExactly(DET);
    assertThat(r.key()).isEqualTo(new PlanKey(SHA, "10.3.0", "8.7", Precision.FP16, List.of(DET)));
  }

  @Test
  void withoutAProfileTheExampleShapesAreTheOnlyShapesAndScalarsAreLeftOut() throws Exception {
    Map<String, ExampleInput> examples = new LinkedHashMap<>();
    examples.put("input", new ExampleInput(new long[] {1, 576}, 0));
    examples.put("sr", new ExampleInput(new long[0], 16000));

    PlanRecipe r = recipe(model(SHA, examples, List.of()), Precision.FP16);

    assertThat(r.profile()).containsExactly(InputShapeRange.exactly("input", new long[] {1, 576}));
  }

  @Test
  void eachPrecisionIsAnotherPlan() throws Exception {
    ModelFile m = model(SHA, Map.of(), List.of(DET));

    assertThat(List.of(recipe(m, Precision.FP32), recipe(m, Precision.FP16),
        recipe(m, Precision.INT8))).extracting(x -> x.key().id()).doesNotHaveDuplicates();
  }

  @Test
  void aLocalModelWithoutAChecksumIsKeyedByItsBytes() throws Exception {
    Path onnx = dir.resolve("mine.onnx");
    Files.writeString(onnx, "not really ONNX, but bytes to hash");
    ModelFile mine = new ModelFile(new ModelManifest("mine", "onnx", null, "test",
        new LocalSource(onnx), List.of(), null), onnx);

    assertThat(recipe(mine, Precision.FP16).key().modelSha256()).isEqualTo(Sha256.of(onnx));

    Files.delete(onnx);
    assertThatThrownBy(() -> recipe(mine, Precision.FP16))
        .isInstanceOf(EngineException.class)
        .hasMessageStartingWith("model 'mine': cannot read " + onnx + " to hash it");
  }

  @Test
  void onlyDynamicInputsGetARangeAndEachNeedsOne() throws Exception {
    PlanRecipe r = recipe(model(SHA, Map.of(), List.of(DET)), Precision.FP16);
    Map<String, long[]> inputs = new LinkedHashMap<>();
    inputs.put("x", new long[] {1, 3, -1, -1});
    inputs.put("scale", new long[] {1});

    assertThat(r.rangesFor(inputs)).containsExactly(DET);
    PlanRecipe exact = recipe(model(SHA, Map.of("x", new ExampleInput(new long[] {1, 3, 544, 960},
        0)), List.of()), Precision.FP16);
    assertThat(exact.rangesFor(Map.of("x", new long[] {1, 3, 544, 960}))).isEmpty();

    inputs.put("mask", new long[] {1, -1});
    assertThatThrownBy(() -> r.rangesFor(inputs))
        .isInstanceOf(EngineException.class)
        .hasMessage("model 'det': input 'mask' is [1, -1] (-1: dynamic) and the manifest gives it"
            + " no shapes; add it to tensorrt_profile ({min: [..], opt: [..], max: [..]}) or"
            + " example_inputs");
  }

  @Test
  void aProfileThatDoesNotFitTheModelIsRefusedInOneLine() throws Exception {
    PlanRecipe r = recipe(model(SHA, Map.of(), List.of(DET)), Precision.FP16);

    assertThatThrownBy(() -> r.rangesFor(Map.of("images", new long[] {1, 3, -1, -1})))
        .isInstanceOf(EngineException.class)
        .hasMessage("model 'det': the TensorRT profile names input 'x', which the model does not"
            + " have (inputs: images)");
    assertThatThrownBy(() -> r.rangesFor(Map.of("x", new long[] {1, -1, -1})))
        .isInstanceOf(EngineException.class)
        .hasMessage("model 'det': the TensorRT profile of input 'x' has rank 4, the input is"
            + " [1, -1, -1]");
    assertThatThrownBy(() -> r.rangesFor(Map.of("x", new long[] {1, 1, -1, -1})))
        .isInstanceOf(EngineException.class)
        .hasMessage("model 'det': the TensorRT profile of input 'x' (" + DET + ") changes"
            + " dimension 1, which the model fixes at 1");
  }
}
