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
}
