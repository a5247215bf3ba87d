package dev.vigil.launch;

import com.sun.net.httpserver.HttpServer;
import dev.vigil.agent.measure.Summary;
import dev.vigil.launch.replay.Report;
import dev.vigil.launch.replay.ReplayRun;
import dev.vigil.launch.replay.Speed;
import dev.vigil.launch.scenario.RenderedScenario;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code vigil bench telemetry}: what exporting costs a full-speed replay (issue "See what the agent
 * is doing", acceptance: under 5 %). One scenario replayed with telemetry off and on, alternately
 * (off-on, then on-off, so a neighbour's load drifting over the bench falls on both), after one
 * warm-up run of each; the engines are loaded once.
 * <ul>
 *   <li>off: no exporter ({@code otel.*.exporter=none}, whatever the environment says). The SDK is
 *       still there: the in-memory reader the report's counters come from is always attached, and
 *       each turn's trace is still built, to be dropped.</li>
 *   <li>on: what a user watching the agent runs, a little busier: the Prometheus endpoint scraped
 *       every second, and traces and metrics sent by OTLP/HTTP every second to a collector in this
 *       process (a JDK HTTP server that reads each request and answers 200).</li>
 * </ul>
 * A run's figure is the replay's own wall time ({@code processing.wall_s}: first frame to the last
 * decision, what the real-time factor divides); agent start and stop (the endpoint opened, the last
 * export sent) are printed beside it. Beside the wall time, the process's CPU time from the agent
 * started to the report taken (the scrapes and the collector included): on a machine shared with
 * others, wall time is mostly their load, CPU time much less so.
 */
final class TelemetryBench {

    /** Scrape and export interval of the "on" runs. */
    private static final int INTERVAL_MS = 1000;

    /**
     * One replay.
     *
     * @param on     telemetry exported
     * @param wallS  the replay's wall time, s ({@code processing.wall_s})
     * @param totalS the whole run, agent start and stop included, s
     * @param cpuS   CPU time of the whole process from the agent started to the report taken, s
     */
    record Run(boolean on, double wallS, double totalS, double cpuS) {
    }

    /**
     * @param off      wall seconds with telemetry off
     * @param on       wall seconds with it on
     * @param ratio    median on / median off, wall time
     * @param cpuOff   CPU seconds with telemetry off; {@code cpuOn} with it on
     * @param cpuRatio median on / median off, CPU time
     * @param same     every run's live measures and counters were the first run's (exporting changes no decision)
     * @param scrapes  scrapes of the Prometheus endpoint answered, over the "on" runs
     * @param otlpKb   OTLP payload received by the collector, KiB
     */
    record Result(List<Run> runs, Summary off, Summary on, double ratio, Summary cpuOff, Summary cpuOn, double cpuRatio,
                  boolean same, int scrapes, long otlpKb) {

        boolean accepted() {
            return ratio < 1.05;
        }
    }

    private TelemetryBench() {
    }

    /**
     * @param loaded the scenario's engines ({@link ScenarioRunner#engines}), at full speed
     * @param runs   measured runs of each kind
     */
    static Result run(RenderedScenario rendered, ReplayRun.Options loaded, int runs, PrintStream out) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        AtomicInteger scrapes = new AtomicInteger();
        AtomicLong otlpBytes = new AtomicLong();
        HttpServer collector = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        collector.createContext("/", exchange -> {
            otlpBytes.addAndGet(exchange.getRequestBody().readAllBytes().length);
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        collector.start();
        ScheduledExecutorService scraper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bench-prometheus-scraper");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Run> measured = new ArrayList<>();
            Report first = null;
            boolean same = true;
            for (int i = -1; i < runs; i++) {
                // The warm-up pair first (i = -1: on, off), then off-on, on-off, …
                for (boolean on : i % 2 == 0 ? new boolean[] {false, true} : new boolean[] {true, false}) {
                    int port = Observability.freeLoopbackPort();
                    AtomicReference<ScheduledFuture<?>> scraping = new AtomicReference<>();
                    long[] cpu = new long[2];
                    ReplayRun.Options options = loaded
                            .withTelemetry(on ? exporting(port, collector.getAddress().getPort()) : silent())
                            .afterStart(agent -> {
                                cpu[0] = processCpuNanos();
                                if (on) {
                                    scraping.set(scraper.scheduleAtFixedRate(() -> scrape(http, port, scrapes), 0,
                                            INTERVAL_MS, TimeUnit.MILLISECONDS));
                                }
                            })
                            .beforeStop(agent -> {
                                if (scraping.get() != null) {
                                    scraping.get().cancel(false);
                                }
                                cpu[1] = processCpuNanos();
                            });
                    long start = System.nanoTime();
                    Report report = ReplayRun.run(rendered, options);
                    Run run = new Run(on, report.processing().wallS(), (System.nanoTime() - start) / 1e9,
                            (cpu[1] - cpu[0]) / 1e9);
                    out.printf(Locale.ROOT, "  %-9s telemetry %-3s %.2f s wall, %.2f s CPU (%.2f s with agent start and"
                                    + " stop)%n", i < 0 ? "warm-up" : "run " + (i + 1), on ? "on" : "off", run.wallS(),
                            run.cpuS(), run.totalS());
                    if (i >= 0) {
                        measured.add(run);
                    }
                    if (first == null) {
                        first = report;
                    } else {
                        same &= report.liveMeasures().equals(first.liveMeasures())
                                && report.telemetry().equals(first.telemetry());
                    }
                }
            }
            Summary off = Summary.of(measured.stream().filter(r -> !r.on()).map(Run::wallS).toList());
            Summary on = Summary.of(measured.stream().filter(Run::on).map(Run::wallS).toList());
            Summary cpuOff = Summary.of(measured.stream().filter(r -> !r.on()).map(Run::cpuS).toList());
            Summary cpuOn = Summary.of(measured.stream().filter(Run::on).map(Run::cpuS).toList());
            return new Result(measured, off, on, on.median() / off.median(), cpuOff, cpuOn,
                    cpuOn.median() / cpuOff.median(), same, scrapes.get(), otlpBytes.get() / 1024);
        } finally {
            scraper.shutdownNow();
            collector.stop(0);
        }
    }

    /** Prints the medians, p95 and the ratio; true when the overhead is under 5 %. */
    static boolean summarise(Result result, PrintStream out) {
        out.printf(Locale.ROOT, "telemetry off: median %.2f s, p95 %.2f s over %d runs%n", result.off().median(),
                result.off().p95(), result.off().count());
        out.printf(Locale.ROOT, "telemetry on:  median %.2f s, p95 %.2f s over %d runs (%d scrapes answered, %d KiB"
                + " sent by OTLP)%n", result.on().median(), result.on().p95(), result.on().count(), result.scrapes(),
                result.otlpKb());
        out.printf(Locale.ROOT, "CPU time: off median %.2f s, on median %.2f s: on / off %.3f%n", result.cpuOff().median(),
                result.cpuOn().median(), result.cpuRatio());
        out.printf(Locale.ROOT, "wall time on / off: %.3f (%+.1f %%; acceptance: under +5 %%)%s%n", result.ratio(),
                100 * (result.ratio() - 1), result.same() ? "" : "; the runs' live measures or counters differed");
        return result.accepted();
    }

    /** The figures as {@code --report} writes them. */
    static Map<String, Object> figures(RenderedScenario rendered, Result result) {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("bench", "telemetry");
        figures.put("scenario", rendered.scenario().name());
        figures.put("audio_s", rendered.durationSeconds());
        figures.put("cores", Runtime.getRuntime().availableProcessors());
        figures.put("on", "prometheus scraped every " + INTERVAL_MS + " ms, otlp/http traces and metrics every "
                + INTERVAL_MS + " ms to an in-process collector");
        figures.put("runs", result.runs());
        figures.put("wall_s_off", result.off());
        figures.put("wall_s_on", result.on());
        figures.put("ratio_on_off", result.ratio());
        figures.put("cpu_s_off", result.cpuOff());
        figures.put("cpu_s_on", result.cpuOn());
        figures.put("cpu_ratio_on_off", result.cpuRatio());
        figures.put("same_decisions", result.same());
        figures.put("scrapes", result.scrapes());
        figures.put("otlp_kib", result.otlpKb());
        return figures;
    }

    /** No exporter, over whatever {@code OTEL_*} the environment sets. */
    private static Map<String, String> silent() {
        return Map.of("otel.traces.exporter", "none", "otel.metrics.exporter", "none", "otel.logs.exporter", "none");
    }

    private static Map<String, String> exporting(int prometheusPort, int collectorPort) {
        Map<String, String> settings = new LinkedHashMap<>(Observability.prometheusOn(prometheusPort));
        settings.put("otel.metrics.exporter", "prometheus,otlp");
        settings.put("otel.traces.exporter", "otlp");
        settings.put("otel.exporter.otlp.protocol", "http/protobuf");
        settings.put("otel.exporter.otlp.endpoint", "http://127.0.0.1:" + collectorPort);
        settings.put("otel.metric.export.interval", Integer.toString(INTERVAL_MS));
        settings.put("otel.bsp.schedule.delay", Integer.toString(INTERVAL_MS));
        return settings;
    }

    /** One scrape, counted when answered (what a scrape costs the agent is the point, not its text). */
    private static void scrape(HttpClient http, int port, AtomicInteger scrapes) {
        try {
            Observability.scrapePrometheus(http, port);
            scrapes.incrementAndGet();
        } catch (Exception e) {
            // Not counted: the figure printed says how many scrapes were answered.
        }
    }

    /** CPU time of every thread of this process so far, ns. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
