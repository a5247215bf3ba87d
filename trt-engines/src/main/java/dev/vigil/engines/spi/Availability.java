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
   * for: on a machine without one, the GPU build only fails further on ({@code libcuda.so.1}).
   */
  public static String buildHint(String profile) {
    return java.nio.file.Files.isDirectory(java.nio.file.Path.of("/proc/driver/nvidia"))
        ? "build with -P" + profile
        : "no NVIDIA driver here (no /proc/driver/nvidia), so no GPU to build -P" + profile + " for";
  }

  @Override
  public String toString() {
    return available ? "available" : "unavailable: " + reason;
  }
}
