package dev.vigil.ros.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.ros.msg.DiagnosticArray;
import dev.vigil.ros.msg.DiagnosticArray.Level;
import dev.vigil.ros.msg.DiagnosticArray.Status;
import dev.vigil.ros.msg.RosType;
import dev.vigil.ros.transport.RosListener;
import dev.vigil.ros.transport.RosPublisher;
import dev.vigil.ros.transport.RosQos;
import dev.vigil.ros.transport.RosTransport;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The agent's extra facts (the engines' backends) as their own statuses, without DDS. */
class RosDiagnosticsGroupsTest {

  /** Publishes nowhere: the test reads {@link RosDiagnostics#snapshot()}. */
  private static final RosTransport NOWHERE = new RosTransport() {
    @Override
    public <T> RosPublisher<T> publisher(String topic, RosType<T> type, RosQos qos) {
      return new RosPublisher<>() {
        @Override
        public void publish(T message) {}

        @Override
        public void close() {}
      };
    }

    @Override
    public <T> AutoCloseable subscribe(String topic, RosType<T> type, RosQos qos,
        RosListener<T> listener) {
      return () -> {};
    }

    @Override
    public void close() {}
  };

  @Test
  void eachGroupIsAnOkStatusAfterTheAgentsOwn() throws Exception {
    Map<String, String> engines = Map.of("silero-vad-v5",
        "onnxruntime-cpu (skipped tensorrt: libcuda.so.1 not found)");
    try (RosDiagnostics diagnostics = RosDiagnostics.open(NOWHERE, "/diagnostics", "vigil",
        () -> Map.of("vigil.errors", 0L), () -> Map.of("engines", engines))) {
      DiagnosticArray array = diagnostics.snapshot();
      assertThat(array.status()).extracting(Status::name).containsExactly("vigil: agent", "vigil: engines");
      Status status = array.status().get(1);
      assertThat(status.level()).isEqualTo(Level.OK);
      assertThat(status.values()).isEqualTo(engines);
    }
  }
}
