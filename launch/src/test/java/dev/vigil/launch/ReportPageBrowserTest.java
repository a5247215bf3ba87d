package dev.vigil.launch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Issue 11's acceptance for the report page: a real full-speed replay writes report.html with its
 * recordings, and headless Chromium (Debian's {@code chromium}, driven by the pinned
 * {@code playwright-core} of {@code src/test/browser/}) opens it from the file system: the timeline's
 * lanes hold a shape for every segment, utterance, barge-in and intent of report.json, the measures
 * table has their rows, every player loads its recording, nothing is fetched from a network and the
 * console stays clean. The screenshot is kept as {@code target/report-page.png}. The same driver
 * ({@link #installDriver}) opens the live console in {@code ConsoleBrowserTest}.
 */
class ReportPageBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * A short conversation with each lane's kind of event: a question whose long answer takes a small
     * noise (a false interruption) and then a "stop" (a real barge-in that cuts it).
     */
    private static final String SCENARIO = """
            name: report-page
            mic:
              - {at: 1.0, say: "what can you do", voice: rms}
              - {at: 5.0, say: "mm hmm", voice: rms}
              - {at: 9.0, say: "stop", voice: slt}
            echo: {delay_ms: 40, gain_db: -6}
            duration: 12
            expect:
              - intent: what_can_you_do
                within: [1, 5]
              - intent: stop
                within: [9, 12]
            """;

    @Test
    void theReplaysPageOpensFromTheFileSystemWithItsTimelineTablesAndPlayers(@TempDir Path tmp) throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "no " + CHROMIUM + ": apt-get install chromium (./vigil test does)");
        assumeTrue(onPath("npm") && onPath("node"), "no node/npm on the PATH: the browser is driven by playwright-core");
        Path driver = installDriver();

        Path scenario = tmp.resolve("report-page.yaml");
        Files.writeString(scenario, SCENARIO);
        Path out = tmp.resolve("out");
        Cli replay = Cli.run("replay", scenario.toString(), "--speed", "max", "--out", out.toString());
        assertThat(replay.exit()).as(replay.out() + replay.err()).isEqualTo(Vigil.OK);
        JsonNode report = Cli.report(out.resolve("report.json"));

        Path screenshot = Path.of("target", "report-page.png").toAbsolutePath();
        Files.deleteIfExists(screenshot);
        ProcessBuilder open = new ProcessBuilder("node", "check-report.js", out.resolve("report.html").toString(),
                screenshot.toString()).directory(driver.toFile());
        JsonNode page = JSON.readTree(run(open, 60));

        assertThat(page.path("errors")).as("console errors").isEmpty();
        page.path("requests").forEach(url -> assertThat(url.asText()).startsWith("file://"));
        List<String> lanes = new ArrayList<>();
        page.path("lanes").forEach(l -> lanes.add(l.path("lane").asText()));
        assertThat(lanes).containsExactly("voice", "truth", "robot", "barge", "watch", "intent", "drop");
        page.path("lanes").forEach(l -> assertThat(l.path("titled").asInt()).as("hover titles in " + l)
                .isEqualTo(l.path("shapes").asInt()));
        assertThat(page.path("axisTicks").asInt()).isGreaterThanOrEqualTo(5);

        assertThat(report.path("voice_segments").size()).isGreaterThanOrEqualTo(3);
        assertThat(page.path("voiceShapes").asInt()).isEqualTo(report.path("voice_segments").size());
        assertThat(page.path("truthShapes").asInt()).isEqualTo(report.path("truth_segments").size());
        assertThat(page.path("utteranceShapes").asInt()).isEqualTo(report.path("utterances").size()).isPositive();
        assertThat(page.path("truncatedShapes").asInt()).isEqualTo(count(report.path("utterances"), "truncated"))
                .isEqualTo(page.path("cutMarks").asInt()).isPositive();
        assertThat(page.path("bargeShapes").asInt()).isEqualTo(report.path("barge_ins").size()).isPositive();
        assertThat(page.path("falseInterruptionShapes").asInt())
                .isEqualTo(count(report.path("barge_ins"), "false_interruption"));
        assertThat(page.path("intentShapes").asInt()).isEqualTo(report.path("intents").size());

        Map<String, String> counts = new HashMap<>();
        page.path("measureRows").forEach(row -> counts.put(row.get(1).asText() + " " + row.get(0).asText(),
                row.get(2).asText()));
        report.path("measures").fields().forEachRemaining(m -> assertThat(counts.get("truth " + m.getKey()))
                .isEqualTo(m.getValue().path("count").asText()));
        report.path("live_measures").fields().forEachRemaining(m -> assertThat(counts.get("live " + m.getKey()))
                .isEqualTo(m.getValue().path("count").asText()));
        assertThat(counts).containsKeys("truth voice_to_voice_ms", "live voice_to_voice_ms");
        assertThat(page.path("expectationRows").asInt()).isEqualTo(report.path("expectations").size());
        assertThat(page.path("interruptedBanner").asBoolean()).isFalse();

        List<String> sources = new ArrayList<>();
        double duration = report.path("duration_s").asDouble();
        for (JsonNode audio : page.path("audio")) {
            sources.add(audio.path("src").asText());
            assertThat(audio.path("error").isNull()).as(audio.toString()).isTrue();
            assertThat(audio.path("readyState").asInt()).as(audio.toString()).isGreaterThanOrEqualTo(1);
            assertThat(audio.path("duration").asDouble()).as(audio.toString()).isCloseTo(duration,
                    org.assertj.core.data.Offset.offset(0.1));
        }
        assertThat(sources).containsExactly("mic.wav", "robot.wav", "mix.wav");
        assertThat(page.path("embedded").path("scenario").asText()).isEqualTo("report-page");
        assertThat(page.path("embedded").path("utterances")).hasSameSizeAs(report.path("utterances"));
        assertThat(screenshot).isNotEmptyFile();
    }

    /**
     * playwright-core as pinned by src/test/browser/package-lock.json, installed with {@code npm ci}
     * into target/ once (again only when the lock file changes), beside the check script.
     */
    static Path installDriver() throws Exception {
        Path source = Path.of("src", "test", "browser");
        Path driver = Path.of("target", "report-page-browser").toAbsolutePath();
        Files.createDirectories(driver);
        String lock = Files.readString(source.resolve("package-lock.json"));
        Path installed = driver.resolve("node_modules").resolve(".package-lock.json");
        boolean current = Files.exists(driver.resolve("package-lock.json"))
                && Files.readString(driver.resolve("package-lock.json")).equals(lock) && Files.exists(installed);
        for (String file : new String[] {"package.json", "package-lock.json", "check-report.js", "check-console.js"}) {
            Files.copy(source.resolve(file), driver.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        if (!current) {
            Path cache = Path.of("target", "npm-cache").toAbsolutePath();
            run(new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund", "--cache", cache.toString())
                    .directory(driver.toFile()), 120);
        }
        return driver;
    }

    /** Runs to the end; its standard output, or a failure with everything it said. */
    static String run(ProcessBuilder command, long seconds) throws Exception {
        Path err = Files.createTempFile("vigil-browser-", ".err");
        try {
            Process p = command.redirectError(err.toFile()).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(String.join(" ", command.command()) + ": still running after " + seconds + " s");
            }
            String stdout = new String(out, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new AssertionError(String.join(" ", command.command()) + " exited " + p.exitValue() + ":\n"
                        + stdout + Files.readString(err));
            }
            return stdout;
        } finally {
            Files.deleteIfExists(err);
        }
    }

    static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    private static int count(JsonNode list, String flag) {
        int n = 0;
        for (JsonNode item : list) {
            n += item.path(flag).asBoolean() ? 1 : 0;
        }
        return n;
    }
}
