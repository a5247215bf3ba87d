package dev.vigil.launch;

import dev.vigil.agent.measure.Measure;
import dev.vigil.agent.measure.Summary;
import dev.vigil.agent.telemetry.Telemetry;
import dev.vigil.engines.EngineOptions;
import dev.vigil.engines.models.ModelStore;
import dev.vigil.launch.replay.ReplayRun;
import dev.vigil.launch.replay.Report;
import dev.vigil.launch.replay.Speed;
import dev.vigil.launch.scenario.RenderedScenario;
import dev.vigil.launch.testing.CapturedTelemetry;
import dev.vigil.perception.audio.frontend.FrontEndSettings;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue "See what the agent is doing", item 2: a full-speed replay of the demo (a camera, a watch
 * that fires once) exported through OpenTelemetry's own settings into the SDK's in-memory exporters
 * ({@link CapturedTelemetry}) gives one {@code vigil.watch_alert} trace with the vision engines'
 * spans and a live watch latency that fits the report's (which starts at the video's truth, the live
 * one at the first frame vision saw the condition in; equal to the report's live figure), each
 * vision engine's latency histogram, and the queue gauges; and item 2's turn traces: one per answered
 * turn, with its stage spans, whose voice-to-voice attributes are the report's live figures.
 */
class WatchAlertTelemetryTest {

    /** When the demo's elevator display shows 16 (scenarios/demo.yaml, its video's truth). */
    private static final double FLOOR_16_S = 48.5;

