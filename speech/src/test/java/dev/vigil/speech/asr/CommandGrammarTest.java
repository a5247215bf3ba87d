package dev.vigil.speech.asr;

import dev.vigil.agent.message.Transcript;
import dev.vigil.agent.vocabulary.Vocabulary;
import dev.vigil.speech.tts.engine.FliteSynthesizer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command grammar made from the robot's vocabulary, decoded by Sphinx4 on flite speech: numbers
 * the old hand-written grammar lacked, angles, steps, and a robot's own place. The sentences are
 * kept apart from the intent exemplars.
 */
class CommandGrammarTest {

    private static FliteSynthesizer flite;

    @BeforeAll
    static void open() {
        flite = new FliteSynthesizer();
    }

    @AfterAll
    static void close() {
        flite.close();
    }

    @Test
    void theSameVocabularyGivesTheSameGrammarFile() {
        AsrGrammar once = AsrGrammar.robot();
        assertThat(AsrGrammar.robot()).isEqualTo(once);
        assertThat(Path.of(java.net.URI.create(once.location())).resolve("robot.gram")).isRegularFile();
    }

    @Test
    void numbersToAHundredAnglesAndStepsAreInTheGrammar() throws Exception {
        List<String> sentences = List.of("drive ahead fourteen meters", "turn left ninety degrees",
                "walk back three steps", "move forward one and a half meters", "go forward forty two centimeters",
                "rotate to your right forty five degrees");
        try (Sphinx4Asr asr = new Sphinx4Asr(AsrGrammar.robot())) {
            List<String> misses = new ArrayList<>();
            int exact = 0;
            for (String voice : List.of("slt", "rms", "awb")) {
                for (String sentence : sentences) {
                    Transcript t = Sphinx4AsrTest.recognise(asr, flite.synthesize(sentence, voice).samples(), new ArrayList<>());
                    if (t.text().equals(sentence)) {
                        exact++;
                    } else {
                        misses.add(voice + ": \"" + sentence + "\" → \"" + t.text() + "\"");
                    }
                }
            }
            System.out.printf("vocabulary grammar: %d/%d exact; misses: %s%n", exact, 3 * sentences.size(), misses);
            assertThat(exact).as("exact of %d; misses %s", 3 * sentences.size(), misses)
                    .isGreaterThanOrEqualTo(3 * sentences.size() * 8 / 10);
        }
    }

    @Test
    void aRobotsOwnPlacesAreInItsGrammar() throws Exception {
        Vocabulary lab = Vocabulary.builtIn().withPlaces(List.of(
                new Vocabulary.Place("workshop", "the workshop", List.of("workshop"), List.of()),
                new Vocabulary.Place("loading_bay", "the loading bay", List.of("loading bay"), List.of())));
        AsrGrammar grammar = AsrGrammar.robot(lab);
        String text = Files.readString(Path.of(java.net.URI.create(grammar.location())).resolve("robot.gram"));
        assertThat(text).contains("<place> = workshop | loading bay;").doesNotContain("kitchen");
        try (Sphinx4Asr asr = new Sphinx4Asr(grammar)) {
            Transcript t = Sphinx4AsrTest.recognise(asr, flite.synthesize("please head to the loading bay", "slt").samples(),
                    new ArrayList<>());
            assertThat(t.text()).isEqualTo("please head to the loading bay");
            assertThat(asr.isMotion("the loading bay")).as("a place said after a pause is part of a command").isTrue();
        }
    }

    @Test
    void aPhraseTheDictionaryCannotSayIsLeftOutNotFatal() {
        Vocabulary odd = Vocabulary.builtIn().withPlaces(List.of(
                new Vocabulary.Place("zorb", "the zorbatronics lab", List.of("zorbatronics lab"), List.of()),
                new Vocabulary.Place("office", "the office", List.of("office"), List.of())));
        String text = CommandGrammar.jsgf(odd, Set.of("office", "go", "left")::contains);
        assertThat(text).contains("<place> = office;").doesNotContain("zorbatronics");
        String none = CommandGrammar.jsgf(odd.withPlaces(List.of(odd.places().get(0))), w -> false);
        assertThat(none).as("a rule with no word left matches nothing").contains("<place> = <VOID>;");
    }
}
