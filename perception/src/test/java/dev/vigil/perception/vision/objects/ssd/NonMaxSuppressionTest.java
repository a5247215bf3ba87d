package dev.vigil.perception.vision.objects.ssd;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class NonMaxSuppressionTest {

    private static final int PERSON = 4;
    private static final int CHAIR = 5;

    @Test
    void overlappingBoxesOfOneClassAreOneObjectTheBestKept() {
        Detection best = new Detection(PERSON, 0.9f, 0.1f, 0.1f, 0.5f, 0.9f);
        Detection shifted = new Detection(PERSON, 0.7f, 0.12f, 0.1f, 0.52f, 0.9f);
        Detection elsewhere = new Detection(PERSON, 0.6f, 0.6f, 0.1f, 0.9f, 0.9f);

        assertThat(NonMaxSuppression.hard(List.of(shifted, elsewhere, best), 0.5f, true, 100))
                .containsExactly(best, elsewhere);
    }

    @Test
    void aPersonOnAChairKeepsBothPerClassButNotAcrossClasses() {
        Detection person = new Detection(PERSON, 0.8f, 0.2f, 0.1f, 0.6f, 0.9f);
        Detection chair = new Detection(CHAIR, 0.6f, 0.2f, 0.3f, 0.6f, 0.95f);
        assertThat(person.iou(chair)).isGreaterThan(0.5f);

        assertThat(NonMaxSuppression.hard(List.of(chair, person), 0.5f, true, 100)).containsExactly(person, chair);
        assertThat(NonMaxSuppression.hard(List.of(chair, person), 0.5f, false, 100)).containsExactly(person);
    }

    @Test
    void theLimitKeepsTheBest() {
        List<Detection> apart = List.of(new Detection(1, 0.5f, 0, 0, 0.1f, 0.1f),
                new Detection(1, 0.9f, 0.5f, 0.5f, 0.6f, 0.6f), new Detection(1, 0.7f, 0.8f, 0.8f, 0.9f, 0.9f));

        assertThat(NonMaxSuppression.hard(apart, 0.5f, true, 2)).extracting(Detection::score).containsExactly(0.9f, 0.7f);
        assertThat(NonMaxSuppression.weighted(apart, 0.3f, 2)).extracting(Detection::score).containsExactly(0.9f, 0.7f);
    }

    @Test
    void weightedSuppressionAveragesTheCornersByScoreAndKeepsTheBestScore() {
        Detection a = new Detection(0, 0.75f, 0.2f, 0.2f, 0.6f, 0.6f);
        Detection b = new Detection(0, 0.25f, 0.24f, 0.2f, 0.64f, 0.6f);
        Detection other = new Detection(0, 0.6f, 0.7f, 0.7f, 0.9f, 0.9f);

        List<Detection> kept = NonMaxSuppression.weighted(List.of(b, other, a), 0.3f, 100);

        assertThat(kept).hasSize(2);
        assertThat(kept.get(0).score()).isEqualTo(0.75f);
        assertThat(kept.get(0).xMin()).isCloseTo(0.21f, within(1e-6f));
        assertThat(kept.get(0).xMax()).isCloseTo(0.61f, within(1e-6f));
        assertThat(kept.get(1)).isEqualTo(other);
    }
}
