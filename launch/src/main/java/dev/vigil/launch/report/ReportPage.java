package dev.vigil.launch.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import dev.vigil.launch.ReportJson;
import org.owasp.encoder.Encode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code report.html}: the report a person looks at, one self-contained page beside {@code report.json}
 * (docs/report.md, "The report page"). It opens from the file system with no server and no network:
 * CSS, the script and the timeline (SVG) are inline, the report itself is embedded as JSON, and the
 * players' {@code src} are the recordings' file names in the same folder.
 *
 * <p>Why no template engine: the page is small and fixed. Safety rests on two rules instead of on care
 * at each call: every piece of report text reaches the HTML through the OWASP Java Encoder's
 * {@code Encode.forHtml} (element content and quoted attribute values), and the embedded JSON is
 * written by Jackson with {@link ScriptSafe} escapes. Report text is untrusted in the sense that
 * matters here: what the user said, a scenario's lines, a device's description can hold anything,
 * {@code </script>} included. Everything else written is constant markup or a formatted number.
 */
public final class ReportPage {

    /** The page's file name in an output folder. */
    public static final String FILE = "report.html";
    /** The recordings the page plays when they lie beside it, with their players' labels. */
    static final String[][] RECORDINGS = {
            {"mic.wav", "Microphone (what the agent heard, echo included)"},
            {"robot.wav", "Robot (what the loudspeaker played)"},
            {"mix.wav", "Room (what a person in the room heard)"}};

    /** Writes the embedded report: JSON that can stand inside a {@code <script>} element (ScriptSafe). */
    private static final ObjectMapper JSON = new ObjectMapper();

    static {
        JSON.getFactory().setCharacterEscapes(new ScriptSafe());
    }
    /** Timeline geometry, in SVG user units: label column, plot width, lane height. */
    private static final double LEFT = 150;
    private static final double PLOT = 1000;
    private static final double LANE = 28;
    private static final double TOP = 10;

    private ReportPage() {
    }

