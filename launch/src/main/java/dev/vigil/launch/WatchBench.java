package dev.vigil.launch;

import dev.vigil.agent.measure.Summary;
import dev.vigil.launch.replay.Report;
import dev.vigil.launch.replay.Speed;
import dev.vigil.launch.scenario.Expectation;
import dev.vigil.launch.scenario.RenderedScenario;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * {@code vigil bench watches}: the acceptance of issue "sees and speaks up on its own". Each scenario of
 * a folder (by default {@code scenarios/watches/}) asks the robot, in free phrasing, to be told when a
 * display shows a number or a word or when a traffic light turns a colour, chats with it in between,
 * and lets the camera show the target (or, in the false-alarm checks with {@code no_watch_fired: true},
 * never show it). Every scenario is replayed through the whole agent, by default in real time, so the
 * latency includes the real cost of vision and speech on this machine.
 * <p>
 * The figures are the replay report's own, computed in one place ({@code WatchReport}): the watch
 * latency (the first frame the truth shows the condition → the first sample of the alert played), the
 * false alarms (a firing when the truth never showed the condition). Accepted when the latency's median
 * is at most {@value #MEDIAN_MS} ms and its p95 at most {@value #P95_MS} ms over all scenarios, no false
 * alarm was raised, and every watch that should fire did.
 */
final class WatchBench {

    static final double MEDIAN_MS = 1000;
    static final double P95_MS = 1500;

    /**
     * One scenario's outcome.
     *
     * @param heard         the request as recognised (the first final transcript), for a request not made a watch
     * @param shouldFire    false for a false-alarm check ({@code no_watch_fired: true})
     * @param watches       the watches the request made (0: the request was not heard as one)
     * @param firedS        the first firing, scenario seconds, or null
     * @param latencyMs     its watch latency, or null (not fired, or no alert played)
     * @param expectations  the scenario's {@code expect:} entries that held, of {@code expected}
     * @param failed        those that did not, as {@code key: expected (got actual)}
     * @param visionMs      each vision engine's median compute time per frame in this run (wall clock)
     */
    record Row(String scenario, String heard, boolean shouldFire, int watches, Double firedS, int timesFired, Double latencyMs,
               int falseAlarms, int expectations, int expected, List<String> failed, Map<String, Double> visionMs) {

        boolean fired() {
            return firedS != null;
        }

        /** The watch did what it should: fired when the target came, stayed quiet when it never did. */
        boolean right() {
            return watches > 0 && fired() == shouldFire && falseAlarms == 0;
        }
    }

    /** The bench's totals. */
    record Totals(Summary latencyMs, int falseAlarms, int missed, boolean accepted) {
    }

    private WatchBench() {
    }

    /** The scenario files of {@code folder}, in name order. */
    static List<Path> scenarios(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new IOException(folder + ": no such folder");
        }
        try (Stream<Path> files = Files.list(folder)) {
            List<Path> list = files.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted().toList();
            if (list.isEmpty()) {
                throw new IOException(folder + ": no scenario files (*.yaml)");
            }
            return list;
        }
    }

    /**
     * Renders every scenario first (a bad file fails before any run), then replays each and prints its
     * row as it finishes. In real time, the JVM is warmed up once, by the first scenario at full speed,
     * rather than before every scenario.
     */
    static List<Row> run(List<Path> files, Speed speed, boolean aec, PrintStream out) throws Exception {
        var runner = new ScenarioRunner(new PrintStream(PrintStream.nullOutputStream()));
        List<RenderedScenario> rendered = new ArrayList<>();
        for (Path file : files) {
            rendered.add(runner.prepare(file));
        }
        String warmup = System.getProperty("vigil.warmup");
        try {
            if (speed == Speed.REALTIME) {
                out.printf("warming up: %s once at full speed...%n", rendered.get(0).scenario().name());
                long warming = System.nanoTime();
                runner.replay(rendered.get(0), Speed.MAX, aec, false, null, List.of(), null);
                out.printf(java.util.Locale.ROOT, "warmed up in %.1f s%n", (System.nanoTime() - warming) / 1e9);
                System.setProperty("vigil.warmup", "false");
            }
            out.printf("%-30s %7s %7s %6s %10s %6s %7s %s%n", "scenario", "watches", "should", "fired", "latency_ms",
                    "false", "expect", "vision ms/frame (median)");
            List<Row> rows = new ArrayList<>();
            for (RenderedScenario r : rendered) {
                Report report = runner.replay(r, speed, aec, false, null, List.of(), null);
                Row row = row(r, report);
                rows.add(row);
                out.println(format(row));
            }
            return rows;
        } finally {
            if (warmup == null) {
                System.clearProperty("vigil.warmup");
            } else {
                System.setProperty("vigil.warmup", warmup);
            }
        }
    }

    static Row row(RenderedScenario rendered, Report report) {
        boolean shouldFire = rendered.scenario().expect().stream()
                .noneMatch(e -> e instanceof Expectation.NoWatchFired n && n.required());
        Report.WatchEntry first = report.watches().stream().filter(w -> w.firedS() != null).findFirst().orElse(null);
        List<String> failed = report.expectations().stream().filter(e -> !e.passed())
                .map(e -> e.expect() + ": " + e.expected() + " (got " + e.actual() + ")").toList();
        int times = report.watches().stream().mapToInt(Report.WatchEntry::timesFired).sum();
        String heard = report.transcripts().stream().filter(Report.TranscriptEntry::isFinal)
                .map(Report.TranscriptEntry::text).findFirst().orElse("");
        return new Row(rendered.scenario().name(), heard, shouldFire, report.watches().size(),
                first == null ? null : first.firedS(), times, first == null ? null : first.latencyMs(),
                report.falseAlarms(), report.expectations().size() - failed.size(), report.expectations().size(), failed,
                visionMedians(report));
    }

    private static Map<String, Double> visionMedians(Report report) {
        Map<String, Double> out = new java.util.TreeMap<>();
        report.processing().visionMs().forEach((engine, summary) -> {
            if (summary.median() != null) {
                out.put(engine, summary.median());
            }
        });
        return out;
    }

    static String format(Row r) {
        StringBuilder vision = new StringBuilder();
        r.visionMs().forEach((engine, ms) -> vision.append(vision.length() == 0 ? "" : " ")
                .append(String.format(Locale.ROOT, "%s %.0f", engine, ms)));
        String line = String.format(Locale.ROOT, "%-30s %7d %7s %6s %10s %6d %3d/%-3d %-16s %s", r.scenario(), r.watches(),
                r.shouldFire() ? "fire" : "quiet",
                r.fired() ? (r.timesFired() > 1 ? "yes×" + r.timesFired() : "yes") : "no",
                r.latencyMs() == null ? "-" : String.format(Locale.ROOT, "%.0f", r.latencyMs()), r.falseAlarms(),
                r.expectations(), r.expected(), vision, r.right() ? "" : "WRONG");
        StringBuilder out = new StringBuilder(line.stripTrailing());
        if (r.watches() == 0) {
            out.append(System.lineSeparator()).append("    no watch made; heard \"").append(r.heard()).append('"');
        }
        for (String f : r.failed()) {
            out.append(System.lineSeparator()).append("    failed ").append(f);
        }
        return out.toString();
    }

    /** Prints the totals and the verdict; the totals. */
    static Totals summarise(List<Row> rows, PrintStream out) {
        Summary latency = Summary.of(rows.stream().map(Row::latencyMs).filter(Objects::nonNull).toList());
        int falseAlarms = rows.stream().mapToInt(Row::falseAlarms).sum();
        int missed = (int) rows.stream().filter(r -> r.shouldFire() && r.latencyMs() == null).count();
        boolean accepted = latency.count() > 0 && latency.median() <= MEDIAN_MS && latency.p95() <= P95_MS
                && falseAlarms == 0 && missed == 0;
        out.printf(Locale.ROOT, "watch_latency_ms: %s over %d scenarios that should fire%n", latency,
                rows.stream().filter(Row::shouldFire).count());
        out.printf(Locale.ROOT, "false alarms: %d; missed (should fire, no alert): %d; scenarios right: %d/%d;"
                        + " expectations held: %d/%d%n", falseAlarms, missed, rows.stream().filter(Row::right).count(),
                rows.size(), rows.stream().mapToInt(Row::expectations).sum(), rows.stream().mapToInt(Row::expected).sum());
        out.printf(Locale.ROOT, "acceptance (median ≤ %.0f ms, p95 ≤ %.0f ms, 0 false alarms, none missed): %s%n",
                MEDIAN_MS, P95_MS, accepted ? "accepted" : "NOT accepted");
        return new Totals(latency, falseAlarms, missed, accepted);
    }

    /** The rows and totals for {@code --report}. */
    static Map<String, Object> figures(List<Row> rows, Totals totals, Speed speed, boolean aec) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("bench", "watches");
        out.put("speed", speed.name().toLowerCase(Locale.ROOT));
        out.put("aec", aec);
        out.put("cores", Runtime.getRuntime().availableProcessors());
        out.put("scenarios", rows);
        out.put("watch_latency_ms", totals.latencyMs());
        out.put("false_alarms", totals.falseAlarms());
        out.put("missed", totals.missed());
        out.put("accepted", totals.accepted());
        return out;
    }
}
