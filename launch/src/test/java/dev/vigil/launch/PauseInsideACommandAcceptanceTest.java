package dev.vigil.launch;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Issue "Floor control that holds in real rooms", item 4 (end of turn from meaning), through the
 * command a user runs, at full speed: pauses of 0.3, 0.5 and 0.8 s inside "go forward ten meters" and
 * "turn to the left" (flite voices, and the real human recording cut at its word gap) each give one
 * intent with all its roles, published after the user finished; no motion intent from a fragment.
 */
class PauseInsideACommandAcceptanceTest {

    @TempDir
    Path dir;

    @Test
    void oneIntentWithAllItsRolesPerCommandAfterTheUserFinished() throws Exception {
        assumeTrue(Files.isRegularFile(Path.of("/usr/share/pocketsphinx/test/data/goforward.raw")),
                "Debian package pocketsphinx-testdata is not installed");
        Path report = dir.resolve("pauses.json");
        Cli result = Cli.run("replay", Cli.project().resolve("scenarios/pauses.yaml").toString(), "--report", report.toString());
        JsonNode r = Cli.report(report);
        assertThat(result.exit()).as("every expectation of pauses.yaml; report:\n" + r.get("expectations")
                + "\ntranscripts: " + r.get("transcripts") + "\nintents: " + r.get("intents")).isZero();

        List<JsonNode> truth = list(r.get("truth_segments"));
        List<JsonNode> intents = list(r.get("intents"));
        assertThat(truth).as("two parts per command").hasSize(18);
        assertThat(intents).extracting(i -> i.get("intent").asText())
                .as("one intent per command, none from a fragment")
                .containsExactly("move", "turn", "move", "turn", "move", "turn", "move", "move", "move");
        for (int k = 0; k < intents.size(); k++) {
            JsonNode intent = intents.get(k);
            double finished = truth.get(2 * k + 1).get("end_s").asDouble();
            double nextCommand = 2 * k + 2 < truth.size() ? truth.get(2 * k + 2).get("start_s").asDouble() : Double.MAX_VALUE;
            assertThat(intent.get("t_s").asDouble()).as("%s published after the user finished (%.2f s)", intent, finished)
                    .isGreaterThan(finished).isLessThan(nextCommand);
            String roles = intent.get("data").toString();
            assertThat(roles).isEqualTo(intent.get("intent").asText().equals("move")
                    ? "{\"direction\":\"forward\",\"distance\":10}" : "{\"direction\":\"left\"}");
        }
        // Joined, "go forward ten meters" cannot grow: answered at once; "turn to the left" could still
        // get an angle: answered after the extension window.
        assertThat(r.at("/measures/voice_to_voice_final_ms/count").asInt()).isEqualTo(6);
        assertThat(r.at("/measures/voice_to_voice_extendable_ms/count").asInt()).isEqualTo(3);
        // The agent's own figure, without the scenario's truth: one per answered turn too.
        assertThat(r.at("/live_measures/voice_to_voice_ms/count").asInt()).isEqualTo(9);
        // …and close to the truth-based figure (issue "See what the agent is doing": within 50 ms,
        // median): the live turn starts at the front end's estimate of the end of speech.
        assertThat(r.at("/live_measures/voice_to_voice_ms/median").asDouble())
                .isCloseTo(r.at("/measures/voice_to_voice_ms/median").asDouble(), org.assertj.core.data.Offset.offset(50.0));
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        array.forEach(out::add);
        return out;
    }
}
