package dev.vigil.launch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The event stream of a whole conversation (docs/events.md), through the command a user runs. */
class EventsAcceptanceTest {

    private static final Set<String> MEDIA = Set.of("voice_started", "voice_stopped", "transcript", "intent",
            "utterance_started", "utterance_played", "barge_in", "false_interruption", "robot_speaking");

    @TempDir
    Path dir;

    @Test
    void theDemoConversationAsAnEventStream() throws Exception {
        Path file = dir.resolve("events.jsonl");
        Cli result = Cli.run("replay", Cli.project().resolve("scenarios/demo.yaml").toString(), "--events", file.toString());
        // The stream is what is checked here, not the demo's expectations (exit 1 would say one failed).
        assertThat(result.exit()).as(result.out() + result.err()).isIn(0, 1);

        ObjectMapper json = new ObjectMapper();
        List<JsonNode> events = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            events.add(json.readTree(line));
        }
        assertThat(events.get(0).get("type").asText()).isEqualTo("started");
        assertThat(events.get(0).get("version").asText()).isEqualTo(Agent.VERSION);
        assertThat(events.get(0).get("wall_time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(events.get(events.size() - 1).get("type").asText()).isEqualTo("stopped");

        double last = -1;
        for (JsonNode e : events) {
            assertThat(e.get("t_s").asDouble()).as("t_s never decreases: %s", e).isGreaterThanOrEqualTo(last);
            last = e.get("t_s").asDouble();
            if (MEDIA.contains(e.get("type").asText())) {
                assertThat(e.has("media_t_s")).as("media event %s", e).isTrue();
            }
        }
        assertThat(events).extracting(e -> e.get("type").asText()).contains("voice_started", "voice_stopped",
                "transcript", "intent", "utterance_started", "utterance_played", "barge_in", "false_interruption");

        JsonNode move = events.stream().filter(e -> e.get("type").asText().equals("intent")
                && e.get("intent").asText().equals("move")).findFirst().orElseThrow();
        assertThat(move.get("data").isObject()).as("data is a JSON object in the stream").isTrue();
        assertThat(move.get("data").get("direction").asText()).isEqualTo("forward");
        for (String field : List.of("source", "modality", "priority", "confidence")) {
            assertThat(move.has(field)).as(field).isTrue();
        }
        JsonNode transcript = events.stream().filter(e -> e.get("type").asText().equals("transcript")
                && e.get("is_final").asBoolean()).findFirst().orElseThrow();
        assertThat(transcript.has("text") && transcript.has("confidence")).isTrue();
        JsonNode cut = events.stream().filter(e -> e.get("type").asText().equals("utterance_played")
                && e.get("truncated").asBoolean()).findFirst().orElseThrow();
        assertThat(cut.get("played_text").asText()).isNotEqualTo(cut.get("text").asText());
        assertThat(cut.get("id").asText()).startsWith("robot-");
        // Every utterance that was played had started first.
        for (JsonNode played : events.stream().filter(e -> e.get("type").asText().equals("utterance_played")).toList()) {
            assertThat(events.subList(0, events.indexOf(played))).anySatisfy(s -> {
                assertThat(s.get("type").asText()).isEqualTo("utterance_started");
                assertThat(s.get("id").asText()).isEqualTo(played.get("id").asText());
            });
        }
    }
}
