package dev.vigil.speech.asr;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SoundsAlikeTest {

    @Test
    void aLoneWordOnePhoneApartIsTheGrammarsWord() {
        // Whisper tiny on a live "turn left" (slt), December 2026.
        assertThat(SoundsAlike.heardAs("turn left", "Turn lift.")).isEqualTo("turn left");
        assertThat(SoundsAlike.heardAs("go to the kitchen", "Go to the kitten.")).isEqualTo("go to the kitchen");
    }

    @Test
    void otherWordsStayAsTheOpenTierHeardThem() {
        // Two words differ: not one slip of the ear but another sentence.
        assertThat(SoundsAlike.heardAs("turn left", "Term lift.")).isEqualTo("Term lift.");
        // Far apart in sound.
        assertThat(SoundsAlike.heardAs("turn left", "Turn right.")).isEqualTo("Turn right.");
        // A different number of words.
        assertThat(SoundsAlike.heardAs("turn left", "Turn to the left.")).isEqualTo("Turn to the left.");
        // Numbers never: "forty" and "fourteen" are one phone apart.
        assertThat(SoundsAlike.heardAs("go forward fourteen meters", "go forward forty meters"))
                .isEqualTo("go forward forty meters");
        assertThat(SoundsAlike.heardAs("go forward four meters", "go forward 4 meters")).isEqualTo("go forward 4 meters");
        // Words under three phones are too short to judge ("go" / "no").
        assertThat(SoundsAlike.heardAs("go", "no")).isEqualTo("no");
        assertThat(SoundsAlike.heardAs("turn left", "")).isEqualTo("");
    }
}
