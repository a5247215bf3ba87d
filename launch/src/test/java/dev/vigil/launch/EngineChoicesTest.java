package dev.vigil.launch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.engines.BackendChoice;
import dev.vigil.launch.events.AgentEvent;
import dev.vigil.launch.events.JsonLinesSink;
import dev.vigil.launch.live.LiveReport;
import dev.vigil.launch.replay.Report;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which backend each model runs on, and why not on the others, as reports and events carry it. */
class EngineChoicesTest {

  private static final BackendChoice SILERO = new BackendChoice("silero-vad-v5", "onnxruntime-cpu",
      List.of(new BackendChoice.Skipped("tensorrt", "libcuda.so.1 not found"),
          new BackendChoice.Skipped("onnxruntime-cuda", "onnxruntime CPU build, no CUDA provider;"
              + " build with -Pgpu")));
  private static final String JSON = "{\"model\":\"silero-vad-v5\",\"chosen\":\"onnxruntime-cpu\","
      + "\"skipped\":[{\"backend\":\"tensorrt\",\"reason\":\"libcuda.so.1 not found\"},"
      + "{\"backend\":\"onnxruntime-cuda\",\"reason\":\"onnxruntime CPU build, no CUDA provider;"
      + " build with -Pgpu\"}]}";

  @Test
  void theReportsProcessingObjectsSayWhatEachModelRanOn() throws Exception {
    String replay = ReportJson.write(new Report.Processing(2.5, 8, Map.of(), List.of(SILERO)))
        .replaceAll("\\s", "");
    assertThat(replay).contains("\"engines\":[" + JSON.replace(" ", "") + "]");
    String live = ReportJson.write(new LiveReport.Processing(60, List.of(SILERO)))
        .replaceAll("\\s", "");
    assertThat(live).isEqualTo("{\"wall_s\":60.0,\"engines\":[" + JSON.replace(" ", "") + "]}");
  }

  @Test
  void theStartedEventCarriesTheChoices() {
    String line = JsonLinesSink.line(AgentEvent.of("started", 0.1)
        .with("engines", List.of(SILERO)).build());
    assertThat(line).isEqualTo("{\"type\":\"started\",\"t_s\":0.1,\"engines\":[" + JSON + "]}");
  }

  @Test
  void diagnosticsGiveEachModelItsBackendAndWhatWasSkipped() {
    assertThat(RosNode.engines(List.of(SILERO, new BackendChoice("ppocr-v4-det", "tensorrt", List.of()))))
        .containsExactly(
            Map.entry("silero-vad-v5", "onnxruntime-cpu (skipped tensorrt: libcuda.so.1 not found;"
                + " onnxruntime-cuda: onnxruntime CPU build, no CUDA provider; build with -Pgpu)"),
            Map.entry("ppocr-v4-det", "tensorrt"));
  }
}
