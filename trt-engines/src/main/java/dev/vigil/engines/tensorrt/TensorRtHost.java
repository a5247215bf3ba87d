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
   * Turns a native loading failure into the missing piece: JavaCPP reports the JNI bridge it could
   * not find, or the system library the bridge links.
   */
  static String reasonFor(Throwable e) {
    String m = String.valueOf(e.getMessage());
    for (String library : new String[] {"libnvinfer.so", "libcudart.so", "libcuda.so",
        "libcublas", "libcudnn"}) {
      int at = m.indexOf(library);
      if (at >= 0) {
        int end = at;
        while (end < m.length() && !Character.isWhitespace(m.charAt(end)) && m.charAt(end) != ':') {
          end++;
        }
        return m.substring(at, end) + " not found (TensorRT 10 and CUDA 12 come from the host:"
            + " JetPack 6, or NVIDIA's packages)";
      }
    }
    java.util.regex.Matcher jni = MISSING_JNI.matcher(m);
    if (jni.find()) {
      return "TensorRT JNI natives not on the class path (no " + jni.group(1)
          + "); build with -Ptensorrt";
    }
    return "cannot load TensorRT: " + m.strip().lines().findFirst().orElse(e.toString());
  }

  private static final class Probed {
    static final TensorRtHost HOST = find();

    private static TensorRtHost find() {
      try {
        Class.forName(BINDINGS, false, TensorRtHost.class.getClassLoader());
      } catch (ClassNotFoundException e) {
        return unavailable("TensorRT Java bindings (org.bytedeco:tensorrt) not on the class path");
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
