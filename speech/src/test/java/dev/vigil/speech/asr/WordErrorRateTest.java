package dev.vigil.speech.asr;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WordErrorRateTest {

    @Test
    void countsSubstitutionsDeletionsAndInsertions() {
        assertThat(WordErrorRate.of("go forward ten meters", "go forward ten meters")).isEqualTo(new WordErrorRate(0, 4));
        assertThat(WordErrorRate.of("go forward ten meters", "go forward 10 meters")).isEqualTo(new WordErrorRate(1, 4));
        assertThat(WordErrorRate.of("had he married a more a amiable woman", "had he married a more amiable woman"))
                .isEqualTo(new WordErrorRate(1, 8));
        assertThat(WordErrorRate.of("turn left", "please turn to the left")).isEqualTo(new WordErrorRate(3, 2));
        assertThat(WordErrorRate.of("stop", "")).isEqualTo(new WordErrorRate(1, 1));
    }

    @Test
    void overallWeighsUtterancesByTheirLength() {
        WordErrorRate overall = WordErrorRate.of("a b c d e f g h i j", "a b c d e f g h i j")
                .plus(WordErrorRate.of("stop", "shop"));
        assertThat(overall.rate()).isEqualTo(1 / 11.0);
        assertThat(new WordErrorRate(0, 0).rate()).isZero();
    }
}
