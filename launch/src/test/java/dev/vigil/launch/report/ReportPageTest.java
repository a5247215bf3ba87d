package dev.vigil.launch.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class ReportPageTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HOSTILE = "</script><img src=x onerror=alert(1)><!-- & \"quoted\" 'single' \u2028";

    /** A small replay report, as report.json has it. */
    private static ObjectNode replay() throws Exception {
        return (ObjectNode) JSON.readTree("""
                {"scenario": "tiny", "speed": "max", "aec": true, "respond": true, "duration_s": 12.0,
                 "voice_segments": [
                   {"start_s": 1.0, "end_s": 2.0, "detected_at_s": 1.1, "stopped_at_s": 2.3,
                    "during_robot_speech": false, "kind": "user"},
                   {"start_s": 5.0, "end_s": 5.5, "detected_at_s": 5.1, "stopped_at_s": 5.8,
                    "during_robot_speech": true, "kind": "self_interruption"}],
                 "truth_segments": [{"start_s": 1.0, "end_s": 1.9, "detected": true, "coverage": 1.0},
                                    {"start_s": 8.0, "end_s": 8.5, "detected": false, "coverage": 0.0}],
                 "measures": {"voice_to_voice_ms": {"count": 1, "median": 400.0, "p95": 400.0, "max": 400.0},
                              "barge_in_stop_ms": {"count": 0, "median": null, "p95": null, "max": null}},
                 "live_measures": {"voice_to_voice_ms": {"count": 1, "median": 336.0, "p95": 336.0, "max": 336.0}},
                 "dropped_audio_ms": 20.0,
                 "utterances": [{"id": "robot-1", "t_start_s": 2.4, "t_end_s": 6.0, "text": "placeholder",
                                 "played_text": "placeholder", "played_ms": 3600, "truncated": true}],
                 "intents": [{"intent": "greet", "data": {}, "source": "user", "modality": "speech", "priority": 1,
                              "confidence": 0.9, "t_s": 2.3}],
                 "barge_ins": [{"t_s": 5.2, "stop_ms": null, "false_interruption": true, "utterance_id": "robot-1"}],
                 "watches": [{"id": "w1", "text": "tell me", "condition": "text shows \\"16\\"", "created_s": 3.0,
                              "fired_s": 9.0, "times_fired": 1, "latency_ms": 200.0, "false_alarm": false}],
                 "audio_drops": [{"t_s": 7.0, "ms": 20.0, "lane": "vigil.audio.frames"}],
                 "expectations": [{"expect": "intent", "expected": "greet", "actual": ["greet @2.3"], "passed": true},
                                  {"expect": "self_interruptions", "expected": 0, "actual": 1, "passed": false}],
                 "passed": false, "interrupted": false}
                """);
    }

    @Test
    void hostileTextStaysTextAndTheEmbeddedReportParsesBackUnchanged() throws Exception {
        ObjectNode report = replay();
        report.put("scenario", HOSTILE);
        ((ObjectNode) report.get("utterances").get(0)).put("text", HOSTILE).put("played_text", HOSTILE);
        ((ObjectNode) report.get("expectations").get(0)).put("expected", HOSTILE);
        ((ObjectNode) report.get("voice_segments").get(0)).put("kind", "x\" onmouseover=\"alert(1)");

        String html = ReportPage.render(report, Set.of());

        // Only the page's own two scripts end; no element the text spelled out exists.
        assertThat(Pattern.compile("</script>", Pattern.CASE_INSENSITIVE).matcher(html).results().count()).isEqualTo(2);
        assertThat(html).doesNotContain("<img").doesNotContain("<!--");
        // The OWASP encoder's spelling: &#34; for a double quote, &#39; for a single one.
        assertThat(html).contains("class=\"seg x&#34; onmouseover=&#34;alert(1)\"");
        assertThat(html).contains("&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;&lt;!-- &amp; &#34;quoted&#34;"
                + " &#39;single&#39;");
        Matcher data = Pattern.compile("<script type=\"application/json\" id=\"report-data\">(.*?)</script>",
                Pattern.DOTALL).matcher(html);
        assertThat(data.find()).isTrue();
        assertThat(data.group(1)).doesNotContain("<").doesNotContain(">").doesNotContain("&").doesNotContain("\u2028");
        assertThat(JSON.readTree(data.group(1))).isEqualTo(report);
    }

    @Test
    void drawsEveryLaneWithItsShapesAndTheTables() throws Exception {
        String html = ReportPage.render(replay(), Set.of("mic.wav", "robot.wav", "mix.wav"));

        for (String lane : new String[] {"voice", "truth", "robot", "barge", "watch", "intent", "drop"}) {
            assertThat(html).contains("data-lane=\"" + lane + "\"");
        }
        assertThat(html).contains("class=\"seg user\"").contains("class=\"seg self_interruption\"")
                .contains("class=\"truth missed\"").contains("class=\"utt truncated\"").contains("class=\"cut\"")
                .contains("class=\"barge false-interruption\"").contains("class=\"alert\"")
                .contains("class=\"drop\"");
        assertThat(html).contains("<tr class=\"measure truth\"><td>voice_to_voice_ms</td><td>truth</td><td>1</td>"
                + "<td>400.0</td>");
        assertThat(html).contains("<tr class=\"measure live\"><td>voice_to_voice_ms</td><td>live</td><td>1</td>"
                + "<td>336.0</td>");
        assertThat(html).contains("<tr class=\"fail\"><td>self_interruptions</td>");
        assertThat(html).contains("src=\"mic.wav\"").contains("src=\"robot.wav\"").contains("src=\"mix.wav\"");
        assertThat(html).doesNotContain("id=\"interrupted\"");
    }

    @Test
    void anInterruptedRunIsMarked() throws Exception {
        ObjectNode report = replay().put("interrupted", true).put("duration_s", 6.4);

        String html = ReportPage.render(report, Set.of());

        assertThat(html).contains("<p class=\"banner interrupted\" id=\"interrupted\">Interrupted: the run was cut"
                + " short at 6.4 s").contains("<tr><th>result</th><td>interrupted</td></tr>");
    }

    @Test
    void writesPlayersOnlyForTheRecordingsBesideIt(@TempDir Path dir) throws Exception {
        Files.write(dir.resolve("mic.wav"), new byte[44]);

        ReportPage.write(replay(), dir.resolve("report.html"));
        String html = Files.readString(dir.resolve("report.html"));

        assertThat(html).contains("src=\"mic.wav\"").doesNotContain("robot.wav\"").doesNotContain("mix.wav\"");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("mic.wav", "report.html");
        }
    }

    @Test
    void withoutRecordingsSaysSoAndHasNoPlayers() throws Exception {
        String html = ReportPage.render(replay(), Set.of());

        assertThat(html).doesNotContain("<audio").contains("id=\"no-recordings\"");
    }

    @Test
    void aLiveRunsMeasuresAreItsOwnAndItHasNoTruthLane() throws Exception {
        JsonNode live = JSON.readTree("""
                {"started_at": "2026-12-02T05:00:00Z", "duration_s": 30.0, "stop_reason": "SIGINT",
                 "microphone": "pulsesrc device=<x>", "speaker": "autoaudiosink", "aec": true,
                 "voice_segments": [{"start_s": 1.0, "end_s": 2.0, "detected_at_s": 1.1, "stopped_at_s": 2.3,
                                     "during_robot_speech": false}],
                 "measures": {"voice_to_voice_ms": {"count": 1, "median": 350.0, "p95": 350.0, "max": 350.0}},
                 "dropped_audio_ms": 0.0, "utterances": [], "intents": [], "barge_ins": [], "audio_drops": []}
                """);

        String html = ReportPage.render(live, Set.of("mic.wav", "robot.wav"));

        assertThat(html).doesNotContain("data-lane=\"truth\"").contains("class=\"seg live\"")
                .contains("<tr class=\"measure live\"><td>voice_to_voice_ms</td><td>live</td>")
                .doesNotContain("class=\"measure truth\"").contains("pulsesrc device=&lt;x&gt;");
    }

    @Test
    void aRunWithoutMeasuresSaysSo() throws Exception {
        ObjectNode report = replay();
        report.putObject("measures");
        report.putObject("live_measures");

        assertThat(ReportPage.render(report, Set.of())).contains("<tr class=\"none\"><td colspan=\"6\">none occurred");
    }

    @Test
    void thePageGoesBesideTheReport() {
        assertThat(ReportPage.besideReport(Path.of("out/report.json"))).isEqualTo(Path.of("out/report.html"));
        assertThat(ReportPage.besideReport(Path.of("r"))).isEqualTo(Path.of("r.html"));
        assertThat(ReportPage.besideReport(Path.of("a.b/run.1.json"))).isEqualTo(Path.of("a.b/run.1.html"));
    }
}
