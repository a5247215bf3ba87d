package dev.vigil.engines.models;

import dev.vigil.engines.InputShapeRange;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What Vigil knows about one model before fetching it.
 *
 * @param name unique across the classpath; also the model's directory in the cache
 * @param format what loads it, e.g. {@code onnx}
 * @param sha256 lowercase hex of the model file; required unless the source is local
 * @param licence free text, shown to users who ask what they are running
 * @param backends backends known to run this model, best first; may be empty
 * @param exampleInputs typical inputs by name, for benchmarks ({@code vigil engines bench}): the
 *     shape to use where the model leaves dimensions dynamic, or a scalar's value; may be empty
 * @param tensorRtProfile the shapes each dynamic input may take in a TensorRT plan
 *     ({@code tensorrt_profile}); empty: exactly the {@code exampleInputs} shapes
 */
public record ModelManifest(
    String name,
    String format,
    String sha256,
    String licence,
    ModelSource source,
    List<String> backends,
    String description,
    Map<String, ExampleInput> exampleInputs,
    List<InputShapeRange> tensorRtProfile) {

  /**
   * One typical input: a tensor of {@code shape} filled with {@code value} (zeros unless a scalar's
   * value is given), e.g. Silero's {@code sr}: shape {@code []}, value 16000.
   *
   * @param shape every dimension, none dynamic
   * @param value the value of every element
   */
  public record ExampleInput(long[] shape, double value) {
    public ExampleInput {
      shape = shape.clone();
      for (long d : shape) {
        if (d < 1) {
          throw new IllegalArgumentException("example input dimensions must be at least 1, got "
              + java.util.Arrays.toString(shape));
        }
      }
    }

    @Override
    public long[] shape() {
      return shape.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof ExampleInput e && java.util.Arrays.equals(shape, e.shape)
          && Double.compare(value, e.value) == 0;
    }

    @Override
    public int hashCode() {
      return 31 * java.util.Arrays.hashCode(shape) + Double.hashCode(value);
    }

    @Override
    public String toString() {
      return shape.length == 0 ? Double.toString(value) : java.util.Arrays.toString(shape);
    }
  }

  /** A manifest without example inputs. */
  public ModelManifest(String name, String format, String sha256, String licence,
      ModelSource source, List<String> backends, String description) {
    this(name, format, sha256, licence, source, backends, description, Map.of());
  }

  /** A manifest without a TensorRT profile. */
  public ModelManifest(String name, String format, String sha256, String licence,
      ModelSource source, List<String> backends, String description,
      Map<String, ExampleInput> exampleInputs) {
    this(name, format, sha256, licence, source, backends, description, exampleInputs, List.of());
  }

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

  public ModelManifest {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "name '" + name + "' must be letters, digits, '.', '_' or '-' (it names a directory)");
    }
    if (format == null || format.isBlank()) {
      throw new IllegalArgumentException("format is missing");
    }
    Objects.requireNonNull(source, "source");
    if (sha256 != null) {
      sha256 = sha256.strip().toLowerCase(Locale.ROOT);
      if (!SHA256.matcher(sha256).matches()) {
        throw new IllegalArgumentException(
            "sha256 '" + sha256 + "' is not 64 hexadecimal digits");
      }
    } else if (!(source instanceof LocalSource)) {
      throw new IllegalArgumentException(
          "sha256 is missing; only local files may go unverified");
    }
    backends = backends == null ? List.of() : List.copyOf(backends);
    exampleInputs = exampleInputs == null ? Map.of()
        : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(exampleInputs));
    tensorRtProfile = tensorRtProfile == null ? List.of() : List.copyOf(tensorRtProfile);
  }
}
