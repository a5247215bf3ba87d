package dev.vigil.engines.bench;

import dev.vigil.engines.Engine;
import dev.vigil.engines.EngineException;
import dev.vigil.engines.Tensor;
import dev.vigil.engines.TensorSpec;
import dev.vigil.engines.models.ModelManifest;
import dev.vigil.engines.models.ModelManifest.ExampleInput;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Synthetic inputs for an engine, made from its input specs: each input's own shape where the
 * model fixes it, else the manifest's {@code example_inputs}; zeros, or the scalar value the
 * manifest gives. Latency does not depend on the values for the models Vigil runs (no data-dependent
 * loops), only on the shapes.
 */
public final class ExampleInputs {

  private ExampleInputs() {}

  /**
   * One tensor per input of {@code engine}.
   *
   * @throws EngineException naming the input whose shape is dynamic and has no example in the
   *     manifest, or whose example does not fit the model
   */
  public static Map<String, Tensor> of(Engine engine, ModelManifest manifest)
      throws EngineException {
    Map<String, Tensor> inputs = new LinkedHashMap<>();
    for (TensorSpec spec : engine.inputs().values()) {
      ExampleInput example = manifest.exampleInputs().get(spec.name());
      long[] shape = example != null ? example.shape() : spec.shape();
      if (example == null && !spec.isStatic()) {
        throw new EngineException("model '" + manifest.name() + "': input '" + spec.name()
            + "' is " + spec.dtype() + Arrays.toString(spec.shape())
            + "; give its shape in example_inputs in the model's models.yaml");
      }
      if (!spec.accepts(shape)) {
        throw new EngineException("model '" + manifest.name() + "': example input '"
            + spec.name() + "' " + Arrays.toString(shape) + " does not fit " + spec);
      }
      inputs.put(spec.name(), filled(manifest.name(), spec, shape,
          example != null ? example.value() : 0));
    }
    return inputs;
  }

  private static Tensor filled(String model, TensorSpec spec, long[] shape, double value)
      throws EngineException {
    Tensor t = Tensor.allocate(spec.dtype(), shape);
    if (value == 0) {
      return t;
    }
    int n = (int) t.elementCount();
    switch (spec.dtype()) {
      case FLOAT32 -> { for (int i = 0; i < n; i++) t.floats().put(i, (float) value); }
      case INT64 -> { for (int i = 0; i < n; i++) t.longs().put(i, (long) value); }
      case INT32 -> { for (int i = 0; i < n; i++) t.ints().put(i, (int) value); }
      case INT8, UINT8, BOOL -> { for (int i = 0; i < n; i++) t.bytes().put(i, (byte) value); }
      case FLOAT16 -> throw new EngineException("model '" + model + "': example input '"
          + spec.name() + "' is float16; only zeros are supported");
    }
    return t;
  }
}
