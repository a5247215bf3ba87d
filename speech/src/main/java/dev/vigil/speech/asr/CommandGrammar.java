package dev.vigil.speech.asr;

import dev.vigil.engines.VigilDirs;

import dev.vigil.agent.vocabulary.Vocabulary;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.logging.Logger;

/**
 * The robot's command grammar (JSGF), made from its {@link Vocabulary}: the grammar's shape is
 * {@code grammars/robot.gram.in}, its words (verbs, directions, units, numbers 0–100 with one decimal
 * and halves, places) the vocabulary's {@code grammar} words. Made once per vocabulary and written to
 * a folder of Vigil's cache ({@code <cache>/grammars}) named by its content, so the same vocabulary always
 * gives the same {@link AsrGrammar}.
 *
 * <p>Sphinx4 can only decode words its pronouncing dictionary (CMUdict, en-US) has. A phrase with a
 * word it lacks — a place named "Zorbatron lab" — is left out of the grammar, said once on the log;
 * the open tier (Whisper) and the role parser still understand it.
 */
public final class CommandGrammar {

    private static final Logger LOG = Logger.getLogger(CommandGrammar.class.getName());
    private static final String TEMPLATE = "/dev/vigil/speech/grammars/robot.gram.in";
    private static final String MARKER = "VOCABULARY";

    private CommandGrammar() {
    }

    /**
     * The grammar of {@code vocabulary}, written where Sphinx4 can read it.
     *
     * @throws UncheckedIOException the cache cannot be written
     */
    public static AsrGrammar of(Vocabulary vocabulary) {
        String text = jsgf(vocabulary, Pronunciations::has);
        try {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            String name = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 6);
            Path dir = grammars().resolve(name);
            Path file = dir.resolve("robot.gram");
            if (!Files.isRegularFile(file) || !Files.readString(file).equals(text)) {
                Files.createDirectories(dir);
                // Written whole, then moved: a second agent starting at once never reads half a file.
                Path part = Files.createTempFile(dir, "robot", ".part");
                Files.writeString(part, text);
                Files.move(part, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            }
            return new AsrGrammar(dir.toUri().toString(), "robot", vocabulary);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the command grammar to " + grammars()
                    + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);   // every JVM has SHA-256
        }
    }

    /** Where grammars are kept between runs, one folder per text: {@code <cache>/grammars}. */
    private static Path grammars() {
        return VigilDirs.fromEnvironment().cache().resolve("grammars");
    }

    /**
     * The JSGF text of {@code vocabulary}'s grammar.
     *
     * @param dictionary whether the recogniser can decode a word; phrases with any other word are left out
     */
    static String jsgf(Vocabulary vocabulary, Predicate<String> dictionary) {
        String template;
        try (InputStream in = CommandGrammar.class.getResourceAsStream(TEMPLATE)) {
            if (in == null) {
                throw new IllegalStateException("the grammar template " + TEMPLATE + " is missing from the build");
            }
            template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Rules rules = new Rules(dictionary);
        rules.add("move_verb", vocabulary.verbs().get("move").grammar());
        rules.add("turn_verb", vocabulary.verbs().get("turn").grammar());
        rules.add("go_to_verb", vocabulary.verbs().get("go_to").grammar());
        List<String> ways = new ArrayList<>();
        for (String d : List.of("forward", "backward", "left", "right")) {
            ways.addAll(vocabulary.directions().get(d).grammar());
        }
        rules.add("direction_word", ways);
        List<String> sides = new ArrayList<>(vocabulary.directions().get("left").grammar());
        sides.addAll(vocabulary.directions().get("right").grammar());
        rules.add("side", sides);
        rules.add("around", vocabulary.directions().get("around").grammar());
        List<String> units = new ArrayList<>();
        vocabulary.lengthUnits().values().forEach(u -> units.addAll(u.grammar()));
        rules.add("length_unit", units);
        rules.add("angle_unit", vocabulary.angleUnits().grammar());
        List<String> ones = vocabulary.numbers().ones();
        rules.add("ones", ones);
        rules.add("digit", ones.subList(0, 10));
        rules.add("nonzero_digit", ones.subList(1, 10));
        rules.add("tens", vocabulary.numbers().tens());
        List<String> places = new ArrayList<>();
        vocabulary.places().forEach(p -> places.addAll(p.grammar()));
        rules.add("place", places);
        int at = template.lastIndexOf("\n" + MARKER);
        if (at < 0) {
            throw new IllegalStateException("the grammar template " + TEMPLATE + " has no line " + MARKER);
        }
        return template.substring(0, at + 1) + rules.text();
    }

    /** The generated rules, each a list of alternatives the dictionary can say. */
    private static final class Rules {
        private final Predicate<String> dictionary;
        private final StringBuilder text = new StringBuilder("/* Made from the robot's vocabulary. */\n");

        Rules(Predicate<String> dictionary) {
            this.dictionary = dictionary;
        }

        void add(String rule, List<String> phrases) {
            Set<String> kept = new LinkedHashSet<>();
            for (String phrase : phrases) {
                List<String> unknown = List.of(phrase.split(" ")).stream().filter(dictionary.negate()).toList();
                if (unknown.isEmpty()) {
                    kept.add(phrase);
                } else {
                    LOG.warning("vocabulary: '" + phrase + "' is left out of the command grammar: the recogniser's"
                            + " dictionary has no " + String.join(", ", unknown) + " (the open tier still hears it)");
                }
            }
            // JSGF's <VOID> matches nothing: a rule with no words left keeps the grammar valid.
            text.append('<').append(rule).append("> = ")
                    .append(kept.isEmpty() ? "<VOID>" : String.join(" | ", kept)).append(";\n");
        }

        String text() {
            return text.toString();
        }
    }
}
