package dev.vigil.launch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Issue 11's acceptance for the live web console: {@code vigil replay scenarios/elevator.yaml --speed
 * realtime --console --console-port 0}, as a process of its own, and headless Chromium (Debian's
 * {@code chromium}, driven by the pinned {@code playwright-core}) on the printed address while it
 * plays: the lanes fill, a transcript and an intent appear, the camera's frame shows, a watch made
 * from the page ("tell me when the display shows 17": the display reaches 17 at 27 s) fires, another
 * is cancelled with its button, and
 * malformed WebSocket messages sent from the page are ignored and counted in the run's
 * {@code vigil.inputs.rejected{input=console}}. The screenshot is kept as
 * {@code target/console-page.png}, what the page showed as {@code target/console-page.json}.
 */
class ConsoleBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ADDRESS = Pattern.compile("vigil: console at (http://127\\.0\\.0\\.1:\\d+/\\?token=[A-Za-z0-9_-]{32})");
    private static final String REQUEST = "tell me when the display shows 17";

    @Test
    void aWatchMadeFromThePageFiresWhileTheLanesTranscriptsAndIntentsGoOn(@TempDir Path tmp) throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "no " + CHROMIUM + ": apt-get install chromium (./vigil test does)");
        assumeTrue(ReportPageBrowserTest.onPath("npm") && ReportPageBrowserTest.onPath("node"),
                "no node/npm on the PATH: the browser is driven by playwright-core");
        Path driver = ReportPageBrowserTest.installDriver();

        Path out = tmp.resolve("out");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // No warm-up run: the test wants the scenario's 30 s, not a minute.
        Process replay = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "-Dvigil.home=" + Cli.project(), "-Dvigil.warmup=false", "dev.vigil.launch.Vigil", "replay",
                Cli.project().resolve("scenarios/elevator.yaml").toString(), "--speed", "realtime",
                "--console", "--console-port", "0", "--out", out.toString())
                .redirectErrorStream(true).start();
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<String> address = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(replay.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    log.add(line);
                    Matcher m = ADDRESS.matcher(line);
                    if (m.find()) {
                        address.complete(m.group(1));
                    }
                }
            } catch (java.io.IOException e) {
                address.completeExceptionally(e);
            }
            address.completeExceptionally(new AssertionError("the replay printed no console address"));
        }, "replay-output");
        reader.setDaemon(true);
        reader.start();
        try {
            String url = address.get(120, TimeUnit.SECONDS);
            Path screenshot = Path.of("target", "console-page.png").toAbsolutePath();
            Files.deleteIfExists(screenshot);
            String seen = ReportPageBrowserTest.run(new ProcessBuilder("node", "check-console.js", url,
                    screenshot.toString(), REQUEST).directory(driver.toFile()), 150);
            Files.writeString(Path.of("target", "console-page.json"), seen);
            JsonNode page = JSON.readTree(seen);

            assertThat(page.path("errors")).as("browser errors; replay said:\n" + String.join("\n", log)).isEmpty();
            // Nothing but the console itself: its pages, its WebSocket and the frames' blob URLs.
            page.path("requests").forEach(u -> assertThat(u.asText().replaceFirst("^blob:", ""))
                    .matches("(http|ws)://127\\.0\\.0\\.1:\\d+/.*"));
            assertThat(page.path("addressAfterLoad").asText()).as("the token leaves the address bar").doesNotContain("token");
            assertThat(page.path("watchError").asText()).isEmpty();
            assertThat(page.path("lanesEarly").get(0).asInt()).as("listen lane").isPositive();
            assertThat(page.path("lanesEarly").get(1).asInt()).as("speak lane").isPositive();
            assertThat(page.path("lanes").path("listen").asInt()).isGreaterThan(page.path("lanesEarly").get(0).asInt() - 1);
            assertThat(page.path("lanes").path("perceive").asInt()).as("perceive lane").isPositive();
            assertThat(page.path("transcripts").toString()).containsIgnoringCase("floor");
            assertThat(page.path("intents").size()).isPositive();
            assertThat(page.path("frameShown").asBoolean()).as("the camera's frame (%s frames fetched; steps %s)",
                    page.path("framesFetched"), page.path("steps")).isTrue();
            assertThat(page.path("seen").asText()).as("what vision read, drawn on the frame").isNotEmpty();
            assertThat(page.path("latencyRows").toString()).contains("voice_to_voice_ms");
            assertThat(page.path("htmlInjected").asInt()).isZero();
            assertThat(page.path("stillLive").asBoolean()).as("the feed survived the malformed messages").isTrue();
            JsonNode made = null;
            for (JsonNode w : page.path("watches")) {
                if (w.path("cells").get(1).asText().equals(REQUEST)) {
                    made = w;
                }
            }
            assertThat(made).as("the page's watch in " + page.path("watches")).isNotNull();
            assertThat(made.path("cells").get(2).asText()).isEqualTo("text shows \"17\"");
            assertThat(made.path("state").asText()).as("the page's watch fired").isEqualTo("fired");
            assertThat(page.path("cancelled").asText()).as("a watch cancelled from the page").isEqualTo("cancelled");
            assertThat(screenshot).isNotEmptyFile();

            assertThat(replay.waitFor(90, TimeUnit.SECONDS)).as("the replay ends").isTrue();
            JsonNode report = JSON.readTree(out.resolve("report.json").toFile());
            JsonNode fired = null;
            for (JsonNode w : report.path("watches")) {
                if (w.path("text").asText().equals(REQUEST)) {
                    fired = w;
                }
            }
            assertThat(fired).as("report watches " + report.path("watches")).isNotNull();
            assertThat(fired.path("fired_s").asDouble()).isBetween(27.0, 30.0);
            boolean cancelledInReport = false;
            for (JsonNode w : report.path("watches")) {
                cancelledInReport |= w.path("text").asText().equals("tell me when the light is green")
                        && !w.path("cancelled_s").isNull() && w.path("fired_s").isNull();
            }
            assertThat(cancelledInReport).as("report watches " + report.path("watches")).isTrue();
            assertThat(report.path("telemetry").path("vigil.inputs.rejected{input=console}").asLong())
                    .as("telemetry " + report.path("telemetry")).isEqualTo(3);
        } finally {
            if (replay.isAlive()) {
                replay.destroyForcibly();
            }
        }
    }
}
