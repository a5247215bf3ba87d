package dev.vigil.engines.spi;

import java.util.Objects;

/**
 * Whether a backend can load models on this host, and if not, why, in a few words a user can act on
 * ("onnxruntime CPU build, no CUDA provider; build with -Pgpu", "libnvinfer.so.10 not found").
 *
 * @param available true when the backend's libraries loaded and its device is present
 * @param reason why it is not available; {@code null} when it is
 */
public record Availability(boolean available, String reason) {

  private static final Availability AVAILABLE = new Availability(true, null);

  /** @throws IllegalArgumentException an unavailable backend without a reason, or an available one with */
  public Availability {
    if (available != (reason == null)) {
      throw new IllegalArgumentException(available
          ? "an available backend has no reason, got '" + reason + "'"
          : "an unavailable backend needs a reason");
    }
    if (reason != null && reason.isBlank()) {
      throw new IllegalArgumentException("an unavailable backend needs a reason");
    }
  }

  /** The backend works here. */
  public static Availability ok() {
    return AVAILABLE;
  }

  /** The backend does not work here, because of {@code reason} (one line). */
  public static Availability unavailable(String reason) {
    return new Availability(false, Objects.requireNonNull(reason, "reason").strip());
  }

  /**
   * What to do about a missing GPU build, as the end of a reason: "build with -P{@code profile}" where
   * an NVIDIA driver is installed ({@code /proc/driver/nvidia}), else that there is no GPU to build
   * for: on a machine without one, the GPU build only fails further on ({@code libcuda.so.1}). On a
   * Jetson ({@code /etc/nv_tegra_release}; its integrated GPU's driver has no {@code /proc} folder)
   * and on any aarch64 host, the advice is the one that holds there (docs/jetson.md).
   *
   * @param profile the Maven profile that adds the backend: {@code gpu} or {@code tensorrt}
   */
  public static String buildHint(String profile) {
    return buildHint(profile, System.getProperty("os.arch", ""),
        java.nio.file.Files.isDirectory(java.nio.file.Path.of("/proc/driver/nvidia")),
        java.nio.file.Files.exists(java.nio.file.Path.of("/etc/nv_tegra_release")));
  }

  /** {@link #buildHint(String)} for a host with this architecture, driver folder and Jetson release file. */
  static String buildHint(String profile, String arch, boolean nvidiaDriver, boolean jetson) {
    boolean arm64 = arch.equals("aarch64") || arch.equals("arm64");
    if (profile.equals("gpu") && arm64) {
      return "onnxruntime_gpu has no linux-aarch64 build, so -Pgpu cannot help here: ONNX Runtime with"
          + " CUDA must be built from source (docs/jetson.md)";
    }
    if (jetson) {
      return "build with -P" + profile + " -Djavacpp.platform=linux-arm64 (docs/jetson.md)";
    }
    if (!nvidiaDriver) {
      return "no NVIDIA driver here (no /proc/driver/nvidia), so no GPU to build -P" + profile + " for";
    }
    return "build with -P" + profile + (arm64 ? " -Djavacpp.platform=linux-arm64" : "");
  }

  @Override
  public String toString() {
    return available ? "available" : "unavailable: " + reason;
  }
}
