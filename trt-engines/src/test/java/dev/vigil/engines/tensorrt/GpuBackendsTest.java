package dev.vigil.engines.tensorrt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.engines.Engine;
import dev.vigil.engines.EngineOptions;
import dev.vigil.engines.Engines;
import dev.vigil.engines.Tensor;
import dev.vigil.engines.onnx.OnnxRuntimeEngine;
import dev.vigil.engines.spi.Availability;
import dev.vigil.engines.testing.SileroModel;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * What only a GPU host can check. Elsewhere each test is skipped, and the skip's message (in the
 * Surefire report and on the console) is the backend's reason, e.g. "onnxruntime CPU build, no CUDA
 * provider; build with -Pgpu".
 */
class GpuBackendsTest {

  /** Skips the test where {@code backend} cannot run, saying why on the console and in the report. */
  static void assumeAvailable(String backend) {
    Availability a = Engines.availabilities().get(backend);
    if (!a.available()) {
      // Maven's console shows only the count of skipped tests; the reason goes there too.
      System.out.println("skipped, " + backend + " is not available here: " + a.reason());
    }
    Assumptions.assumeTrue(a.available(), () -> backend + " is not available here: " + a.reason());
  }

  @Test
  void tensorRtReportsItsVersionAndTheGpu() {
    assumeAvailable("tensorrt");
    TensorRtHost host = TensorRtHost.probe();
    assertThat(host.version()).matches("10\\.\\d+\\.\\d+");
    assertThat(host.computeCapability()).matches("\\d+\\.\\d+");
  }

  @Test
  void sileroOnOnnxRuntimeCudaAgreesWithTheCpu() throws Exception {
    assumeAvailable("onnxruntime-cuda");
    Map<String, Tensor> in = Map.of(
        "input", Tensor.allocateFloats(1, 576),
        "state", Tensor.allocateFloats(2, 1, 128),
        "sr", Tensor.scalarLong(16000));
    EngineOptions cuda = EngineOptions.defaults().withPreferredBackends(List.of("onnxruntime-cuda"));
    try (Engine gpu = Engines.open(SileroModel.file(), cuda);
        Engine cpu = OnnxRuntimeEngine.open(SileroModel.file(), EngineOptions.defaults())) {
      assertThat(gpu.backend()).isEqualTo("onnxruntime-cuda");
      float onGpu = gpu.run(in).get("output").floats().get(0);
      float onCpu = cpu.run(in).get("output").floats().get(0);
      assertThat(onGpu).isCloseTo(onCpu, org.assertj.core.data.Offset.offset(1e-3f));
    }
  }
}
