package dev.vigil.launch.config;

import dev.vigil.speech.asr.AsrGrammar;

import java.nio.file.Path;

/**
 * Speech recognition ({@code recognition:} in vigil.yaml).
 *
 * @param grammar  a JSGF grammar file ({@code .gram}) that must exist; null (default) for the built-in
 *                 robot grammar. In a file, a relative path is relative to that file's folder.
 * @param language BCP 47 tag of the language spoken to the robot; default {@code en-US}
 */
public record RecognitionSettings(String grammar, String language) {

    /** @throws IllegalArgumentException a grammar that is not an existing .gram file, a malformed tag */
    public RecognitionSettings {
        if (SettingException.optionalText(grammar, "grammar") != null) {
            try {
                AsrGrammar.file(Path.of(grammar));
            } catch (IllegalArgumentException e) {
                throw new SettingException("grammar", e.getMessage());
            }
        }
        SettingException.languageTag(language, "language");
    }

    /** The built-in robot grammar, in US English. */
    public static RecognitionSettings defaults() {
        return new RecognitionSettings(null, "en-US");
    }

    /** The grammar as the recogniser takes it: the user's file or the built-in robot grammar. */
    public AsrGrammar asrGrammar() {
        return grammar == null ? AsrGrammar.robot() : AsrGrammar.file(Path.of(grammar));
    }
}
