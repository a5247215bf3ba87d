package dev.vigil.speech.asr;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A JSGF grammar for Sphinx4: where it is (Sphinx4 wants a folder URL and a name) and its name.
 *
 * @param location a Sphinx4 resource URL of the grammar's folder ({@code resource:/…} or {@code file:…})
 * @param name     the file name without {@code .gram}
 */
public record AsrGrammar(String location, String name) {

    /** The built-in robot grammar: commands, and everyday words for everything else. */
    public static AsrGrammar robot() {
        // A folder of its own: Sphinx4 resolves the folder to the first classpath entry holding it.
        return new AsrGrammar("resource:/dev/vigil/speech/grammars", "robot");
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
                fileName.substring(0, fileName.length() - ".gram".length()));
    }
}
