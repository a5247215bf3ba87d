package dev.vigil.launch.testing;

import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.metrics.ConfigurableMetricExporterProvider;
import io.opentelemetry.sdk.autoconfigure.spi.traces.ConfigurableSpanExporterProvider;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.export.MemoryMode;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricExporter;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;

import java.util.Collection;
import java.util.List;

/**
 * Exporters a test picks by OpenTelemetry's own settings ({@code otel.traces.exporter} and
 * {@code otel.metrics.exporter} = {@value #NAME}, found by the SDK's autoconfiguration through
 * {@code META-INF/services}), so that an agent built deep inside a replay exports into the SDK's
 * in-memory exporters. They outlive the agent's SDK: its shutdown, which would clear them, is not
 * passed on. One capture at a time ({@link #reset()} before it).
 */
public final class CapturedTelemetry {

    public static final String NAME = "vigil-captured";
    private static final InMemorySpanExporter SPANS = InMemorySpanExporter.create();
    private static final InMemoryMetricExporter METRICS = InMemoryMetricExporter.create();

    private CapturedTelemetry() {
    }

    /** Forgets what was captured. */
    public static void reset() {
        SPANS.reset();
        METRICS.reset();
    }

    /** Every span ended and exported so far. */
    public static List<SpanData> spans() {
        return SPANS.getFinishedSpanItems();
    }

    /** Every metric export so far, in order (cumulative: a later point includes the earlier). */
    public static List<MetricData> metrics() {
        return METRICS.getFinishedMetricItems();
    }

    /** {@code otel.traces.exporter=vigil-captured}. */
    public static final class Traces implements ConfigurableSpanExporterProvider {
        @Override
        public SpanExporter createExporter(ConfigProperties config) {
            return new SpanExporter() {
                @Override
                public CompletableResultCode export(Collection<SpanData> spans) {
                    return SPANS.export(spans);
                }

                @Override
                public CompletableResultCode flush() {
                    return CompletableResultCode.ofSuccess();
                }

                @Override
                public CompletableResultCode shutdown() {
                    return CompletableResultCode.ofSuccess();
                }
            };
        }

        @Override
        public String getName() {
            return NAME;
        }
    }

    /** {@code otel.metrics.exporter=vigil-captured} (with {@code otel.metric.export.interval}). */
    public static final class Metrics implements ConfigurableMetricExporterProvider {
        @Override
        public MetricExporter createExporter(ConfigProperties config) {
            return new MetricExporter() {
                @Override
                public AggregationTemporality getAggregationTemporality(InstrumentType instrumentType) {
                    return METRICS.getAggregationTemporality(instrumentType);
                }

                @Override
                public MemoryMode getMemoryMode() {
                    return MemoryMode.IMMUTABLE_DATA;   // the points are kept after the export
                }

                @Override
                public CompletableResultCode export(Collection<MetricData> metrics) {
                    return METRICS.export(metrics);
                }

                @Override
                public CompletableResultCode flush() {
                    return CompletableResultCode.ofSuccess();
                }

                @Override
                public CompletableResultCode shutdown() {
                    return CompletableResultCode.ofSuccess();
                }
            };
        }

        @Override
        public String getName() {
            return NAME;
        }
    }
}
