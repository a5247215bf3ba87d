package dev.vigil.speech.asr;

import dev.vigil.agent.message.Transcript;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link RecognitionVerticle#listenAgain}: when a second, thorough listen is made, and which reading wins. */
class ListenAgainTest {

    private static final Transcript NO_WORDS = new Transcript("", true, 0f, 0, 2_000_000_000L, "en-US");
    /** A stand-in for the policy's verdict: it can use words that name a unit of distance. */
    private static final Predicate<Transcript> UNUSABLE = t -> !t.text().contains("meters");

    private static Transcript open(String text) {
        return new Transcript(text, true, 0.5f, 0, 2_000_000_000L, "en", Transcript.Tier.OPEN);
    }

    @Test
    void aUsableFirstReadingIsNotListenedToAgain() {
        AtomicInteger listens = new AtomicInteger();
        Transcript t = RecognitionVerticle.listenAgain(NO_WORDS, open("roll forward three meters"), UNUSABLE, () -> {
            listens.incrementAndGet();
            return List.of(open("whatever"));
        });
        assertThat(t.text()).isEqualTo("roll forward three meters");
        assertThat(listens).hasValue(0);
    }

    @Test
    void anUnusableReadingIsReplacedByAUsableSecondOne() {
        Transcript t = RecognitionVerticle.listenAgain(NO_WORDS, open("cut your old flower down out 3 feeders"),
                UNUSABLE, () -> List.of(open("could you roll forward about 3 meters")));
        assertThat(t.text()).isEqualTo("could you roll forward about 3 meters");
        assertThat(t.tier()).isEqualTo(Transcript.Tier.OPEN);
    }

    @Test
    void aSecondReadingNoBetterLeavesTheFirst() {
        assertThat(RecognitionVerticle.listenAgain(NO_WORDS, open("maccup 11 feeders"), UNUSABLE,
                () -> List.of(open("park up 11 feeders"))).text()).isEqualTo("maccup 11 feeders");
        assertThat(RecognitionVerticle.listenAgain(NO_WORDS, open("maccup 11 feeders"), UNUSABLE,
                () -> List.of(open(""))).text()).as("no words the second time").isEqualTo("maccup 11 feeders");
        assertThat(RecognitionVerticle.listenAgain(NO_WORDS, open("maccup 11 feeders"), UNUSABLE,
                List::of).text()).as("no thorough mode").isEqualTo("maccup 11 feeders");
    }

    @Test
    void theGrammarsWordsCarryTheSecondReadingForTheCrossCheck() {
        Transcript grammar = new Transcript("go forward eleven meters", true, 0.9f, 0, 2_000_000_000L, "en-US");
        Predicate<Transcript> openTierUnusable = t -> t.openText() == null || !t.openText().contains("meters");
        Transcript t = RecognitionVerticle.listenAgain(grammar, open("go for the 11 feeders"), openTierUnusable,
                () -> List.of(open("go forward 11 meters")));
        assertThat(t.text()).isEqualTo("go forward eleven meters");
        assertThat(t.openText()).isEqualTo("go forward 11 meters");
    }

    /**
     * The beam's other readings are read alone, as the open tier's words: "pivot to your right" second
     * to "give it to your right" is taken, and without the grammar's words, so a motion in it can only
     * be asked about.
     */
    @Test
    void aLaterReadingIsTakenAloneWhereTheBestIsOfNoUse() {
        Transcript grammar = new Transcript("head to your right", true, 0.9f, 0, 2_000_000_000L, "en-US");
        Predicate<Transcript> usable = t -> (t.openText() == null ? t.text() : t.openText()).startsWith("pivot");
        Transcript t = RecognitionVerticle.listenAgain(grammar, open("give it to your right"), usable.negate(),
                () -> List.of(open("give it to you alright"), open(""), open("pivot to your right")));
        assertThat(t.text()).isEqualTo("pivot to your right");
        assertThat(t.tier()).as("not the grammar's").isEqualTo(Transcript.Tier.OPEN);
        assertThat(t.openText()).isNull();
        assertThat(t.startNanos()).isEqualTo(grammar.startNanos());
        assertThat(t.endNanos()).isEqualTo(grammar.endNanos());
    }

    @Test
    void theBestReadingTheSameAsTheFirstStillLetsTheOthersBeRead() {
        Transcript t = RecognitionVerticle.listenAgain(NO_WORDS, open("wivel around"), t1 -> !t1.text().startsWith("swivel"),
                () -> List.of(open("wivel around"), open("swivel around")));
        assertThat(t.text()).isEqualTo("swivel around");
    }
}
