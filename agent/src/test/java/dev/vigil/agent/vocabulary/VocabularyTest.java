package dev.vigil.agent.vocabulary;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VocabularyTest {

    @Test
    void theBuiltInVocabularyHasEveryFrameDirectionAndPlace() {
        Vocabulary v = Vocabulary.builtIn();
        assertThat(v.verbs().keySet()).containsExactlyInAnyOrderElementsOf(Vocabulary.FRAMES);
        assertThat(v.directions().keySet()).containsExactlyInAnyOrderElementsOf(Vocabulary.DIRECTIONS);
        assertThat(v.lengthUnits().get("foot").metres()).isEqualTo(0.3048);
        assertThat(v.lengthUnits().get(Vocabulary.STEP).metres()).as("a setting of the robot").isNull();
        assertThat(v.numbers().ones()).hasSize(20).startsWith("zero", "one");
        assertThat(v.places()).extracting(Vocabulary.Place::id).contains("kitchen", "meeting_room", "charging_station");
        assertThat(v.verbs("turn")).startsWith("turn", "rotate", "spin").contains("pivot");
        // "lift" beside "left" is for the open tier only: the grammar keeps them apart.
        assertThat(v.grammarRoleWords()).contains("elevator", "left", "steps", "degrees").doesNotContain("lift");
        assertThat(v.grammarVerbs()).contains("go", "turn", "navigate").doesNotContain("pivot");
    }

    /** Whisper's prompt: the robot's words once each, its own places in place of the default map's. */
    @Test
    void thePromptNamesEveryWordOnceAndTheRobotsOwnPlaces() {
        String prompt = Vocabulary.builtIn().promptText();
        assertThat(prompt).startsWith("Robot, go, move, walk, drive, head, ").endsWith(".")
                .contains(", pivot, swivel, ", ", meters, centimeters, feet, ", ", degrees, kitchen, meeting room, ")
                .contains(", charging dock, ");
        List<String> words = List.of(prompt.substring("Robot, ".length(), prompt.length() - 1).split(", "));
        assertThat(words).doesNotHaveDuplicates();
        String robots = Vocabulary.builtIn().withPlaces(List.of(
                new Vocabulary.Place("lab_3", "the lab three", List.of("lab three"), List.of("robotics lab")))).promptText();
        assertThat(robots).endsWith(", degrees, lab three, robotics lab.").doesNotContain("kitchen");
    }

    @Test
    void theRobotsOwnPlacesReplaceTheDefaultMap() {
        Vocabulary v = Vocabulary.builtIn().withPlaces(List.of(
                new Vocabulary.Place("lab_3", "lab three", List.of("lab three"), List.of("the lab"))));
        assertThat(v.places()).singleElement().satisfies(p ->
                assertThat(p.phrases()).containsExactly(List.of("lab", "three"), List.of("the", "lab")));
        assertThat(v.grammarRoleWords()).contains("lab", "three").doesNotContain("kitchen");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a direction missing  | directions: {forward: {grammar: [forward]}}                     | directions: expected exactly [forward, backward, left, right, around], missing [backward, left, right, around]
            an unknown key       | colours: [red]                                                     | Unrecognized field "colours"
            an upper-case word   | angle_units: {grammar: [Degrees]}                                  | 'Degrees' is not lower-case words separated by single spaces
            a bad place id       | places: [{id: Lab 3, say: the lab, grammar: [lab]}]                | places[0]: id: lower snake case such as meeting_room, got 'Lab 3'
            a place named twice  | places: [{id: lab, say: a, grammar: [lab]}, {id: lab, say: b, grammar: [lab]}] | places: 'lab' is named twice
            a unit without size  | length_units: {pace: {say: [pace, paces], grammar: [pace]}}        | length_units.pace: metres is missing
            not YAML             | 'verbs: "open'                                                      | not YAML
            """)
    void aBrokenFileIsAOneLineErrorNamingIt(String what, String change, String expected) {
        String yaml = "# test\n" + change.strip().replaceAll("^'|'$", "") + "\n";
        assertThatThrownBy(() -> Vocabulary.read(over(yaml), "robot-words.yaml"))
                .as(what)
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("robot-words.yaml: ")
                .hasMessageContaining(expected)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    /** The built-in file with one top-level key replaced (or added). */
    private static ByteArrayInputStream over(String change) throws IOException {
        String builtIn;
        try (var in = Vocabulary.class.getResourceAsStream("/dev/vigil/agent/vocabulary/vocabulary.yaml")) {
            builtIn = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String key = change.lines().filter(l -> !l.startsWith("#")).findFirst().orElseThrow().split(":")[0];
        StringBuilder out = new StringBuilder();
        boolean skipping = false;
        for (String line : builtIn.lines().toList()) {
            if (!line.isEmpty() && !Character.isWhitespace(line.charAt(0)) && !line.startsWith("#")) {
                skipping = line.startsWith(key + ":");
            }
            if (!skipping) {
                out.append(line).append('\n');
            }
        }
        out.append(change);
        return new ByteArrayInputStream(out.toString().getBytes(StandardCharsets.UTF_8));
    }
}
