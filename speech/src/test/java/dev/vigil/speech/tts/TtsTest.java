package dev.vigil.speech.tts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vigil.speech.tts.engine.FliteSynthesizer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class TtsTest {

    private final ManualExecutor executor = new ManualExecutor();

    @ParameterizedTest
    @ValueSource(strings = {"en", "en-US", "EN_gb", "eng"})
    void englishIsSpokenByFlite(String tag) {
        assumeTrue(FliteSynthesizer.available(), () -> FliteSynthesizer.unavailableReason().orElse(""));
        try (Tts tts = Tts.forLanguage(tag, executor)) {
            assertThat(tts).isInstanceOf(FliteTts.class);
            assertThat(tts.language()).isEqualTo("en");
            assertThat(((FliteTts) tts).voice()).isEqualTo("slt");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"zh", "zh-CN", "zh-Hans-CN", "cmn", "cmn-Hans-CN"})
    void mandarinIsSpokenByEspeak(String tag) {
        try (Tts tts = Tts.forLanguage(tag, executor)) {
            assertThat(tts).isInstanceOf(EspeakTts.class);
            assertThat(tts.language()).isEqualTo("zh");
            assertThat(((EspeakTts) tts).voice()).isEqualTo("cmn");
        }
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"fr-FR", "de", "english", "e"})
    void otherLanguagesAreRefusedNamingTheSupportedOnes(String tag) {
        assertThatThrownBy(() -> Tts.forLanguage(tag, executor))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no text-to-speech for language '" + tag + "' (supported: en via flite, zh/cmn via espeak-ng)");
    }
}
