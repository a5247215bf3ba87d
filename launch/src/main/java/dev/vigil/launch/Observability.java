package dev.vigil.launch;

import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.export.MetricReader;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/**
 * The agent's OpenTelemetry SDK, its exporters chosen by OpenTelemetry's own settings: the standard
 * {@code OTEL_*} environment variables or {@code otel.*} system properties (SDK autoconfiguration),
 * over Vigil's defaults of no exporter at all. For example {@code OTEL_METRICS_EXPORTER=prometheus}
 * serves {@code http://127.0.0.1:9464/metrics}; {@code OTEL_TRACES_EXPORTER=otlp} with
 * {@code OTEL_EXPORTER_OTLP_ENDPOINT} sends each turn's and each watch alert's trace to a collector
 * (HTTP/protobuf, or gRPC with {@code OTEL_EXPORTER_OTLP_PROTOCOL=grpc}); {@code logging} writes them to
 * the log. docs/observability.md lists what is exported.
 */
final class Observability {

    /**
     * Vigil's defaults, under the user's settings: nothing leaves the process unless asked, and a
     * Prometheus endpoint, when asked for, listens on loopback only (the SDK's own default is every
     * interface).
     */
    static final Map<String, String> DEFAULTS = Map.of(
            "otel.service.name", "vigil",
            "otel.traces.exporter", "none",
            "otel.metrics.exporter", "none",
            "otel.logs.exporter", "none",
            "otel.exporter.prometheus.host", "127.0.0.1");

    private Observability() {
    }

    /**
     * @param report    a reader the agent keeps for its own report (the counters in {@code report.json})
     * @param overrides settings above the environment's (tests; empty otherwise)
     * @throws io.opentelemetry.sdk.autoconfigure.spi.ConfigurationException an {@code OTEL_*} setting is
     *                  not valid (an unknown exporter, a bad port)
     */
    static OpenTelemetrySdk sdk(MetricReader report, Map<String, String> overrides) {
        return AutoConfiguredOpenTelemetrySdk.builder()
                .addPropertiesSupplier(() -> DEFAULTS)
                // Over the environment's: tests pin their own whatever the machine says.
                .addPropertiesCustomizer(config -> overrides)
                .addMeterProviderCustomizer((meters, config) -> meters.registerMetricReader(report))
                .disableShutdownHook()   // the agent closes it when it stops
                .build()
                .getOpenTelemetrySdk();
    }

    /**
     * A TCP port free on loopback now, for a Prometheus endpoint that is to be scraped: the exporter is
     * told its port and does not say which one it bound, so port 0 will not do. Another process may
     * take the port in between, which a test or a bench on one machine accepts.
     */
    static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /**
     * Settings that serve a Prometheus endpoint on {@code port} of loopback, over the caller's others.
     */
    static Map<String, String> prometheusOn(int port) {
        return Map.of("otel.metrics.exporter", "prometheus", "otel.exporter.prometheus.port", Integer.toString(port));
    }

    /**
     * One scrape of the Prometheus endpoint on {@code port} of loopback, as a Prometheus server makes it.
     *
     * @return the exposition text (Prometheus text format 0.0.4)
     * @throws IOException the endpoint did not answer 200
     */
    static String scrapePrometheus(HttpClient http, int port) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("Prometheus endpoint on port " + port + " answered " + response.statusCode());
        }
        return response.body();
    }
}
