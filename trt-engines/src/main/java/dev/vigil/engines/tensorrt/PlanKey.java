package dev.vigil.engines.tensorrt;

import dev.vigil.engines.InputShapeRange;
import dev.vigil.engines.Precision;
import dev.vigil.engines.models.Sha256;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Everything a TensorRT plan depends on: a plan built from other bytes, by another TensorRT, for
 * another GPU generation, at another precision or for other input shapes is another plan. TensorRT
 * refuses (or worse, misreads) a plan from another version or GPU, so each gets its own cache entry.
 *
 * @param modelSha256 the ONNX model's SHA-256, lower-case hex
 * @param tensorRtVersion e.g. {@code 10.3.0}
 * @param computeCapability the GPU's, e.g. {@code 8.7} (Jetson Orin)
 * @param precision what layers may run in
 * @param profiles the optimisation profile, one range per input, in order (empty for a model with
 *     static shapes)
 */
public record PlanKey(String modelSha256, String tensorRtVersion, String computeCapability,
    Precision precision, List<InputShapeRange> profiles) {

  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

  /** @throws IllegalArgumentException a SHA-256 that is not 64 hex digits, a missing part */
  public PlanKey {
    Objects.requireNonNull(modelSha256, "modelSha256");
    modelSha256 = modelSha256.toLowerCase(Locale.ROOT);
    if (!SHA256.matcher(modelSha256).matches()) {
      throw new IllegalArgumentException("model sha256 '" + modelSha256
          + "' is not 64 hexadecimal digits");
    }
    Objects.requireNonNull(tensorRtVersion, "tensorRtVersion");
    Objects.requireNonNull(computeCapability, "computeCapability");
    Objects.requireNonNull(precision, "precision");
    profiles = List.copyOf(profiles);
  }

  /**
   * The key as the cache names it: 20 hex digits of the SHA-256 of every part, in a fixed text
   * form. Equal keys give equal ids; a change in any part gives another.
   */
  public String id() {
    StringBuilder text = new StringBuilder()
        .append("model=").append(modelSha256).append('\n')
        .append("tensorrt=").append(tensorRtVersion).append('\n')
        .append("sm=").append(computeCapability).append('\n')
        .append("precision=").append(precision).append('\n');
    profiles.forEach(p -> text.append("profile=").append(p).append('\n'));
    MessageDigest sha = Sha256.digest();
    sha.update(text.toString().getBytes(StandardCharsets.UTF_8));
    return Sha256.hex(sha).substring(0, 20);
  }

  @Override
  public String toString() {
    return "model " + modelSha256.substring(0, 12) + ", TensorRT " + tensorRtVersion + ", sm "
        + computeCapability + ", " + precision + (profiles.isEmpty() ? "" : ", " + profiles);
  }
}
