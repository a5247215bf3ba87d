package dev.vigil.launch.config;

import dev.vigil.launch.scenario.ScenarioLoader;
import dev.vigil.speech.tts.FliteTts;

import java.util.TreeSet;

import static dev.vigil.launch.config.SettingException.check;

/**
 * The robot's voice ({@code speaking:} in vigil.yaml).
 *
 * @param voice    flite voice: {@code slt} (default), {@code rms}, {@code awb}, {@code kal16},
 *                 {@code kal}; used for English
 * @param rate     speaking-rate factor, 0.5–2.0, default 1.0. Not applied yet: the synthesizers speak
 *                 at their voice's own rate; the key is checked so files written now keep working.
 * @param language BCP 47 tag of the language the robot speaks; default {@code en-US}
 */
public record SpeakingSettings(String voice, double rate, String language) {

    /** @throws IllegalArgumentException an unknown voice, a rate out of range, a malformed tag */
    public SpeakingSettings {
        SettingException.text(voice, "voice");
        check(ScenarioLoader.FLITE_VOICES.contains(voice), "voice",
                "unknown flite voice \"" + voice + "\" (use one of " + String.join(", ", new TreeSet<>(ScenarioLoader.FLITE_VOICES)) + ")");
        check(rate >= 0.5 && rate <= 2.0, "rate", "must be between 0.5 and 2.0, was " + rate);
        SettingException.languageTag(language, "language");
    }

    /** flite's {@value FliteTts#DEFAULT_VOICE} voice at its own rate, in US English. */
    public static SpeakingSettings defaults() {
        return new SpeakingSettings(FliteTts.DEFAULT_VOICE, 1.0, "en-US");
    }
}
