package dev.vigil.engines.models;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A file inside an npm package tarball, optionally a byte range of it (a model packed inside a
 * bigger asset file).
 *
 * @param packageName e.g. {@code @ricky0123/vad-web}
 * @param path the file inside the tarball, e.g. {@code package/dist/silero_vad_v5.onnx}
 * @param offset first byte of the model within that file
 * @param length bytes to take from {@code offset}, or {@code -1} for the rest of the file
 */
public record NpmSource(String packageName, String version, String path, long offset, long length)
    implements ModelSource {

  private static final Pattern PACKAGE =
      Pattern.compile("(@[a-z0-9-~][a-z0-9-._~]*/)?[a-z0-9-~][a-z0-9-._~]*");
  private static final Pattern VERSION = Pattern.compile("[0-9A-Za-z.+-]+");

  public NpmSource {
    Objects.requireNonNull(packageName, "packageName");
    Objects.requireNonNull(version, "version");
    if (!PACKAGE.matcher(packageName).matches()) {
      throw new IllegalArgumentException("'" + packageName + "' is not an npm package name");
    }
    if (!VERSION.matcher(version).matches()) {
      throw new IllegalArgumentException(
          "'" + version + "' is not an exact npm version (ranges are not allowed: the sha256 pins"
              + " one file)");
    }
    ArchivePaths.requireRelative("npm", path);
    if (offset < 0) {
      throw new IllegalArgumentException("offset must be 0 or more, got " + offset);
    }
    if (length < -1 || length == 0) {
      throw new IllegalArgumentException(
          "length must be positive, or -1 for the rest of the file, got " + length);
    }
  }

  /** The whole file at {@code path}. */
  public NpmSource(String packageName, String version, String path) {
    this(packageName, version, path, 0, -1);
  }

  /** The tarball's file name: the package name without its scope, then the version. */
  public String tarballName() {
    return ArchivePaths.lastSegment(packageName) + "-" + version + ".tgz";
  }

  public boolean isRange() {
    return offset != 0 || length != -1;
  }

  @Override
  public String fileName() {
    return ArchivePaths.lastSegment(path);
  }

  @Override
  public String describe() {
    return "npm " + packageName + "@" + version + " " + path
        + (isRange() ? " [" + offset + "+" + (length == -1 ? "rest" : length) + "]" : "");
  }
}
