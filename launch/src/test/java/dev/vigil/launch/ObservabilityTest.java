package dev.vigil.launch;

import com.sun.net.httpserver.HttpServer;
import dev.vigil.agent.telemetry.Telemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The exporters chosen by OpenTelemetry's own settings (issue "See what the agent is doing", item 2):
 * a real Prometheus scrape over loopback, and OTLP/HTTP to a local receiver (a JDK HTTP server that
 * records what it is sent: the protobuf payloads themselves are the SDK's business).
 */
class ObservabilityTest {

    @Test
    void byDefaultNothingIsExportedAndTheReportsReaderStillCounts() {
        InMemoryMetricReader report = InMemoryMetricReader.create();
        try (OpenTelemetrySdk sdk = Observability.sdk(report, Map.of())) {
            new Telemetry(sdk).error("asr");
            assertThat(report.collectAllMetrics()).extracting(m -> m.getName()).contains(Telemetry.ERRORS);
        }
    }

    @Test
    void prometheusServesTheMeasuresAndCountersOnLoopback() throws Exception {
        int port = Observability.freeLoopbackPort();
        try (OpenTelemetrySdk sdk = Observability.sdk(InMemoryMetricReader.create(), Observability.prometheusOn(port))) {
            Telemetry telemetry = new Telemetry(sdk);
            telemetry.measured("voice_to_voice_ms", 336);
            telemetry.measured("voice_to_voice_ms", 400);
            telemetry.error("asr");
            io.opentelemetry.instrumentation.runtimemetrics.java8.RuntimeMetrics jvm =
                    io.opentelemetry.instrumentation.runtimemetrics.java8.RuntimeMetrics.create(sdk);
            String scrape = Observability.scrapePrometheus(HttpClient.newHttpClient(), port);
            assertThat(scrape)
                    .containsPattern("vigil_voice_to_voice_milliseconds_count\\{[^}]*\\} 2")
                    .containsPattern("vigil_voice_to_voice_milliseconds_sum\\{[^}]*\\} 736")
                    .containsPattern("vigil_errors_total\\{[^}]*component=\"asr\"[^}]*\\} 1")
                    .as("the JVM's heap, under the semantic conventions' name").contains("jvm_memory_used_bytes");
            jvm.close();
        }
    }

    @Test
    void otlpSendsTracesAndMetricsToACollector() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        HttpServer collector = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        collector.createContext("/", exchange -> {
            received.add(exchange.getRequestURI().getPath() + " " + exchange.getRequestHeaders().getFirst("Content-Type"));
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        collector.start();
        try (OpenTelemetrySdk sdk = Observability.sdk(InMemoryMetricReader.create(), Map.of(
                "otel.traces.exporter", "otlp", "otel.metrics.exporter", "otlp",
                "otel.exporter.otlp.endpoint", "http://127.0.0.1:" + collector.getAddress().getPort(),
                "otel.exporter.otlp.protocol", "http/protobuf",
                "otel.metric.export.interval", "200", "otel.bsp.schedule.delay", "100"))) {
            Telemetry telemetry = new Telemetry(sdk);
            telemetry.measured("end_of_turn_ms", 500);
            Span turn = telemetry.tracer().spanBuilder("vigil.turn").startSpan();
            turn.end();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            List<String> expected = List.of("/v1/traces application/x-protobuf", "/v1/metrics application/x-protobuf");
            while (!received.containsAll(expected) && System.nanoTime() < deadline) {
                Thread.sleep(50);   // the span batch goes after 100 ms, the metrics every 200 ms
            }
            assertThat(received).containsAll(expected);
        } finally {
            collector.stop(0);
        }
    }
}
