package dev.vigil.launch;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.launch.testing.AgentRun;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.vigil.launch.testing.AgentRun.type;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console of a live {@code vigil run} configured in vigil.yaml ({@code console:} through
 * {@code --set}), on GStreamer devices that need no sound server or camera (a silent test source, a
 * fake sink): the configured token is not printed; without it nothing changes, with it a watch made
 * over HTTP is the agent's (its {@code watch_created} on the event stream, in the list), and a run
 * without a camera has no frame to serve (204). Frames and firing are {@code ConsoleBrowserTest}'s.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ConsoleRunTest {

    private static final String TOKEN = "run-console-token-0123456789";
    private static final Pattern ADDRESS = Pattern.compile("vigil: console at http://127\\.0\\.0\\.1:(\\d+)/\\?token=<console\\.token>");

    private static Process agent;
    private static AgentRun run;
    private static Path log;

    @BeforeAll
    static void startTheAgentWithItsConsole() throws Exception {
        Path dir = Files.createTempDirectory("vigil-console-run-");
        Path events = dir.resolve("events.jsonl");
        log = dir.resolve("agent.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "-Dvigil.home=" + Cli.project(), "dev.vigil.launch.Vigil", "run",
                "--mic", "audiotestsrc is-live=true wave=silence",
                "--speaker", "fakesink sync=true",
                "--set", "console.enabled=true", "--set", "console.port=0", "--set", "console.token=" + TOKEN,
                "--events", events.toString(), "--quiet")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        agent = builder.start();
        run = new AgentRun(agent, events, log);
        run.await("the agent listening", e -> type(e, "started"), 180);
    }

    @AfterAll
    static void stopEverything() throws Exception {
        if (agent != null && agent.isAlive()) {
            agent.destroyForcibly();
        }
    }

    @Test
    void aWatchMadeAndCancelledOverTheConsoleIsTheAgents() throws Exception {
        String said = Files.readString(log);
        assertThat(said).doesNotContain(TOKEN);
        Matcher m = ADDRESS.matcher(said);
        assertThat(m.find()).as(said).isTrue();
        String base = "http://127.0.0.1:" + m.group(1);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String body = "{\"request\": \"tell me when the screen says ready\"}";

        HttpResponse<String> refused = http.send(HttpRequest.newBuilder(URI.create(base + "/api/watches"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(401);
        HttpResponse<String> made = http.send(HttpRequest.newBuilder(URI.create(base + "/api/watches"))
                .header("Authorization", "Bearer " + TOKEN).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
        assertThat(made.body()).contains("text shows \\\"READY\\\"");

        JsonNode created = run.await("the console's watch on the event stream", e -> type(e, "watch_created")
                && e.get("text").asText().equals("tell me when the screen says ready"), 30);
        assertThat(created.get("condition").asText()).isEqualTo("text shows \"READY\"");
        HttpResponse<String> list = http.send(HttpRequest.newBuilder(URI.create(base + "/api/watches")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(list.statusCode()).as("loopback reads without the token").isEqualTo(200);
        assertThat(list.body()).contains("tell me when the screen says ready");

        HttpResponse<String> cancelled = http.send(HttpRequest.newBuilder(URI.create(base + "/api/watches/"
                        + created.get("id").asText() + "/cancel")).header("Authorization", "Bearer " + TOKEN)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(cancelled.statusCode()).isEqualTo(200);
        run.await("the cancel on the event stream", e -> type(e, "watch_cancelled"), 30);

        HttpResponse<byte[]> frame = http.send(HttpRequest.newBuilder(URI.create(base + "/frame.jpg")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(frame.statusCode()).isEqualTo(204);
    }
}
