package dev.vigil.launch;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue "sees and speaks up on its own": {@code scenarios/elevator.yaml} replayed by the CLI at full
 * speed — a watch asked for in free speech, an elevator display read by PP-OCRv4 from generated
 * frames, the robot cutting its own long answer to say it has reached floor 16.
 */
class WatchesAcceptanceTest {

    @TempDir
    Path dir;

    @Test
    void theElevatorWatchFiresOnceAtSixteenAndCutsTheRobotsAnswer() throws Exception {
        Path report = dir.resolve("report.json");
        Cli result = Cli.run("replay", Cli.project().resolve("scenarios/elevator.yaml").toString(), "--report",
                report.toString());
        assertThat(result.exit()).as("exit code; output:\n" + result.out() + result.err()).isZero();
        JsonNode r = Cli.report(report);
        JsonNode watch = r.at("/watches/0");
        assertThat(r.get("watches").size()).isEqualTo(1);
        assertThat(watch.get("condition").asText()).isEqualTo("text shows \"16\"");
        assertThat(watch.get("times_fired").asInt()).isEqualTo(1);
        assertThat(watch.get("fired_s").asDouble()).as("not before the display shows 16").isGreaterThanOrEqualTo(19.5);
        assertThat(watch.get("false_alarm").asBoolean()).isFalse();
        assertThat(r.get("false_alarms").asInt()).isZero();
        assertThat(r.at("/measures/watch_latency_ms/count").asInt()).isEqualTo(1);
        assertThat(r.at("/measures/watch_latency_ms/median").asDouble()).isPositive().isLessThan(1500);
        assertThat(r.at("/observations_summary/ocr/frames").asLong()).isGreaterThan(20);
        assertThat(r.at("/processing/vision_ms/ocr/count").asLong()).isEqualTo(r.at("/observations_summary/ocr/frames").asLong());
        List<JsonNode> utterances = new ArrayList<>();
        r.get("utterances").forEach(utterances::add);
        assertThat(utterances).anySatisfy(u -> {
            assertThat(u.get("text").asText()).startsWith("I can move forward");
            assertThat(u.get("truncated").asBoolean()).as("the alert cut the answer").isTrue();
        });
        assertThat(utterances).anySatisfy(u -> assertThat(u.get("text").asText()).isEqualTo("We've reached floor 16."));
        List<JsonNode> intents = new ArrayList<>();
        r.get("intents").forEach(intents::add);
        assertThat(intents).filteredOn(i -> i.get("intent").asText().equals("watch_fired")).singleElement()
                .satisfies(i -> assertThat(i.get("source").asText()).isEqualTo("__myself__"));
    }
}
