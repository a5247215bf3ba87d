package dev.vigil.launch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.vigil.agent.vocabulary.Vocabulary;
import dev.vigil.engines.EngineOptions;
import dev.vigil.engines.models.ModelCatalog;
import dev.vigil.engines.models.ModelStore;
import dev.vigil.policy.intent.CommandReader;
import dev.vigil.policy.intent.IntentRecognizer;
import dev.vigil.speech.asr.AsrGrammar;
import dev.vigil.speech.asr.SoundsAlike;
import dev.vigil.speech.asr.Sphinx4Asr;
import dev.vigil.speech.asr.whisper.WhisperAsr;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue "understands free speech": free phrasings of the robot's requests, heard by both tiers and
 * read by the policy (PhrasingsBench). CI runs two voices (one per synthesizer) at 16 kHz and one at
 * 8 kHz over the motion commands; {@code ./vigil bench phrasings} runs all six voices in both bands
 * for the figures (docs/performance.md).
 *
 * <p>The issue asks for ≥ 95 % right intent and roles; that is <b>not met yet</b> (82 % in these two
 * voices when this test was written, 86 % since the second listen and respelling, 2026-12-02). What is
 * asserted is the safety half, 0 wrong motion, and a floor of 82 % against regressions, not the
 * acceptance.
 */
class PhrasingsAcceptanceTest {

    private static final Path PHRASINGS = Cli.project().resolve("bench/phrasings.yaml");

    @Test
    void phrasingsAreKeptApartFromTheExemplarsAndTheGrammar() throws Exception {
        List<String> said = PhrasingsBench.load(PHRASINGS).stream().map(PhrasingsBench.Phrasing::say).toList();
        assertThat(said).hasSize(60).doesNotHaveDuplicates();
        List<String> exemplars = new ArrayList<>();
        try (InputStream in = IntentRecognizer.class.getResourceAsStream("/dev/vigil/policy/intent/exemplars.yaml")) {
            new YAMLMapper().readTree(in).forEach(kind -> kind.forEach(e -> exemplars.add(e.asText())));
        }
        assertThat(exemplars).hasSizeGreaterThan(50);
        assertThat(said).as("phrasings that are exemplars").doesNotContainAnyElementsOf(exemplars);
        AsrGrammar robot = AsrGrammar.robot();
        Pattern grammar = Jsgf.pattern(Files.readString(Path.of(URI.create(robot.location())).resolve("robot.gram")));
        assertThat(Jsgf.matches(grammar, "please drive ahead fourteen meters")).as("the matcher reads the grammar").isTrue();
        assertThat(Jsgf.matches(grammar, "turn left ninety degrees")).isTrue();
        assertThat(said).as("phrasings that are sentences of the grammar")
                .filteredOn(s -> Jsgf.matches(grammar, s)).isEmpty();
    }

    /** Below this share of right intents and roles, something regressed (measured: 85.8 %, 103 of 120). */
    private static final double REGRESSION_FLOOR = 0.82;

    @Test
    void freePhrasingsNeverGiveAWrongMotionAndMostlyTheRightIntent() throws Exception {
        List<PhrasingsBench.Phrasing> phrasings = PhrasingsBench.load(PHRASINGS);
        ModelStore store = ModelStore.fromEnvironment();
        ModelCatalog catalog = ModelCatalog.load();
        try (Sphinx4Asr grammar = new Sphinx4Asr(AsrGrammar.robot());
             WhisperAsr open = WhisperAsr.open(catalog, store, EngineOptions.defaults().withIntraOpThreads(2),
                     Vocabulary.builtIn().promptText());
             IntentRecognizer intents = new IntentRecognizer(catalog, store, EngineOptions.defaults(),
                     CommandReader.builtIn(), SoundsAlike::mayHaveBeen)) {
            List<PhrasingsBench.Trial> wide = PhrasingsBench.run(phrasings, List.of("flite:awb", "espeak:en-us"),
                    List.of(16_000), grammar, open, intents, System.out);
            List<PhrasingsBench.Phrasing> motions = phrasings.stream()
                    .filter(p -> List.of("move", "turn", "go_to").contains(p.intent())).toList();
            List<PhrasingsBench.Trial> phone = PhrasingsBench.run(motions, List.of("flite:slt"),
                    List.of(8_000), grammar, open, intents, System.out);
            PhrasingsBench.summarise(wide, System.out);
            PhrasingsBench.summarise(phone, System.out);
            assertThat(wide.stream().filter(PhrasingsBench.Trial::right).count())
                    .as("right intent and roles of %d at 16 kHz (a regression floor, not the issue's 95 %%)", wide.size())
                    .isGreaterThanOrEqualTo((long) Math.ceil(REGRESSION_FLOOR * wide.size()));
            List<PhrasingsBench.Trial> all = new ArrayList<>(wide);
            all.addAll(phone);
            assertThat(all).as("wrong motion, 16 and 8 kHz")
                    .filteredOn(t -> t.outcome() == PhrasingsBench.Outcome.WRONG_MOTION).isEmpty();
        }
    }

    @Test
    void aBrokenPhrasingsFileIsAOneLineError(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path bad = Files.writeString(dir.resolve("p.yaml"), "- {say: \"go on\", intent: dance}\n");
        Cli r = Cli.run("bench", "phrasings", "--phrasings", bad.toString());
        assertThat(r.exit()).isEqualTo(Vigil.BAD_INPUT);
        assertThat(r.err().strip()).doesNotContain("\n").contains(bad.toString()).contains("no intent 'dance'");
    }

    /** A JSGF grammar as a regular expression over its sentences (words separated by single spaces). */
    static final class Jsgf {
        private static final Pattern RULE = Pattern.compile("(?:public\\s+)?<([\\w.]+)>\\s*=\\s*([^;]*);", Pattern.DOTALL);
        private static final Pattern TOKEN = Pattern.compile("<[\\w.]+>|/[\\d.]+/|[|\\[\\]()]|[\\w']+");

        static Pattern pattern(String jsgf) {
            String text = jsgf.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("(?m)//.*$", " ")
                    .replaceAll("#JSGF[^;]*;", " ").replaceAll("grammar\\s+[\\w.]+\\s*;", " ");
            Map<String, String> rules = new HashMap<>();
            Matcher m = RULE.matcher(text);
            while (m.find()) {
                rules.put(m.group(1), m.group(2));
            }
            return Pattern.compile(expand("utterance", rules));
        }

        /** Each word becomes "word " in the expression; the sentence is matched with a space appended. */
        private static String expand(String rule, Map<String, String> rules) {
            if (rule.equals("VOID")) {
                return "(?!)";
            }
            if (rule.equals("NULL")) {
                return "";
            }
            String body = rules.get(rule);
            if (body == null) {
                throw new IllegalArgumentException("no rule <" + rule + ">");
            }
            StringBuilder out = new StringBuilder("(?:");
            Matcher t = TOKEN.matcher(body);
            while (t.find()) {
                String tok = t.group();
                switch (tok) {
                    case "|" -> out.append('|');
                    case "[" -> out.append("(?:");
                    case "]" -> out.append(")?");
                    case "(" -> out.append("(?:");
                    case ")" -> out.append(')');
                    default -> {
                        if (tok.startsWith("/")) {
                            continue;   // a weight
                        }
                        out.append(tok.startsWith("<") ? expand(tok.substring(1, tok.length() - 1), rules)
                                : Pattern.quote(tok) + " ");
                    }
                }
            }
            return out.append(')').toString();
        }

        static boolean matches(Pattern p, String sentence) {
            return p.matcher(sentence + " ").matches();
        }
    }
}
