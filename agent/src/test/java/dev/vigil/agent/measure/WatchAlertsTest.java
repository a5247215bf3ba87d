package dev.vigil.agent.measure;

import dev.vigil.agent.bus.Addresses;
import dev.vigil.agent.message.Measured;
import dev.vigil.agent.message.Say;
import dev.vigil.agent.message.SayRequest;
import dev.vigil.agent.message.SceneObservations;
import dev.vigil.agent.message.UtterancePlayed;
import dev.vigil.agent.message.UtteranceStarted;
import dev.vigil.agent.message.WatchUpdate;
import dev.vigil.agent.telemetry.Telemetry;
import dev.vigil.agent.testing.BusHarness;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static dev.vigil.agent.testing.BusHarness.seconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** A watch alert's trace and the vision engines' latency, from the agent's own messages on a virtual clock. */
class WatchAlertsTest {

    private static final String ALERT = "We've reached floor 16.";

    @RegisterExtension
    final BusHarness bus = new BusHarness();

    private final InMemorySpanExporter spans = InMemorySpanExporter.create();
    private final InMemoryMetricReader metrics = InMemoryMetricReader.create();
    private final OpenTelemetrySdk otel = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
            .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(metrics).build())
            .build();

    @BeforeEach
    void attach() {
        bus.record(Addresses.MEASURED);
        bus.onLoop(() -> WatchAlerts.attach(bus.bus(), bus.clock(), new Telemetry(otel), 0));
    }

    @AfterEach
    void close() {
        bus.close();
        otel.close();
    }

    private void look(String engine, double captureS, double computeMs) {
        bus.send(Addresses.OBSERVATIONS, new SceneObservations(engine, seconds(captureS), 640, 480, List.of(),
                Math.round(computeMs * 1e6)));
    }

    /**
     * Vision reads 16 in the frames of 10.0 and 10.1 s (session time = epoch time: origin 0); the watch
     * fires on the second; the floor is free at 10.3 s, the alert's first sample plays at 10.45 s, its
     * last at 12.0 s.
     */
    @Test
    void anAlertIsOneTraceFromTheFirstFrameThatShowedItToItsFirstSample() {
        look("ocr", 9.9, 35);   // before the condition showed: not the alert's
        bus.advanceTo(seconds(10.05));   // the results out 50 ms after the capture
        look("ocr", 10.0, 30);
        look("light", 10.0, 5);
        bus.advanceTo(seconds(10.1));
        look("ocr", 10.1, 40);   // out as it was captured: clipped to the capture
        bus.send(Addresses.SAY_REQUESTS, new SayRequest(ALERT, true, true, "watch:w1"));
        bus.send(Addresses.WATCHES, new WatchUpdate(WatchUpdate.FIRED, "w1", "tell me when we reach floor 16",
                "text shows \"16\"", ALERT, seconds(10.1), seconds(10.0)));
        look("light", 10.1, 6);   // the fired frame's later engine
        bus.advanceTo(seconds(10.3));
        bus.send(Addresses.SAY, new Say("robot-3", ALERT, seconds(10.3)));
        bus.advanceTo(seconds(10.45));
        bus.send(Addresses.UTTERANCE_STARTED, new UtteranceStarted("robot-3", ALERT, seconds(10.45)));
        assertThat(spans.getFinishedSpanItems()).as("written once the alert has played").isEmpty();
        bus.advanceTo(seconds(12.0));
        bus.send(Addresses.UTTERANCE_PLAYED, new UtterancePlayed("robot-3", ALERT, ALERT, seconds(10.45),
                seconds(12.0), 1550, false));

        List<SpanData> all = spans.getFinishedSpanItems();
        SpanData root = all.stream().filter(s -> s.getName().equals("vigil.watch_alert")).findFirst().orElseThrow();
        assertThat(root.getStartEpochNanos()).isEqualTo(seconds(10.0));
        assertThat(root.getEndEpochNanos()).isEqualTo(seconds(10.45));
        assertThat(root.getAttributes().get(AttributeKey.doubleKey("vigil.watch_latency_ms"))).isCloseTo(450, within(1e-6));
        assertThat(root.getAttributes().get(AttributeKey.stringKey("vigil.watch_id"))).isEqualTo("w1");
        assertThat(root.getAttributes().get(AttributeKey.stringKey("vigil.condition"))).isEqualTo("text shows \"16\"");
        assertThat(root.getAttributes().get(AttributeKey.stringKey("vigil.utterance_id"))).isEqualTo("robot-3");
        Map<String, List<String>> children = all.stream().filter(s -> s != root)
                .peek(s -> assertThat(s.getParentSpanId()).isEqualTo(root.getSpanId()))
                .collect(Collectors.groupingBy(SpanData::getName, Collectors.mapping(
                        s -> (s.getStartEpochNanos() / 1_000_000) + "-" + (s.getEndEpochNanos() / 1_000_000),
                        Collectors.toList())));
        assertThat(children).containsOnly(
                Map.entry("vigil.vision.ocr", List.of("10020-10050", "10100-10100")),
                Map.entry("vigil.vision.light", List.of("10045-10050", "10100-10100")),
                Map.entry("vigil.watch.decide", List.of("10100-10100")),
                Map.entry("vigil.floor", List.of("10100-10300")),
                Map.entry("vigil.tts", List.of("10300-10450")),
                Map.entry("vigil.playback", List.of("10450-12000")));
        assertThat(all).filteredOn(s -> s.getName().equals("vigil.vision.ocr"))
                .extracting(s -> s.getAttributes().get(AttributeKey.doubleKey("vigil.compute_ms")))
                .containsExactly(30.0, 40.0);

        Map<String, Long> calls = histogram(Telemetry.ENGINE_LATENCY).stream().collect(Collectors.toMap(
                p -> p.getAttributes().get(Telemetry.ENGINE), HistogramPointData::getCount));
        assertThat(calls).containsExactlyInAnyOrderEntriesOf(Map.of("ocr", 3L, "light", 2L));
        assertThat(histogram("vigil.watch_latency")).singleElement()
                .satisfies(p -> assertThat(p.getSum()).isCloseTo(450, within(1e-6)));
        // …and on the bus, as the turn's measures are, stamped with the alert's first sample.
        assertThat(bus.published(Addresses.MEASURED, Measured.class)).singleElement().satisfies(m -> {
            assertThat(m.measure()).isEqualTo(Measure.WATCH_LATENCY_MS);
            assertThat(m.millis()).isCloseTo(450, within(1e-6));
            assertThat(m.atNanos()).isEqualTo(seconds(10.45));
        });
    }

    @Test
    void anAlertNeverPlayedEndsAtTheDecision() {
        bus.advanceTo(seconds(5.0));
        look("ocr", 5.0, 30);
        bus.send(Addresses.SAY_REQUESTS, new SayRequest(ALERT, true, true, "watch:w2"));
        bus.send(Addresses.WATCHES, new WatchUpdate(WatchUpdate.FIRED, "w2", "floor 16", "text shows \"16\"", ALERT,
                seconds(5.0), seconds(4.8)));
        bus.send(Addresses.SAY, new Say("robot-1", ALERT, seconds(5.0)));
        bus.advanceTo(seconds(5.2));
        bus.send(Addresses.UTTERANCE_PLAYED, new UtterancePlayed("robot-1", ALERT, "", seconds(5.2), seconds(5.2), 0, true));
        SpanData root = spans.getFinishedSpanItems().stream().filter(s -> s.getName().equals("vigil.watch_alert"))
                .findFirst().orElseThrow();
        assertThat(root.getEndEpochNanos()).isEqualTo(seconds(5.0));
        assertThat(root.getAttributes().get(AttributeKey.doubleKey("vigil.watch_latency_ms"))).isNull();
        assertThat(spans.getFinishedSpanItems()).extracting(SpanData::getName).doesNotContain("vigil.tts", "vigil.playback");
    }

    private List<HistogramPointData> histogram(String name) {
        return metrics.collectAllMetrics().stream().filter(m -> m.getName().equals(name)).findFirst()
                .map(MetricData::getHistogramData).map(h -> List.copyOf(h.getPoints())).orElse(List.of());
    }
}
