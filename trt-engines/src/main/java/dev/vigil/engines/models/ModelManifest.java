package dev.vigil.engines.models;

import java.util.List;
import java.util.Locale;
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
 */
public record ModelManifest(
    String name,
    String format,
    String sha256,
    String licence,
    ModelSource source,
    List<String> backends,
    String description) {

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
  }
}
