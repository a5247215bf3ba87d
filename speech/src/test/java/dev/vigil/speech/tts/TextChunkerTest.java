package dev.vigil.speech.tts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextChunkerTest {

    private static final TextChunker CHUNKER = TextChunker.DEFAULT;

    @Test
    void shortSentencesAreChunksOfTheirOwn() {
        assertThat(split("Sure. The kitchen is on your left! Shall I lead? Follow me..."))
                .containsExactly("Sure.", "The kitchen is on your left!", "Shall I lead?", "Follow me...");
        assertThat(split("He said \"stop.\" Then he left.")).containsExactly("He said \"stop.\"", "Then he left.");
    }

    @Test
    void numbersAreNeverSplit() {
        assertThat(split("Pi is about 3.14. The box weighs 2.5 kg. Version 2.5.1 is out."))
                .containsExactly("Pi is about 3.14.", "The box weighs 2.5 kg.", "Version 2.5.1 is out.");

        String text = "We counted 1,250 boxes, 3,400 crates, and 12,000 bottles at 3:45 pm on floor 2.5 of the "
                + "warehouse, which is 10\u201320 minutes away.";
        List<String> chunks = split(text);
        assertThat(chunks).hasSizeGreaterThan(1);
        assertThat(String.join(" ", chunks)).isEqualTo(text);
        for (String number : List.of("1,250", "3,400", "12,000", "3:45", "2.5", "10\u201320")) {
            assertThat(chunks).anySatisfy(chunk -> assertThat(chunk).contains(number));
        }
        assertThat(chunks).noneMatch(chunk -> chunk.matches(".*\\d") && !chunk.endsWith("2.5"));
    }

    @Test
    void abbreviationsAndInitialsDoNotEndSentences() {
        assertThat(split("Dr. Smith is here. Mr. J. Jones left at 5 p.m. Then we closed, etc. It was late."))
                .containsExactly("Dr. Smith is here.", "Mr. J. Jones left at 5 p.m.", "Then we closed, etc.",
                        "It was late.");
        assertThat(split("Use a tool, e.g. a wrench. The U.S. team won. See St. Mary's, i.e. the church."))
                .containsExactly("Use a tool, e.g. a wrench.", "The U.S. team won.", "See St. Mary's, i.e. the church.");
        assertThat(split("Visit example.com now. I said no. No. 5 is free."))
                .containsExactly("Visit example.com now.", "I said no.", "No. 5 is free.");
    }

    @Test
    void periodsInsidePathsAndCodeDoNotEndSentences() {
        // The JDK's sentence iterator alone cuts "./" and ".../" apart, which would drop the period.
        assertThat(split("Run ./vigil replay now. Then open launch/.../replay and `a.b()?` here."))
                .containsExactly("Run ./vigil replay now.", "Then open launch/.../replay and `a.b()?` here.");
        assertThat(TextChunker.DEFAULT.forLanguage("zh").split("你好！厨房在左边。"))
                .containsExactly("你好！", "厨房在左边。");
    }

    @Test
    void lineBreaksSeparateListItems() {
        assertThat(split("Here is the plan:\n1. Go left\n\n2. Go right\r\n- Stop"))
                .containsExactly("Here is the plan:", "1. Go left", "2. Go right", "- Stop");
    }

    @Test
    void firstChunkIsTheFirstClauseOfALongSentence() {
        assertThat(split("When you reach the end of the corridor, turn left at the blue door, walk past the "
                + "kitchen and the small meeting room, and you will find the charging station on your right."))
                .containsExactly(
                        "When you reach the end of the corridor,",
                        "turn left at the blue door,",
                        "walk past the kitchen and the small meeting room,",
                        "and you will find the charging station on your right.");
        assertThat(split("Yes, the kitchen is on your left past the blue door."))
                .containsExactly("Yes,", "the kitchen is on your left past the blue door.");
    }

    @Test
    void firstChunkWithoutAClauseBreakEndsBeforeAPhrase() {
        assertThat(split("The kitchen is on your left about five meters past the blue door near the stairs."))
                .containsExactly("The kitchen is on your left", "about five meters past the blue door near the stairs.");
        // Nothing natural to cut at: six words it is.
        assertThat(split("Alpha bravo charlie delta echo foxtrot golf hotel india juliet."))
                .containsExactly("Alpha bravo charlie delta echo foxtrot", "golf hotel india juliet.");
        // Short enough to say at once.
        assertThat(split("The kitchen is on your left side.")).containsExactly("The kitchen is on your left side.");
    }

    @Test
    void aFortyWordAnswerStartsWithAShortChunkAndStaysWhole() {
        String answer = "The charging station is at the far end of the east corridor, just past the kitchen. "
                + "Walk straight for about twenty meters, then turn left at the blue door. "
                + "If the door is closed, press the green button and wait.";
        List<String> chunks = split(answer);

        assertThat(words(answer)).isEqualTo(40);
        assertThat(String.join(" ", chunks)).isEqualTo(answer);
        assertThat(words(chunks.get(0))).isBetween(1, 8);
        assertThat(chunks).allSatisfy(chunk -> assertThat(words(chunk)).isLessThanOrEqualTo(CHUNKER.longSentenceWords()));
    }

    @Test
    void longClausesWithoutPunctuationAreCutBetweenWords() {
        String clause = "and then we walk along the long grey corridor past the printers and the coffee machine "
                + "toward the big windows where the robot usually waits for its next visitor to arrive";
        List<String> chunks = split("Okay, " + clause + ".");

        assertThat(chunks.get(0)).isEqualTo("Okay,");
        assertThat(String.join(" ", chunks)).isEqualTo("Okay, " + clause + ".");
        assertThat(chunks).allSatisfy(chunk -> assertThat(words(chunk)).isLessThanOrEqualTo(CHUNKER.maxChunkWords()));
        assertThat(chunks).hasSizeGreaterThanOrEqualTo(3);
    }

    @Test
    void mandarinIsCutAtItsOwnPunctuation() {
        assertThat(split("你好，我是机器人。")).containsExactly("你好，我是机器人。");
        assertThat(split("你好！厨房在左边。")).containsExactly("你好！", "厨房在左边。");
        List<String> chunks = split("请沿着走廊一直往前走大约二十米，然后在蓝色的门那里向左转，充电站就在厨房旁边的小房间里面。");
        assertThat(String.join("", chunks))
                .isEqualTo("请沿着走廊一直往前走大约二十米，然后在蓝色的门那里向左转，充电站就在厨房旁边的小房间里面。");
        assertThat(chunks.get(0)).isEqualTo("请沿着走廊一直往前走大约二十米，");
        assertThat(chunks).hasSizeGreaterThan(1);
    }

    @Test
    void textWithNothingToSayGivesNoChunks() {
        assertThat(split(null)).isEmpty();
        assertThat(split("")).isEmpty();
        assertThat(split("  \n\t \r\n ")).isEmpty();
        assertThat(split("\uD83D\uDE00\uD83E\uDD16 \uD83D\uDC4D\uD83C\uDFFD")).isEmpty();
        assertThat(split("...!? \u2014 *** \n ---")).isEmpty();
    }

    @Test
    void unsupportedCharactersStayInTheTextWithoutBreakingIt() {
        assertThat(split("Hello \uD83D\uDE00 robot! \uD83E\uDD16\uD83E\uDD16 Go   forward."))
                .containsExactly("Hello \uD83D\uDE00 robot!", "\uD83E\uDD16\uD83E\uDD16 Go forward.");
        assertThat(split("\ud800 lone surrogate \udfff")).containsExactly("\ud800 lone surrogate \udfff");
        assertThat(split("stop\u0000\u0007 now")).containsExactly("stop\u0000\u0007 now");
    }

    @Test
    void fiveThousandCharactersComeBackWholeInBoundedChunks() {
        String[] pieces = {"Go forward ten meters. ", "The kitchen, which is on the left, has coffee; tea is extra. ",
            "Dr. Lee measured 2.5 kg at 3:45 pm \u2014 about 3,000 grams more than e.g. yesterday. ",
            "Walk past the printers and the long row of desks toward the big windows at the far end of the hall "};
        StringBuilder prose = new StringBuilder();
        for (int i = 0; prose.length() < 5_000; i++) {
            prose.append(pieces[i % pieces.length]);
        }
        String text = prose.substring(0, 5_000).strip();

        long start = System.nanoTime();
        List<String> chunks = split(text);
        long micros = (System.nanoTime() - start) / 1_000;

        System.out.printf("TextChunker: %d characters in %d chunks in %d us%n", text.length(), chunks.size(), micros);
        assertThat(String.join(" ", chunks)).isEqualTo(text);
        assertThat(chunks).allSatisfy(chunk -> assertThat(words(chunk)).isBetween(1, CHUNKER.maxChunkWords()));
        assertThat(words(chunks.get(0))).isLessThanOrEqualTo(8);

        assertThat(split("a".repeat(5_000))).containsExactly("a".repeat(5_000));
        List<String> han = split("机器人".repeat(1_667));
        assertThat(String.join("", han)).isEqualTo("机器人".repeat(1_667));
        assertThat(han).allSatisfy(chunk -> assertThat(chunk.length()).isLessThanOrEqualTo(2 * CHUNKER.maxChunkWords()));
    }

    @Test
    void sizesMustNest() {
        assertThatThrownBy(() -> new TextChunker(8, 6, 20))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("chunk sizes must satisfy 2 <= first <= long <= max, got 8, 6, 20");
    }

    private static List<String> split(String text) {
        return CHUNKER.split(text);
    }

    private static int words(String text) {
        return (int) java.util.Arrays.stream(text.split("\\s+"))
                .filter(w -> w.codePoints().anyMatch(Character::isLetterOrDigit)).count();
    }
}
