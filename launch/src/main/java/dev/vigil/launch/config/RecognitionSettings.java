package dev.vigil.launch.config;

import dev.vigil.agent.vocabulary.Vocabulary;
import dev.vigil.speech.asr.AsrGrammar;

import java.nio.file.Path;

/**
 * Speech recognition ({@code recognition:} in vigil.yaml).
 *
 * @param grammar  a JSGF grammar file ({@code .gram}) that must exist; null (default) for the built-in
 *                 robot grammar. In a file, a relative path is relative to that file's folder.
 * @param language BCP 47 tag of the language spoken to the robot; default {@code en-US}
 * @param openTierThreads threads the open tier's decode (Whisper tiny) may use; 0 turns the open tier
 *                 off (the grammar alone). Default 2: the decode runs while the user's voice trails off
 *                 (the voice-activity hangover), and on two cores two threads halve it (1.10–1.96 s
 *                 clips: 410–520 ms with one, 250–290 ms with two; performance.md)
 */
public record RecognitionSettings(String grammar, String language, int openTierThreads) {

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
        SettingException.check(openTierThreads >= 0 && openTierThreads <= 64, "open_tier_threads",
                "must be 0 (no open tier) to 64 threads");
    }

    /** The built-in robot grammar, in US English. */
    public static RecognitionSettings defaults() {
        return new RecognitionSettings(null, "en-US", 2);
    }

    /**
     * The grammar as the recogniser takes it: the user's file, or the robot grammar made from
     * {@code vocabulary} (its own places included).
     */
    public AsrGrammar asrGrammar(Vocabulary vocabulary) {
        return grammar == null ? AsrGrammar.robot(vocabulary) : AsrGrammar.file(Path.of(grammar));
    }
}
