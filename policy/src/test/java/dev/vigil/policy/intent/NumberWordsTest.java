package dev.vigil.policy.intent;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class NumberWordsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "zero | 0",
        "one | 1",
        "a | 1",
        "an | 1",
        "ten | 10",
        "twelve | 12",
        "twenty | 20",
        "twenty five | 25",
        "ninety nine | 99",
        "a hundred | 100",
        "one hundred and five | 105",
        "two hundred fifty | 250",
        "one thousand | 1000",
        "two thousand five hundred | 2500",
        "two point five | 2.5",
        "zero point seven five | 0.75",
        "point five | 0.5",
        "one point oh five | 1.05",
        "half | 0.5",
        "half a | 0.5",
        "one and a half | 1.5",
        "a couple of | 2",
        "10 | 10",
        "2.5 | 2.5",
        // as Whisper writes them
        "100 and 80 | 180",
        "200 and five | 205",
        "100 and a half | 100.5",
        "to and a half | 2.5",
        "too point five | 2.5",
    })
    void parsesSpokenNumbers(String words, double expected) {
        assertThat(NumberWords.parse(words)).contains(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "meters", "point", "hundred", "five five", "twenty ten", "ten twenty", "left", "to",
        "to the left", "80 and 5"})
    void rejectsWhatIsNotOneNumber(String words) {
        assertThat(NumberWords.parse(words)).isEmpty();
    }

    @Test
    void findsTheLongestNumberInASentence() {
        List<String> words = List.of("go", "forward", "twenty", "five", "meters");
        assertThat(NumberWords.parse(words, 2)).contains(new NumberWords.Parsed(25, 2));
        assertThat(NumberWords.parse(words, 0)).isEmpty();
        assertThat(NumberWords.parse(List.of("two", "point", "five", "meters"), 0))
                .contains(new NumberWords.Parsed(2.5, 3));
        // "point" with no digit after it is not part of the number.
        assertThat(NumberWords.parse(List.of("ten", "point", "please"), 0)).contains(new NumberWords.Parsed(10, 1));
        assertThat(NumberWords.parse(List.of("half", "a", "meter"), 0)).contains(new NumberWords.Parsed(0.5, 2));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0 | zero",
        "1 | one",
        "10 | ten",
        "25 | twenty five",
        "90 | ninety",
        "105 | one hundred and five",
        "2500 | two thousand five hundred",
        "2.5 | two point five",
        "0.75 | zero point seven five",
        "0.914 | zero point nine one",
        "-3 | minus three",
    })
    void saysNumbers(double value, String expected) {
        assertThat(NumberWords.toWords(value)).isEqualTo(expected);
    }

    @Test
    void roundTrips() {
        for (int i = 0; i <= 2000; i += 7) {
            assertThat(NumberWords.parse(NumberWords.toWords(i))).as("%d", i).contains((double) i);
        }
    }
}
