package dev.vigil.launch.config;

import dev.vigil.engines.yaml.InvalidValue;

import java.util.Locale;

/**
 * A value refused by one of this package's records, naming its key (snake_case, relative to its
 * section) so the loader can point at {@code turn.min_word_confidence} rather than at {@code turn};
 * with the helpers below that the settings records share.
 */
final class SettingException extends InvalidValue {

    SettingException(String key, String problem) {
        super(key, problem);
    }

    /** {@code value}, which must be given and not blank. */
    static String text(String value, String key) {
        check(value != null, key, "must be given");
        check(!value.isBlank(), key, "must not be empty");
        return value;
    }

    /** {@code value} when null (meaning none) or not blank. */
    static String optionalText(String value, String key) {
        check(value == null || !value.isBlank(), key, "must not be empty (leave it out or write null for none)");
        return value;
    }

    /**
     * A well-formed BCP 47 tag whose language is an ISO 639 code ({@code en}, {@code en-US},
     * {@code zh-CN}); whether an engine speaks it is decided when the engine is opened.
     */
    static String languageTag(String value, String key) {
        text(value, key);
        Locale locale;
        try {
            locale = new Locale.Builder().setLanguageTag(value).build();
        } catch (java.util.IllformedLocaleException e) {
            throw new SettingException(key, "not a language tag such as en-US: \"" + value + "\"");
        }
        int length = locale.getLanguage().length();
        check(length == 2 || length == 3, key, "not a language tag such as en-US: \"" + value + "\"");
        return value;
    }
}
