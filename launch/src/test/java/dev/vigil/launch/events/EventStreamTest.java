package dev.vigil.launch.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The JSON Lines sink: one object per line, in order, the documented leading keys, nothing lost. */
class EventStreamTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void eachEventIsOneLineWithTypeTimeAndMediaTimeFirst() throws Exception {
        Path file = dir.resolve("sub/events.jsonl");
        try (JsonLinesSink sink = JsonLinesSink.toFile(file)) {
            sink.accept(AgentEvent.of("started", 0).with("version", "0.1.0").build());
            sink.accept(AgentEvent.of("voice_started", 1.25).media(1_000_000_000L).with("probability", 0.9).build());
            sink.accept(AgentEvent.of("intent", 2.5).with("data", JSON.readTree("{\"direction\":\"forward\"}")).build());
        }
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(3);
        assertThat(lines.get(1)).startsWith("{\"type\":\"voice_started\",\"t_s\":1.25,\"media_t_s\":1.0,");
        assertThat(JSON.readTree(lines.get(2)).at("/data/direction").asText()).isEqualTo("forward");
        assertThat(JSON.readTree(lines.get(0)).has("media_t_s")).as("not a media event").isFalse();
    }

    @Test
    void linesAreFlushedAsTheyComeNotAtClose() throws Exception {
        Path file = dir.resolve("live.jsonl");
        JsonLinesSink sink = JsonLinesSink.toFile(file);
        try {
            sink.accept(AgentEvent.of("started", 0).build());
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (Files.size(file) == 0 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(Files.readAllLines(file)).hasSize(1);
        } finally {
            sink.close();
        }
    }

    @Test
    void manyEventsKeepTheirOrder() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonLinesSink sink = JsonLinesSink.toStream(out, "memory")) {
            for (int i = 0; i < 5000; i++) {
                sink.accept(AgentEvent.of("transcript", i / 100.0).with("text", "w" + i).build());
            }
        }
        List<JsonNode> events = new ArrayList<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            events.add(JSON.readTree(line));
        }
        assertThat(events).hasSize(5000);
        for (int i = 0; i < events.size(); i++) {
            assertThat(events.get(i).get("text").asText()).isEqualTo("w" + i);
        }
    }

    @Test
    void anUnwritableTargetIsOneLineNamingIt() {
        Path blocker = dir.resolve("a-file");
        assertThatThrownBy(() -> {
            Files.writeString(blocker, "x");
            JsonLinesSink.toFile(blocker.resolve("events.jsonl"));
        }).hasMessageStartingWith("events file " + blocker.resolve("events.jsonl") + ": cannot write")
                .hasMessageNotContaining("\n");
    }

    @Test
    void theProviderServesStandardOutputAndFiles() throws Exception {
        try (EventSink sink = EventSinkProvider.openFirst(dir.resolve("e.jsonl").toString())) {
            assertThat(sink).isInstanceOf(JsonLinesSink.class);
        }
        assertThat(EventSinkProvider.all()).isNotEmpty();
    }
}
