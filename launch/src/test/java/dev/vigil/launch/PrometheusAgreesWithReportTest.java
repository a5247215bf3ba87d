package dev.vigil.launch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.agent.measure.Measure;
import dev.vigil.engines.models.ModelStore;
import dev.vigil.launch.replay.ReplayRun;
import dev.vigil.launch.replay.Report;
import dev.vigil.launch.replay.Speed;
import dev.vigil.launch.scenario.RenderedScenario;
import dev.vigil.perception.audio.frontend.FrontEndSettings;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Issue "See what the agent is doing", acceptance: the Prometheus endpoint exposes the measures, and
 * its histogram counts and sums agree with {@code report.json} for the same run. One full-speed replay
 * of {@code scenarios/commands.yaml} (20 commands, answers, a "stop" over an answer: every live
 * measure occurs) with the exporter on, scraped over HTTP from the agent's real endpoint once the
 * report is taken, before the agent stops.
 */
class PrometheusAgreesWithReportTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The live measures (docs/report.md, "Live measures"), each a histogram on the endpoint. */
    private static final List<String> LIVE = List.of(Measure.VOICE_TO_VOICE_MS, Measure.END_OF_TURN_MS,
            Measure.ASR_FINAL_MS, Measure.TTS_FIRST_AUDIO_MS, Measure.BARGE_IN_STOP_MS);
    /**
     * {@code report.json} lists each live value to 0.1 ms and sums those; the histogram sums the exact
     * values: at most 0.05 ms apart per value (plus float noise).
     */
    private static final double ROUNDING_PER_VALUE_MS = 0.05;

    @Test
    void histogramsAndCountersOnTheEndpointAreTheReportsFigures() throws Exception {
        AgentParts.requireSpeex();
        ModelStore store = ModelStore.fromEnvironment();
        RenderedScenario rendered = new ScenarioRunner(new PrintStream(OutputStream.nullOutputStream()))
                .prepare(Cli.project().resolve("scenarios/commands.yaml"));
        int port = Observability.freeLoopbackPort();
        HttpClient http = HttpClient.newHttpClient();
        AtomicReference<String> scraped = new AtomicReference<>();
        Report report = ReplayRun.run(rendered, new ReplayRun.Options(Speed.MAX, FrontEndSettings.defaults(),
                AgentParts.voiceActivity(store), null, null,
                AgentParts.conversation(store, rendered.scenario().asrGrammar()))
                .withTelemetry(Observability.prometheusOn(port))
                .beforeStop(agent -> {
                    try {
                        scraped.set(Observability.scrapePrometheus(http, port));
                    } catch (Exception e) {
                        throw new AssertionError("the agent's Prometheus endpoint on port " + port, e);
                    }
                }));
        JsonNode json = JSON.readTree(ReportJson.write(report));
        Map<String, Double> metrics = samples(scraped.get());

        JsonNode live = json.path("live_measures");
        assertThat(iterable(live.fieldNames())).as("live measures in report.json").containsExactlyInAnyOrderElementsOf(LIVE);
        assertThat(metrics.keySet().stream().filter(n -> n.startsWith("vigil_") && n.endsWith("_milliseconds_count")))
                .as("histograms on the endpoint").hasSize(LIVE.size());
        for (String measure : LIVE) {
            String histogram = "vigil_" + measure.substring(0, measure.length() - "_ms".length()) + "_milliseconds";
            long count = live.path(measure).path("count").asLong();
            System.out.printf("%s: report.json count %d sum %s; endpoint %s_count %s _sum %s%n", measure, count,
                    live.path(measure).path("sum"), histogram, metrics.get(histogram + "_count"), metrics.get(histogram + "_sum"));
            assertThat(count).as("%s: occurs in the run", measure).isPositive();
            assertThat(metrics.get(histogram + "_count")).as("%s_count", histogram).isEqualTo((double) count);
            assertThat(metrics.get(histogram + "_sum")).as("%s_sum against report.json's sum", histogram)
                    .isCloseTo(live.path(measure).path("sum").asDouble(), within(count * ROUNDING_PER_VALUE_MS + 1e-6));
        }

        // Counters the report also has a figure of its own for: the same events, counted twice.
        assertThat(metrics.get("vigil_floor_barge_ins_total")).as("barge-ins")
                .isEqualTo((double) json.path("barge_ins").size()).isPositive();
        assertThat(metrics.get("vigil_voice_echo_rejected_total")).as("echo-rejected windows")
                .isEqualTo(json.path("echo_rejected_windows").asDouble());
        assertThat(metrics.get("vigil_voice_segments_total")).as("voice segments")
                .isEqualTo((double) json.path("voice_segments").size()).isPositive();
        // And every counter of the report's telemetry object, under Prometheus's name for it.
        json.path("telemetry").fields().forEachRemaining(counter -> assertThat(prometheus(metrics, counter.getKey()))
                .as("%s on the endpoint", counter.getKey()).isEqualTo(counter.getValue().asDouble()));
    }

    /**
     * The samples of Prometheus's text format ({@code name{labels} value}, comments skipped), summed
     * over label sets, keyed by name plus the labels other than the exporter's own
     * ({@code otel_scope_*}) in report order ({@code name{k=v,…}}); buckets are left out. Hand-written:
     * the Prometheus Java client writes this format but has no reader of it.
     */
    private static Map<String, Double> samples(String text) {
        Pattern sample = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+(\\S+)(?:\\s+-?\\d+)?$");
        Pattern label = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");
        Map<String, Double> out = new TreeMap<>();
        for (String line : text.split("\n")) {
            Matcher m = sample.matcher(line.strip());
            if (line.startsWith("#") || !m.matches() || m.group(1).endsWith("_bucket")) {
                continue;
            }
            Map<String, String> labels = new TreeMap<>();
            Matcher l = label.matcher(m.group(2) == null ? "" : m.group(2));
            while (l.find()) {
                if (!l.group(1).startsWith("otel_scope_")) {
                    labels.put(l.group(1), l.group(2));
                }
            }
            String key = m.group(1) + (labels.isEmpty() ? "" : labels.entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue()).collect(java.util.stream.Collectors.joining(",", "{", "}")));
            out.merge(key, Double.parseDouble(m.group(3)), Double::sum);
        }
        return out;
    }

    /**
     * The endpoint's value of a report counter ({@code vigil.audio.dropped{lane=…}}): dots become
     * underscores, the unit ({@code _milliseconds}) may follow, then {@code _total}.
     */
    private static Double prometheus(Map<String, Double> metrics, String reportKey) {
        int brace = reportKey.indexOf('{');
        String name = (brace < 0 ? reportKey : reportKey.substring(0, brace)).replace('.', '_');
        String labels = brace < 0 ? "" : reportKey.substring(brace);
        List<Double> found = new ArrayList<>();
        for (String unit : List.of("", "_milliseconds")) {
            Double value = metrics.get(name + unit + "_total" + labels);
            if (value != null) {
                found.add(value);
            }
        }
        assertThat(found).as("%s: one counter on the endpoint", reportKey).hasSize(1);
        return found.get(0);
    }

    private static <T> Iterable<T> iterable(java.util.Iterator<T> it) {
        return () -> it;
    }
}