    /**
     * The page's file for a report file: {@code report.json} → {@code report.html} beside it, any other
     * name with its extension replaced by {@code .html} (or {@code .html} added).
     */
    public static Path besideReport(Path reportJson) {
        String name = reportJson.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return reportJson.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ".html");
    }

    /**
     * Writes the page for {@code report} (a report record, or its JSON tree) to {@code file}, with
     * players for the recordings that exist in the same folder. Written to a temporary file and moved,
     * so a reader never sees half a page.
     */
    public static void write(Object report, Path file) throws IOException {
        JsonNode tree = report instanceof JsonNode node ? node : ReportJson.tree(report);
        Path dir = file.toAbsolutePath().getParent();
        Set<String> present = new LinkedHashSet<>();
        for (String[] recording : RECORDINGS) {
            if (Files.isRegularFile(dir.resolve(recording[0]))) {
                present.add(recording[0]);
            }
        }
        Files.createDirectories(dir);
        // Beside the page, so the move stays in one file system; not createTempFile, whose 0600 a
        // page meant to be opened by others would keep.
        Path tmp = dir.resolve("." + file.getFileName() + ".tmp");
        try {
            Files.writeString(tmp, render(tree, present), StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * The page's HTML.
     *
     * @param report     the report as written to report.json (a replay's or a live run's)
     * @param recordings the recordings' file names beside the page ({@code mic.wav}, ...): one player each
     */
    public static String render(JsonNode report, Set<String> recordings) {
        boolean replay = report.has("scenario");
        String title = replay ? "Vigil replay: " + report.path("scenario").asText()
                : "Vigil run: " + report.path("started_at").asText();
        StringBuilder h = new StringBuilder(32_768);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                // No network, ever: the page is a file; a policy says so to the browser as well.
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                        + "style-src 'unsafe-inline'; script-src 'unsafe-inline'; media-src 'self'; img-src data:\">\n")
                .append("<title>").append(Encode.forHtml(title)).append("</title>\n<style>").append(CSS).append("</style>\n")
                .append("</head>\n<body>\n<h1>").append(Encode.forHtml(title)).append("</h1>\n");
        if (report.path("interrupted").asBoolean(false)) {
            h.append(String.format(Locale.ROOT, "<p class=\"banner interrupted\" id=\"interrupted\">Interrupted: the run was"
                    + " cut short at %.1f s; this report covers that part and does not pass.</p>%n",
                    report.path("duration_s").asDouble()));
        }
        summary(h, report, replay);
        h.append("<h2>Timeline</h2>\n");
        timeline(h, report);
        players(h, recordings);
        measures(h, report, replay);
        expectations(h, report);
        h.append("<script type=\"application/json\" id=\"report-data\">").append(json(report))
                .append("</script>\n<script>").append(SCRIPT).append("</script>\n</body>\n</html>\n");
        return h.toString();
    }

    private static void summary(StringBuilder h, JsonNode r, boolean replay) {
        h.append("<table class=\"summary\">\n");
        if (replay) {
            row(h, "scenario", r.path("scenario").asText());
            row(h, "speed", r.path("speed").asText());
        } else {
            row(h, "started at", r.path("started_at").asText());
            row(h, "stopped by", r.path("stop_reason").asText());
            row(h, "microphone", r.path("microphone").asText());
            row(h, "loudspeaker", r.path("speaker").asText());
        }
        row(h, "duration", String.format(Locale.ROOT, "%.1f s", r.path("duration_s").asDouble()));
        row(h, "echo cancellation", r.path("aec").asBoolean() ? "on" : "off");
        if (replay) {
            row(h, "result", r.path("interrupted").asBoolean() ? "interrupted"
                    : r.path("passed").asBoolean() ? "passed" : "failed");
        }
        row(h, "dropped audio", String.format(Locale.ROOT, "%.1f ms", r.path("dropped_audio_ms").asDouble()));
        h.append("</table>\n");
    }

    /**
     * The whole run as inline SVG: one lane per kind of event ({@code data-lane}), a time axis in
     * seconds, and a {@code <title>} on every shape (the browser shows it on hover). Shapes carry
     * {@code data-t}, their start in seconds, for the players.
     */
    private static void timeline(StringBuilder h, JsonNode r) {
        boolean truth = r.has("truth_segments");
        double duration = Math.max(r.path("duration_s").asDouble(), 0.001);
        for (JsonNode u : r.path("utterances")) {
            duration = Math.max(duration, u.path("t_end_s").asDouble());
        }
        for (JsonNode v : r.path("voice_segments")) {
            duration = Math.max(duration, v.path("end_s").asDouble());
        }
        Svg svg = new Svg(h, duration);
        String[][] lanes = {
                {"voice", "user voice"},
                {"truth", "user speech (truth)"},
                {"robot", "robot speech"},
                {"barge", "barge-ins"},
                {"watch", "watches, alerts"},
                {"intent", "intents"},
                {"drop", "dropped audio"}};
        int count = truth ? lanes.length : lanes.length - 1;
        double height = TOP + count * LANE + 34;
        h.append(String.format(Locale.ROOT, "<svg class=\"timeline\" id=\"timeline\" xmlns=\"http://www.w3.org/2000/svg\""
                + " viewBox=\"0 0 %.0f %.0f\" role=\"img\" aria-label=\"timeline of the run\">%n", LEFT + PLOT + 20, height));
        int lane = 0;
        for (String[] l : lanes) {
            if (l[0].equals("truth") && !truth) {
                continue;
            }
            double y = TOP + lane++ * LANE;
            h.append(String.format(Locale.ROOT, "<g class=\"lane\" data-lane=\"%s\"><rect class=\"lane-bg\" x=\"%.1f\""
                    + " y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"/><text class=\"lane-label\" x=\"6\" y=\"%.1f\">%s</text>%n",
                    l[0], LEFT, y + 2, PLOT, LANE - 4, y + LANE / 2 + 4, Encode.forHtml(l[1])));
            switch (l[0]) {
                case "voice" -> voiceLane(svg, r, y);
                case "truth" -> truthLane(svg, r, y);
                case "robot" -> robotLane(svg, r, y);
                case "barge" -> bargeLane(svg, r, y);
                case "watch" -> watchLane(svg, r, y);
                case "intent" -> intentLane(svg, r, y);
                default -> dropLane(svg, r, y);
            }
            h.append("</g>\n");
        }
        svg.axis(TOP + count * LANE);
        h.append("</svg>\n<p class=\"legend\"><span>blue: the user's voice as detected (red: the robot's own voice"
                + " taken for it; orange: nothing there; grey: a background voice)</span><span>green: true user speech"
                + " (red outline: missed)</span><span>purple: robot speech (light: scripted lines), a red end where it"
                + " was cut</span><span>red diamond: barge-in (hollow orange: false interruption, it played on)</span>"
                + "<span>orange triangle: a watch's alert</span><span>Hover for details; click to move the players"
                + " there.</span></p>\n");
    }

    private static void voiceLane(Svg svg, JsonNode r, double y) {
        for (JsonNode v : r.path("voice_segments")) {
            String kind = v.path("kind").asText("live");
            svg.span("seg " + kind, v.path("start_s").asDouble(), v.path("end_s").asDouble(), y, String.format(Locale.ROOT,
                    "user voice %.2f–%.2f s%s: detected at %.2f s, stopped at %.2f s%s",
                    v.path("start_s").asDouble(), v.path("end_s").asDouble(),
                    v.has("kind") ? " (" + kind.replace('_', ' ') + ")" : "", v.path("detected_at_s").asDouble(),
                    v.path("stopped_at_s").asDouble(), v.path("during_robot_speech").asBoolean() ? ", over the robot" : ""));
        }
    }

    private static void truthLane(Svg svg, JsonNode r, double y) {
        for (JsonNode t : r.path("truth_segments")) {
            boolean detected = t.path("detected").asBoolean();
            svg.span(detected ? "truth" : "truth missed", t.path("start_s").asDouble(), t.path("end_s").asDouble(), y,
                    String.format(Locale.ROOT, "user speech %.2f–%.2f s: %s, %.0f %% covered",
                            t.path("start_s").asDouble(), t.path("end_s").asDouble(),
                            detected ? "detected" : "missed", t.path("coverage").asDouble() * 100));
        }
    }

    private static void robotLane(Svg svg, JsonNode r, double y) {
        for (JsonNode u : r.path("utterances")) {
            String id = u.path("id").asText();
            boolean cut = u.path("truncated").asBoolean();
            double start = u.path("t_start_s").asDouble();
            double end = u.path("t_end_s").asDouble();
            String title = String.format(Locale.ROOT, "%s %.2f–%.2f s: \"%s\"%s", id, start, end, u.path("text").asText(),
                    cut ? String.format(Locale.ROOT, "; cut after \"%s\" (%d ms played)", u.path("played_text").asText(),
                            u.path("played_ms").asLong()) : "");
            svg.span("utt" + (id.startsWith("scripted-") ? " scripted" : "") + (cut ? " truncated" : ""), start, end, y,
                    title);
            if (cut) {
                svg.marker("cut", end, y, "rect", title);
            }
        }
    }

    private static void bargeLane(Svg svg, JsonNode r, double y) {
        for (JsonNode b : r.path("barge_ins")) {
            boolean falseOne = b.path("false_interruption").asBoolean();
            JsonNode stop = b.path("stop_ms");
            svg.marker(falseOne ? "barge false-interruption" : "barge", b.path("t_s").asDouble(), y, "diamond",
                    String.format(Locale.ROOT, "barge-in at %.2f s on %s%s%s", b.path("t_s").asDouble(),
                            b.path("utterance_id").asText("?"),
                            stop.isNumber() ? String.format(Locale.ROOT, ", robot silent %.0f ms after the onset",
                                    stop.asDouble()) : "",
                            falseOne ? ": false interruption, no words came, the robot played on" : ""));
        }
    }

    private static void watchLane(Svg svg, JsonNode r, double y) {
        for (JsonNode w : r.path("watches")) {
            svg.marker("watch-made", w.path("created_s").asDouble(), y, "circle", String.format(Locale.ROOT,
                    "watch %s made at %.2f s: %s (\"%s\")", w.path("id").asText(), w.path("created_s").asDouble(),
                    w.path("condition").asText(), w.path("text").asText()));
            if (w.path("fired_s").isNumber()) {
                JsonNode latency = w.path("latency_ms");
                svg.marker("alert", w.path("fired_s").asDouble(), y, "triangle", String.format(Locale.ROOT,
                        "watch %s fired on the frame captured at %.2f s: %s%s%s", w.path("id").asText(),
                        w.path("fired_s").asDouble(), w.path("condition").asText(),
                        latency.isNumber() ? String.format(Locale.ROOT, ", alert %.0f ms after the truth showed it",
                                latency.asDouble()) : "",
                        w.path("false_alarm").asBoolean(false) ? " (a false alarm)" : ""));
            }
        }
    }

    private static void intentLane(Svg svg, JsonNode r, double y) {
        for (JsonNode i : r.path("intents")) {
            svg.marker("intent", i.path("t_s").asDouble(), y, "circle", String.format(Locale.ROOT, "%.2f s intent %s %s"
                    + " (confidence %.2f)", i.path("t_s").asDouble(), i.path("intent").asText(), i.path("data"),
                    i.path("confidence").asDouble()));
        }
    }

    private static void dropLane(Svg svg, JsonNode r, double y) {
        for (JsonNode d : r.path("audio_drops")) {
            double t = d.path("t_s").asDouble();
            svg.span("drop", t, t + d.path("ms").asDouble() / 1000, y, String.format(Locale.ROOT,
                    "%.1f ms of audio dropped at %.2f s (%s)", d.path("ms").asDouble(), t, d.path("lane").asText()));
        }
    }

    /** Draws into the timeline: seconds to x, shapes with titles. */
    private static final class Svg {
        private final StringBuilder h;
        private final double duration;

        Svg(StringBuilder h, double duration) {
            this.h = h;
            this.duration = duration;
        }

        double x(double seconds) {
            return LEFT + Math.max(0, Math.min(seconds, duration)) / duration * PLOT;
        }

        /** A span, at least a pixel wide so that a short one still shows. */
        void span(String cls, double start, double end, double y, String title) {
            double x0 = x(start);
            h.append(String.format(Locale.ROOT, "<rect class=\"%s\" data-t=\"%.3f\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\""
                    + " height=\"%.1f\"><title>%s</title></rect>%n", Encode.forHtml(cls), start, x0, y + 6, Math.max(1, x(end) - x0),
                    LANE - 12, Encode.forHtml(title)));
        }

        /** A point event: a small shape centred on its time. */
        void marker(String cls, double t, double y, String shape, String title) {
            double cx = x(t);
            double cy = y + LANE / 2;
            String geometry = switch (shape) {
                case "diamond" -> String.format(Locale.ROOT, "<polygon points=\"%.1f,%.1f %.1f,%.1f %.1f,%.1f %.1f,%.1f\"",
                        cx, cy - 8, cx + 6, cy, cx, cy + 8, cx - 6, cy);
                case "triangle" -> String.format(Locale.ROOT, "<polygon points=\"%.1f,%.1f %.1f,%.1f %.1f,%.1f\"",
                        cx, cy - 8, cx + 7, cy + 6, cx - 7, cy + 6);
                case "rect" -> String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"4\" height=\"%.1f\"",
                        cx - 2, y + 3, LANE - 6);
                default -> String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"5\"", cx, cy);
            };
            h.append(geometry).append(String.format(Locale.ROOT, " class=\"%s\" data-t=\"%.3f\"><title>%s</title></%s>%n",
                    Encode.forHtml(cls), t, Encode.forHtml(title), geometry.substring(1, geometry.indexOf(' '))));
        }

        /** Seconds along the bottom, a tick every 1, 2, 5, 10, ... s: at most about 20. */
        void axis(double y) {
            double step = 1;
            for (double s : new double[] {1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 1800, 3600}) {
                step = s;
                if (duration / s <= 20) {
                    break;
                }
            }
            h.append("<g class=\"axis\" data-lane=\"axis\">");
            for (double t = 0; t <= duration + 1e-9; t += step) {
                double x = x(t);
                h.append(String.format(Locale.ROOT, "<line class=\"grid\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>"
                        + "<text class=\"tick\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%s</text>", x, TOP, x, y + 4, x,
                        y + 16, (t == Math.rint(t) ? String.valueOf((long) t) : String.valueOf(t)) + " s"));
            }
            h.append(String.format(Locale.ROOT, "<text class=\"tick\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">seconds"
                    + "</text></g>%n", LEFT + PLOT, y + 28));
        }
    }

    private static void row(StringBuilder h, String name, String value) {
        h.append("<tr><th>").append(Encode.forHtml(name)).append("</th><td>").append(Encode.forHtml(value)).append("</td></tr>\n");
    }

    private static void players(StringBuilder h, Set<String> recordings) {
        h.append("<h2>Recordings</h2>\n");
        boolean any = false;
        for (String[] recording : RECORDINGS) {
            if (recordings.contains(recording[0])) {
                any = true;
                h.append("<figure class=\"player\"><figcaption>").append(Encode.forHtml(recording[1]))
                        .append(" <code>").append(Encode.forHtml(recording[0])).append("</code></figcaption>")
                        .append("<audio controls preload=\"metadata\" src=\"").append(Encode.forHtml(recording[0]))
                        .append("\"></audio></figure>\n");
            }
        }
        if (!any) {
            h.append("<p class=\"none\" id=\"no-recordings\">No recordings beside this page (they are written with"
                    + " <code>--out DIR</code>).</p>\n");
        }
    }

    /** The truth-based measures and the agent's own (a live run's {@code measures} are its own). */
    private static void measures(StringBuilder h, JsonNode r, boolean replay) {
        h.append("<h2>Measures</h2>\n<table class=\"measures\" id=\"measures\">\n<thead><tr><th>measure</th>"
                + "<th>from</th><th>count</th><th>median ms</th><th>p95 ms</th><th>max ms</th></tr></thead>\n<tbody>\n");
        if (replay) {
            measureRows(h, r.path("measures"), "truth");
            measureRows(h, r.path("live_measures"), "live");
        } else {
            measureRows(h, r.path("measures"), "live");
        }
        if (r.path("measures").isEmpty() && r.path("live_measures").isEmpty()) {
            h.append("<tr class=\"none\"><td colspan=\"6\">none occurred (no turn was answered)</td></tr>\n");
        }
        h.append("</tbody>\n</table>\n");
    }

    private static void measureRows(StringBuilder h, JsonNode measures, String source) {
        measures.fields().forEachRemaining(e -> {
            JsonNode m = e.getValue();
            h.append("<tr class=\"measure ").append(source).append("\"><td>").append(Encode.forHtml(e.getKey()))
                    .append("</td><td>").append(source).append("</td><td>").append(m.path("count").asLong())
                    .append("</td><td>").append(number(m.path("median"))).append("</td><td>")
                    .append(number(m.path("p95"))).append("</td><td>").append(number(m.path("max")))
                    .append("</td></tr>\n");
        });
    }

    private static void expectations(StringBuilder h, JsonNode r) {
        JsonNode list = r.path("expectations");
        if (!list.isArray() || list.isEmpty()) {
            return;
        }
        h.append("<h2>Expectations</h2>\n<table class=\"expectations\" id=\"expectations\">\n<thead><tr><th>expect"
                + "</th><th>expected</th><th>actual</th><th>result</th></tr></thead>\n<tbody>\n");
        for (JsonNode e : list) {
            boolean passed = e.path("passed").asBoolean();
            h.append("<tr class=\"").append(passed ? "pass" : "fail").append("\"><td>")
                    .append(Encode.forHtml(e.path("expect").asText())).append("</td><td>")
                    .append(Encode.forHtml(plain(e.path("expected")))).append("</td><td>")
                    .append(Encode.forHtml(plain(e.path("actual")))).append("</td><td>")
                    .append(passed ? "pass" : "FAIL").append("</td></tr>\n");
        }
        h.append("</tbody>\n</table>\n");
    }

    /** A value as a person reads it: text without quotes, a list as its items, anything else as JSON. */
    static String plain(JsonNode v) {
        if (v.isArray()) {
            List<String> items = new ArrayList<>();
            v.forEach(item -> items.add(plain(item)));
            return "[" + String.join(", ", items) + "]";
        }
        return v.isTextual() ? v.asText() : v.isMissingNode() || v.isNull() ? "—" : v.toString();
    }

    private static String number(JsonNode v) {
        return v.isNumber() ? String.format(Locale.ROOT, "%.1f", v.asDouble()) : "—";
    }

    private static String json(JsonNode report) {
        try {
            return JSON.writeValueAsString(report);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree that cannot be written", e);
        }
    }

    private static final String CSS = """
            body{font:14px/1.4 system-ui,sans-serif;margin:1.5em;color:#222;max-width:1250px}
            h1{font-size:1.4em}h2{font-size:1.15em;margin-top:1.4em}
            table{border-collapse:collapse}td,th{padding:2px 10px;border-bottom:1px solid #ddd;text-align:left}
            .measures td:nth-child(n+3){text-align:right;font-variant-numeric:tabular-nums}
            .banner{padding:.6em 1em;font-weight:bold;border-radius:4px}
            .interrupted{background:#fde2c8;border:2px solid #d9822b;color:#7a3b00}
            tr.fail td{color:#b00020;font-weight:bold}tr.pass td:last-child{color:#1b7f3b}
            svg.timeline{width:100%;height:auto;border:1px solid #ccc;background:#fcfcfc}
            svg .lane-label{font-size:12px;fill:#333}svg .tick{font-size:10px;fill:#666}
            svg .grid{stroke:#e4e4e4;pointer-events:none}svg .lane-bg{fill:#f3f3f3}
            svg .seg.user{fill:#2e7dd7}svg .seg.background{fill:#9aa7b5}
            svg .seg.self_interruption{fill:#e0404a}svg .seg.false_detection{fill:#f0a030}svg .seg.live{fill:#2e7dd7}
            svg .truth{fill:#7bc47f}svg .truth.missed{fill:none;stroke:#e0404a;stroke-width:1.5}
            svg .utt{fill:#8c5bd6}svg .utt.scripted{fill:#c3a6ef}svg .cut{fill:#e0404a}
            svg .barge{fill:#e0404a}svg .barge.false-interruption{fill:#fff;stroke:#f0a030;stroke-width:2}
            svg .watch-made{fill:#555}svg .alert{fill:#d9822b}svg .intent{fill:#1b7f3b}svg .drop{fill:#b00020}
            svg [data-t]{cursor:pointer}
            .player{margin:.4em 0}.player audio{width:100%;max-width:700px;display:block}
            .legend span{margin-right:1.2em}.none{color:#666}
            """;

    /** Clicking a shape of the timeline moves the players to its time: hear what happened there. */
    private static final String SCRIPT = """
            document.querySelectorAll('svg.timeline [data-t]').forEach(function (shape) {
              shape.addEventListener('click', function () {
                var t = parseFloat(shape.getAttribute('data-t'));
                document.querySelectorAll('audio').forEach(function (a) { a.currentTime = t; });
              });
            });
            """;

    /**
     * Jackson's escapes for JSON inside {@code <script type="application/json">}: {@code <}, {@code >}
     * and {@code &} as {@code \}{@code u003c} and the like, so neither {@code </script>} nor {@code <!--} can
     * occur in the element, and U+2028/2029 escaped for old parsers. JSON has these characters only
     * inside strings, where the escapes mean the same characters: the parsed value is unchanged.
     */
    private static final class ScriptSafe extends CharacterEscapes {
        private final int[] escapes = CharacterEscapes.standardAsciiEscapesForJSON();

        ScriptSafe() {
            escapes['<'] = ESCAPE_STANDARD;
            escapes['>'] = ESCAPE_STANDARD;
            escapes['&'] = ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return escapes;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            // Only called for characters above ASCII; the line and paragraph separators need it.
            return ch == 0x2028 || ch == 0x2029 ? new com.fasterxml.jackson.core.io.SerializedString(String.format("\\u%04x", ch)) : null;
        }
    }
}
