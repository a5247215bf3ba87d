package dev.vigil.engines.spi;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The advice at the end of a GPU backend's reason, for the hosts Vigil runs on. */
class AvailabilityTest {

  @Test
  void aPcWithADriverIsToldTheProfileAndOneWithoutThatThereIsNoGpu() {
    assertThat(Availability.buildHint("tensorrt", "amd64", true, false))
        .isEqualTo("build with -Ptensorrt");
    assertThat(Availability.buildHint("gpu", "amd64", false, false))
        .isEqualTo("no NVIDIA driver here (no /proc/driver/nvidia), so no GPU to build -Pgpu for");
  }

  @Test
  void aJetsonIsToldTheArm64BuildAndNeverTheX64OnlyOnnxRuntimeGpuJar() {
    assertThat(Availability.buildHint("tensorrt", "aarch64", false, true))
        .isEqualTo("build with -Ptensorrt -Djavacpp.platform=linux-arm64 (docs/jetson.md)");
    assertThat(Availability.buildHint("gpu", "aarch64", false, true))
        .isEqualTo("onnxruntime_gpu has no linux-aarch64 build, so -Pgpu cannot help here: ONNX"
            + " Runtime with CUDA must be built from source (docs/jetson.md)");
    assertThat(Availability.buildHint("tensorrt", "aarch64", true, false))
        .isEqualTo("build with -Ptensorrt -Djavacpp.platform=linux-arm64");
  }
}
