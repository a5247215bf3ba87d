package dev.vigil.speech.asr;

import dev.vigil.agent.vocabulary.Vocabulary;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A JSGF grammar for Sphinx4: where it is (Sphinx4 wants a folder URL and a name), its name, and the
 * vocabulary whose words make a transcript a command (for the strict decoder's agreement).
 *
 * @param location   a Sphinx4 resource URL of the grammar's folder ({@code resource:/…} or {@code file:…})
 * @param name       the file name without {@code .gram}
 * @param vocabulary the robot's command words: those the grammar was made from, or the built-in ones
 *                   for a grammar file of the user's
 */
public record AsrGrammar(String location, String name, Vocabulary vocabulary) {

    public AsrGrammar {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(vocabulary, "vocabulary");
    }

    /** The robot grammar of the built-in vocabulary: commands, and everyday words for everything else. */
    public static AsrGrammar robot() {
        return CommandGrammar.of(Vocabulary.builtIn());
    }

    /** The robot grammar of this robot's vocabulary (its own places). */
    public static AsrGrammar robot(Vocabulary vocabulary) {
        return CommandGrammar.of(vocabulary);
    }

    /** A grammar file of the user's; a missing or misnamed file is a one-line error. */
    public static AsrGrammar file(Path file) {
        String fileName = file.getFileName().toString();
        if (!fileName.endsWith(".gram")) {
            throw new IllegalArgumentException(file + ": a JSGF grammar file must end in .gram");
        }
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + ": no such grammar file");
        }
        return new AsrGrammar(file.toAbsolutePath().getParent().toUri().toString(),
                fileName.substring(0, fileName.length() - ".gram".length()), Vocabulary.builtIn());
    }

    /**
     * Checks that a grammar file is one Sphinx4 can load, before any recognizer is built: a {@code .gram}
     * name, text Sphinx4's JSGF parser accepts and at least one public rule (recognition starts from
     * one). Without it, random bytes failed only after the models had loaded, ~110 log lines later,
     * with a parser's exception.
     *
     * @throws IllegalArgumentException one line saying what is wrong, without the file's name
     */
    public static void check(Path file) {
        String fileName = file.getFileName().toString();
        if (!fileName.endsWith(".gram")) {
            throw new IllegalArgumentException("a JSGF grammar file must end in .gram");
        }
        edu.cmu.sphinx.jsgf.JSGFRuleGrammar grammar;
        // The parser is one static instance inside Sphinx4, shared with recognizers being allocated.
        // JSGF requires the header. Sphinx4 prints its absence as a WARNING line on standard output and
        // parses on: random bytes and plain text gave that line, then a parser error.
        if (!hasHeader(file)) {
            throw new IllegalArgumentException("not a JSGF grammar: the first line must be the header '#JSGF V1.0;'");
        }
        synchronized (Sphinx4Asr.ALLOCATION) {
            try {
                // From the URL, as the recognizer reads it: that path reads the header's version and encoding
                // itself (and accepts "#JSGF v1.0"), which parsing the text would not.
                grammar = edu.cmu.sphinx.jsgf.parser.JSGFParser.newGrammarFromJSGF(file.toUri().toURL(),
                        new edu.cmu.sphinx.jsgf.JSGFRuleGrammarFactory(new edu.cmu.sphinx.jsgf.JSGFRuleGrammarManager()));
            } catch (edu.cmu.sphinx.jsgf.JSGFGrammarParseException e) {
                // Its message is a bare "Grammar Error"; the parser's words are in its details.
                throw new IllegalArgumentException("not a valid JSGF grammar: " + parserWords(file,
                        e.details != null ? e.details : e.message));
            } catch (java.io.IOException e) {
                throw new IllegalArgumentException("cannot read: " + firstLine(e.getMessage()));
            } catch (edu.cmu.sphinx.jsgf.parser.TokenMgrError | RuntimeException e) {
                // The generated lexer reports bad characters with an Error, the parser some states unchecked.
                throw new IllegalArgumentException("not a valid JSGF grammar: " + firstLine(e.getMessage()));
            }
        }
        if (grammar == null) {
            throw new IllegalArgumentException("not a valid JSGF grammar");
        }
        if (grammar.getRuleNames().stream().noneMatch(grammar::isRulePublic)) {
            throw new IllegalArgumentException("the grammar has no public rule: recognition starts from one");
        }
    }

    /**
     * The JavaCC parser's words ({@code Encountered " <IDENTIFIER> "not "" at line 1, column 12.}) as
     * "unexpected 'not' at line L, column C", the line counted in the file: reading from a URL, Sphinx4
     * takes the header line off before parsing (checked present), and counts from the line after it.
     */
    private static String parserWords(Path file, String details) {
        var m = java.util.regex.Pattern.compile("Encountered \" (.+?) \"(.*?) \"\" at line (\\d+), column (\\d+)")
                .matcher(details == null ? "" : details);
        if (!m.find()) {
            return firstLine(details);
        }
        String token = m.group(2).isEmpty() ? m.group(1) : m.group(2);
        return "unexpected '" + token + "' at line " + (Integer.parseInt(m.group(3)) + 1) + ", column " + m.group(4);
    }

    /** Whether the first line is a JSGF header ("#JSGF V1.0;", any case, as Sphinx4 reads it). */
    private static boolean hasHeader(Path file) {
        try (var in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(5);
            return new String(head, java.nio.charset.StandardCharsets.ISO_8859_1).equalsIgnoreCase("#JSGF");
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("cannot read: " + firstLine(e.getMessage()));
        }
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("").strip();
    }
}
