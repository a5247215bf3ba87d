package dev.vigil.engines.tensorrt;

import dev.vigil.engines.spi.Availability;

/**
 * What this host offers TensorRT: the library's version and GPU 0's compute capability, or why
 * TensorRT cannot run here. Found once per process; the bindings' classes are touched only after
 * checking they are on the class path, so this class loads without them.
 *
 * @param availability available, or the first missing piece
 * @param version TensorRT's version as {@code major.minor.patch}, {@code null} when not loaded
 * @param computeCapability GPU 0's {@code major.minor}, {@code null} without a device
 */
public record TensorRtHost(Availability availability, String version, String computeCapability) {

  private static final String BINDINGS = "org.bytedeco.tensorrt.global.nvinfer";
  /** JavaCPP's word for a JNI bridge that is on no path: "no jnicudart in java.library.path". */
  private static final java.util.regex.Pattern MISSING_JNI =
      java.util.regex.Pattern.compile("no (jni\\w+) in java\\.library\\.path");

  /** This host, probed on the first call. */
  public static TensorRtHost probe() {
    return Probed.HOST;
  }

  static TensorRtHost unavailable(String reason) {
    return new TensorRtHost(Availability.unavailable(reason), null, null);
  }

  @Override
  public String toString() {
    return availability.available()
        ? "TensorRT " + version + ", GPU compute capability " + computeCapability
        : availability.reason();
  }

  /**
   * Turns a native loading failure into the missing piece. JavaCPP throws "no jnicudart in
   * java.library.path" after its own attempt failed; that attempt, in the cause chain, names the
   * system library the JNI bridge links ("libcuda.so.1: cannot open shared object file").
   */
  static String reasonFor(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String m = String.valueOf(t.getMessage());
      for (String[] library : LIBRARIES) {
        int at = m.indexOf(library[0]);
        if (at >= 0) {
          int end = at;
          while (end < m.length() && !Character.isWhitespace(m.charAt(end))
              && m.charAt(end) != ':') {
            end++;
          }
          return m.substring(at, end) + " not found (" + library[1] + ")";
        }
      }
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      String m = String.valueOf(t.getMessage());
      int at = m.indexOf("undefined symbol");
      if (at >= 0) {
        return "version mismatch: the bindings are for TensorRT 10.6 and CUDA 12.6, the host's"
            + " libraries lack " + m.substring(at).strip();
      }
    }
    String m = String.valueOf(e.getMessage());
    java.util.regex.Matcher jni = MISSING_JNI.matcher(m);
    if (jni.find()) {
      return "TensorRT JNI natives not on the class path (no " + jni.group(1)
          + "); " + Availability.buildHint("tensorrt");
    }
    return "cannot load TensorRT: " + m.strip().lines().findFirst().orElse(e.toString());
  }

  /** System libraries the JNI bridges link, and where they come from. */
  private static final String[][] LIBRARIES = {
    {"libcuda.so", "the NVIDIA driver: no GPU on this host?"},
    {"libnvinfer", "TensorRT 10: JetPack 6, or NVIDIA's TensorRT packages"},
    {"libnvonnxparser", "TensorRT 10: JetPack 6, or NVIDIA's TensorRT packages"},
    {"libcudart.so", "the CUDA 12 runtime: JetPack 6, or NVIDIA's CUDA packages"},
    {"libcublas", "the CUDA 12 libraries: JetPack 6, or NVIDIA's CUDA packages"},
    {"libcudnn", "cuDNN 9: JetPack 6, or NVIDIA's packages"},
  };

  /** JavaCPP's name for this platform, where its TensorRT bindings exist; null elsewhere. */
  static String platform() {
    if (!System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("linux")) {
      return null;
    }
    return switch (System.getProperty("os.arch", "")) {
      case "amd64", "x86_64" -> "linux-x86_64";
      case "aarch64", "arm64" -> "linux-arm64";
      default -> null;
    };
  }

  private static final class Probed {
    static final TensorRtHost HOST = find();

    private static TensorRtHost find() {
      if (TensorRtHost.class.getClassLoader().getResource(BINDINGS.replace('.', '/') + ".class")
          == null) {
        return unavailable("TensorRT Java bindings (org.bytedeco:tensorrt) not on the class path");
      }
      // JavaCPP's loader takes a quarter of a second to find nothing: look for the bridges first.
      String platform = platform();
      if (platform == null) {
        return unavailable("TensorRT through JNI runs on linux-x86_64 and linux-arm64 only, not on "
            + System.getProperty("os.name") + " " + System.getProperty("os.arch"));
      }
      for (String bridge : new String[] {"tensorrt/" + platform + "/libjninvinfer.so",
          "cuda/" + platform + "/libjnicudart.so"}) {
        if (TensorRtHost.class.getClassLoader().getResource("org/bytedeco/" + bridge) == null) {
          return unavailable("TensorRT JNI natives not on the class path (no "
              + bridge.substring(bridge.lastIndexOf('/') + 1) + " for " + platform
              + "); " + Availability.buildHint("tensorrt"));
        }
      }
      try {
        return Native.find();
      } catch (LinkageError | RuntimeException e) {
        return unavailable(reasonFor(e));
      }
    }
  }

  /** The only code that touches the bindings. */
  private static final class Native {
    static TensorRtHost find() {
      // JavaCPP copies the JNI bridges into ~/.javacpp/cache unless told otherwise; Vigil keeps its
      // files under its own cache.
      if (System.getProperty("org.bytedeco.javacpp.cachedir") == null) {
        System.setProperty("org.bytedeco.javacpp.cachedir",
            dev.vigil.engines.VigilDirs.fromEnvironment().cache().resolve("javacpp").toString());
      }
      org.bytedeco.javacpp.Loader.load(org.bytedeco.tensorrt.global.nvinfer.class);
      int v = org.bytedeco.tensorrt.global.nvinfer.getInferLibVersion();
      String version = org.bytedeco.tensorrt.global.nvinfer.getInferLibMajorVersion() + "."
          + org.bytedeco.tensorrt.global.nvinfer.getInferLibMinorVersion() + "."
          + org.bytedeco.tensorrt.global.nvinfer.getInferLibPatchVersion();
      int expected = org.bytedeco.tensorrt.global.nvinfer.NV_TENSORRT_VERSION;
      if (v / 10000 != expected / 10000) {
        return unavailable("version mismatch: libnvinfer " + version + ", the bindings need "
            + expected / 10000 + ".x");
      }
      org.bytedeco.javacpp.Loader.load(org.bytedeco.cuda.global.cudart.class);
      int[] count = new int[1];
      int status = org.bytedeco.cuda.global.cudart.cudaGetDeviceCount(count);
      if (status != 0 || count[0] < 1) {
        return unavailable("no CUDA device" + (status != 0
            ? " (" + org.bytedeco.cuda.global.cudart.cudaGetErrorString(status).getString() + ")"
            : ""));
      }
      int[] major = new int[1];
      int[] minor = new int[1];
      org.bytedeco.cuda.global.cudart.cudaDeviceGetAttribute(major,
          org.bytedeco.cuda.global.cudart.cudaDevAttrComputeCapabilityMajor, 0);
      org.bytedeco.cuda.global.cudart.cudaDeviceGetAttribute(minor,
          org.bytedeco.cuda.global.cudart.cudaDevAttrComputeCapabilityMinor, 0);
      return new TensorRtHost(Availability.ok(), version, major[0] + "." + minor[0]);
    }
  }
}
