package dev.vigil.speech.asr.whisper;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WhisperTextTest {

    @Test
    void writtenEnglishBecomesLowerCaseWordsWithDigitsKept() {
        assertThat(WhisperText.normalise(" Go forward 10 meters.")).isEqualTo("go forward 10 meters");
        assertThat(WhisperText.normalise("He was not an ill-disposed young man.")).isEqualTo("he was not an ill disposed young man");
        assertThat(WhisperText.normalise("8 of spades, 4 of clubs, 7 of hearts.")).isEqualTo("8 of spades 4 of clubs 7 of hearts");
        assertThat(WhisperText.normalise("And Mr. John Dashwood")).isEqualTo("and mr john dashwood");
    }

    @Test
    void numbersKeepTheirDecimalPointAndTimeButLoseThousandsCommas() {
        assertThat(WhisperText.normalise("Turn 2.5 meters at 3:30, then 1,000 more.")).isEqualTo("turn 2.5 meters at 3:30 then 1000 more");
    }

    @Test
    void apostrophesInsideWordsStayQuotesGo() {
        assertThat(WhisperText.normalise("Don\u2019t say 'stop'; it's the robot's word.")).isEqualTo("don't say stop it's the robot's word");
    }

    @Test
    void annotationsOfNonSpeechAreNotWords() {
        assertThat(WhisperText.normalise("[Music]")).isEmpty();
        assertThat(WhisperText.normalise("(upbeat music) Hello there.")).isEqualTo("hello there");
        assertThat(WhisperText.normalise("   ")).isEmpty();
    }

    @Test
    void aLoopCompressesFarBetterThanASentence() {
        assertThat(WhisperText.compressionRatio("Had he married a more amiable woman, he might have been made still more"
                + " respectable than he was.")).isLessThan(1.3);
        assertThat(WhisperText.compressionRatio("1, 2, 3, 4, 3, 4" + ", 4".repeat(80) + ",")).isGreaterThan(5);
        assertThat(WhisperText.compressionRatio("")).isZero();
    }
}
