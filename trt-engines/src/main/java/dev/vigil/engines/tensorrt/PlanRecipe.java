package dev.vigil.engines.tensorrt;

import dev.vigil.engines.EngineException;
import dev.vigil.engines.EngineOptions;
import dev.vigil.engines.InputShapeRange;
import dev.vigil.engines.models.ModelFile;
import dev.vigil.engines.models.ModelManifest;
import dev.vigil.engines.models.Sha256;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What to build for one model on one host: the plan's cache key and the optimisation profile. Worked
 * out before anything native is touched, so a cached plan is found without parsing the model.
 *
 * <p>The profile is the manifest's {@code tensorrt_profile}, or, without one, exactly the shapes of
 * its {@code example_inputs} (a plan for one shape per input; scalar examples are left out).
 *
 * @param model the model's name
 * @param key the plan's cache key
 * @param profile one shape range per input the manifest names
 */
public record PlanRecipe(String model, PlanKey key, List<InputShapeRange> profile) {

  public PlanRecipe {
    profile = List.copyOf(profile);
  }

  /**
   * The recipe for {@code file} at {@code options.precision()} for this TensorRT and GPU.
   *
   * @throws EngineException a local model (no SHA-256 in its manifest) that cannot be read to hash
   */
  public static PlanRecipe of(ModelFile file, EngineOptions options, String tensorRtVersion,
      String computeCapability) throws EngineException {
    ModelManifest m = file.manifest();
    String sha = m.sha256();
    if (sha == null) {
      try {
        sha = Sha256.of(file.path());
      } catch (IOException e) {
        throw new EngineException("model '" + m.name() + "': cannot read " + file.path()
            + " to hash it: " + e.getMessage(), e);
      }
    }
    List<InputShapeRange> profile = new ArrayList<>(m.tensorRtProfile());
    if (profile.isEmpty()) {
      m.exampleInputs().forEach((input, example) -> {
        if (example.shape().length > 0) {
          profile.add(InputShapeRange.exactly(input, example.shape()));
        }
      });
    }
    return new PlanRecipe(m.name(), new PlanKey(sha, tensorRtVersion, computeCapability,
        options.precision(), profile), profile);
  }

  /**
   * The ranges to give TensorRT for a network whose inputs have these shapes ({@code -1} where
   * dynamic): one for each input with a dynamic dimension, none for static ones.
   *
   * @param inputs the parsed network's inputs, in order
   * @throws EngineException one line naming the model and the input: a dynamic input without a range,
   *     a range for an input the model does not have, or a range that does not fit the input's rank
   *     or its fixed dimensions
   */
  public List<InputShapeRange> rangesFor(Map<String, long[]> inputs) throws EngineException {
    Map<String, InputShapeRange> byInput = new LinkedHashMap<>();
    profile.forEach(r -> byInput.put(r.input(), r));
    for (String named : byInput.keySet()) {
      if (!inputs.containsKey(named)) {
        throw new EngineException("model '" + model + "': the TensorRT profile names input '"
            + named + "', which the model does not have (inputs: " + String.join(", ",
            inputs.keySet()) + ")");
      }
    }
    List<InputShapeRange> ranges = new ArrayList<>();
    for (Map.Entry<String, long[]> in : inputs.entrySet()) {
      long[] dims = in.getValue();
      boolean dynamic = Arrays.stream(dims).anyMatch(d -> d < 0);
      InputShapeRange range = byInput.get(in.getKey());
      if (range == null) {
        if (dynamic) {
          throw new EngineException("model '" + model + "': input '" + in.getKey() + "' is "
              + Arrays.toString(dims) + " (-1: dynamic) and the manifest gives it no shapes; add it"
              + " to tensorrt_profile ({min: [..], opt: [..], max: [..]}) or example_inputs");
        }
        continue;
      }
      for (long[] shape : List.of(range.min(), range.max())) {
        if (shape.length != dims.length) {
          throw new EngineException("model '" + model + "': the TensorRT profile of input '"
              + in.getKey() + "' has rank " + shape.length + ", the input is "
              + Arrays.toString(dims));
        }
        for (int i = 0; i < dims.length; i++) {
          if (dims[i] >= 0 && shape[i] != dims[i]) {
            throw new EngineException("model '" + model + "': the TensorRT profile of input '"
                + in.getKey() + "' (" + range + ") changes dimension " + i + ", which the model"
                + " fixes at " + dims[i]);
          }
        }
      }
      if (dynamic) {
        ranges.add(range);
      }
    }
    return ranges;
  }
}