    @Test
    void theDemosWatchAlertIsOneTraceWithItsVisionAndTheReportsLatency() throws Exception {
        AgentParts.requireSpeex();
        ModelStore store = ModelStore.fromEnvironment();
        RenderedScenario rendered = new ScenarioRunner(new PrintStream(OutputStream.nullOutputStream()))
                .prepare(Cli.project().resolve("scenarios/demo.yaml"));
        Agent.Conversation conversation = AgentParts.conversation(store, rendered.scenario().asrGrammar());
        Map<String, String> settings = Map.of("otel.traces.exporter", CapturedTelemetry.NAME,
                "otel.metrics.exporter", CapturedTelemetry.NAME,
                "otel.metric.export.interval", "100");   // the gauges read many times in the run
        CapturedTelemetry.reset();
        // The run's agent alone takes them, as it would OTEL_* variables (no JVM-wide property).
        Report report = ReplayRun.run(rendered, new ReplayRun.Options(Speed.MAX, FrontEndSettings.defaults(),
                AgentParts.voiceActivity(store), null, null, conversation, List.of(),
                AgentParts.vision(store, EngineOptions.defaults())).withTelemetry(settings));
        Set<String> engines = report.observationsSummary().keySet();
        assertThat(engines).contains("ocr");
        Report.WatchEntry watch = report.watches().get(0);
        assertThat(watch.latencyMs()).as("the report judged the watch").isNotNull();

        List<SpanData> spans = CapturedTelemetry.spans();
        List<SpanData> alerts = spans.stream().filter(s -> s.getName().equals("vigil.watch_alert")).toList();
        assertThat(alerts).hasSize(1);
        SpanData alert = alerts.get(0);
        assertThat(alert.getParentSpanContext().isValid()).isFalse();
        assertThat(alert.getAttributes().get(AttributeKey.stringKey("vigil.watch_id"))).isEqualTo(watch.id());
        assertThat(alert.getAttributes().get(AttributeKey.stringKey("vigil.condition"))).isEqualTo(watch.condition());
        assertThat(alert.getAttributes().get(AttributeKey.stringKey("vigil.utterance_id"))).startsWith("robot-");
        Double latency = alert.getAttributes().get(AttributeKey.doubleKey("vigil.watch_latency_ms"));
        assertThat(latency).isNotNull();
        // The report's latency starts where the video's truth shows floor 16; the live one where vision
        // first saw it, in a sampled frame at or after that and no later than the frame that fired.
        System.out.printf("watch latency: report %.1f ms (truth at %.1f s), live %.1f ms; fired on the frame"
                + " at %.3f s%n", watch.latencyMs(), FLOOR_16_S, latency, watch.firedS());
        assertThat(latency).as("live, against the report's").isLessThanOrEqualTo(watch.latencyMs() + 0.05)
                .isGreaterThanOrEqualTo(watch.latencyMs() - (watch.firedS() - FLOOR_16_S) * 1000 - 0.05);
        assertThat((alert.getEndEpochNanos() - alert.getStartEpochNanos()) / 1e6).as("the root spans the latency")
                .isCloseTo(latency, org.assertj.core.data.Offset.offset(0.001));
        // The same figure as the report's live one (a Measured on the bus, summarised by the report).
        Summary liveWatch = report.liveMeasures().get(Measure.WATCH_LATENCY_MS);
        assertThat(liveWatch.count()).isEqualTo(1);
        assertThat(liveWatch.median()).isCloseTo(latency, org.assertj.core.data.Offset.offset(0.001));

        // Each answered turn: one trace whose root carries the turn's live voice-to-voice, the very
        // values the report's live_measures summarise, with its stage spans under it.
        List<SpanData> turns = spans.stream().filter(s -> s.getName().equals("vigil.turn")).toList();
        Summary liveV2v = report.liveMeasures().get(Measure.VOICE_TO_VOICE_MS);
        List<Double> traced = turns.stream()
                .map(t -> t.getAttributes().get(AttributeKey.doubleKey("vigil." + Measure.VOICE_TO_VOICE_MS)))
                .filter(java.util.Objects::nonNull).toList();
        Summary fromTraces = Summary.of(traced);
        assertThat(fromTraces.count()).as("a trace per answered turn").isEqualTo(liveV2v.count()).isPositive();
        assertThat(fromTraces.median()).isEqualTo(liveV2v.median());
        assertThat(fromTraces.p95()).isEqualTo(liveV2v.p95());
        assertThat(fromTraces.max()).isEqualTo(liveV2v.max());
        assertThat(fromTraces.sum()).isEqualTo(liveV2v.sum());
        for (SpanData turn : turns) {
            Set<String> stages = spans.stream()
                    .filter(s -> s.getTraceId().equals(turn.getTraceId()) && s != turn)
                    .peek(s -> assertThat(s.getParentSpanId()).isEqualTo(turn.getSpanId()))
                    .map(SpanData::getName).collect(Collectors.toSet());
            assertThat(stages).as("stages of the turn at %d", turn.getStartEpochNanos())
                    .contains("vigil.vad", "vigil.decide", "vigil.tts", "vigil.playback");
        }

        List<SpanData> children = spans.stream()
                .filter(s -> s.getTraceId().equals(alert.getTraceId()) && s != alert).toList();
        assertThat(children).allMatch(s -> s.getParentSpanId().equals(alert.getSpanId()));
        Set<String> names = children.stream().map(SpanData::getName).collect(Collectors.toSet());
        assertThat(names).contains("vigil.vision.ocr", "vigil.watch.decide", "vigil.tts", "vigil.playback");
        assertThat(names.stream().filter(n -> n.startsWith("vigil.vision.")).map(n -> n.substring(13)))
                .allMatch(engines::contains);
        assertThat(children).filteredOn(s -> s.getName().startsWith("vigil.vision."))
                .allMatch(s -> s.getAttributes().get(AttributeKey.doubleKey("vigil.compute_ms")) > 0)
                .allMatch(s -> s.getStartEpochNanos() >= alert.getStartEpochNanos());

        List<MetricData> metrics = CapturedTelemetry.metrics();
        Map<String, Long> engineCalls = new TreeMap<>();
        for (HistogramPointData p : last(metrics, Telemetry.ENGINE_LATENCY).getHistogramData().getPoints()) {
            engineCalls.put(p.getAttributes().get(Telemetry.ENGINE), p.getCount());
            assertThat(p.getSum()).as("compute time of %s", p.getAttributes()).isPositive();
        }
        assertThat(engineCalls.keySet()).as("a latency per vision engine").isEqualTo(new java.util.TreeSet<>(engines));
        engines.forEach(e -> assertThat(engineCalls.get(e)).isEqualTo(report.observationsSummary().get(e).frames()));
        assertThat(last(metrics, "vigil.watch_latency").getHistogramData().getPoints())
                .singleElement().satisfies(p -> assertThat(p.getCount()).isEqualTo(1));

        int maxQueueMs = FrontEndSettings.defaults().maxQueueMillis();
        assertThat(gauge(metrics, Telemetry.AUDIO_QUEUED)).isNotEmpty().allMatch(v -> v >= 0 && v <= maxQueueMs);
        assertThat(gauge(metrics, Telemetry.VISION_QUEUE_LENGTH)).isNotEmpty().allMatch(v -> v == 0 || v == 1);
        assertThat(gauge(metrics, Telemetry.VISION_ACTIVE)).isNotEmpty().allMatch(v -> v == 0 || v == 1);
        assertThat(metrics).filteredOn(m -> m.getName().equals(Telemetry.AUDIO_QUEUED))
                .allMatch(m -> m.getUnit().equals("ms"));
    }

    /** The latest export of metric {@code name} (cumulative: it holds every point). */
    private static MetricData last(List<MetricData> metrics, String name) {
        return metrics.stream().filter(m -> m.getName().equals(name)).reduce((a, b) -> b).orElseThrow(
                () -> new AssertionError("no " + name + " exported"));
    }

    /** Every reading of gauge {@code name} exported in the run. */
    private static List<Long> gauge(List<MetricData> metrics, String name) {
        return metrics.stream().filter(m -> m.getName().equals(name))
                .flatMap(m -> m.getLongGaugeData().getPoints().stream()).map(LongPointData::getValue).toList();
    }
}
