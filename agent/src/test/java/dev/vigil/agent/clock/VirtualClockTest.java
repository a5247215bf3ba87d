package dev.vigil.agent.clock;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VirtualClockTest {

    private final VirtualClock clock = new VirtualClock();
    private final List<String> fired = new ArrayList<>();

    @Test
    void timersFireInTimeOrderAsTimePassesThem() {
        clock.schedule(300, () -> fired.add("c@" + clock.nanos()));
        clock.schedule(100, () -> fired.add("a@" + clock.nanos()));
        clock.schedule(200, () -> fired.add("b@" + clock.nanos()));
        clock.advanceTo(150);
        assertThat(fired).containsExactly("a@100");
        clock.advanceTo(1000);
        assertThat(fired).containsExactly("a@100", "b@200", "c@300");
        assertThat(clock.nanos()).isEqualTo(1000);
    }

    @Test
    void timersDueAtTheSameTimeFireInTheOrderTheyWereScheduled() {
        for (String name : List.of("first", "second", "third")) {
            clock.schedule(50, () -> fired.add(name));
        }
        clock.advanceTo(50);
        assertThat(fired).containsExactly("first", "second", "third");
    }

    @Test
    void aCancelledTimerNeverFires() {
        Clock.Timer timer = clock.schedule(100, () -> fired.add("late"));
        assertThat(timer.cancel()).isTrue();
        assertThat(timer.cancel()).as("cancelling twice").isFalse();
        clock.advanceTo(200);
        assertThat(fired).isEmpty();
        assertThat(clock.nextDue()).isEmpty();
    }

    @Test
    void aTimerScheduledByAnotherFiresInTheSameAdvanceWhenDue() {
        clock.schedule(100, () -> clock.schedule(150, () -> fired.add("chained@" + clock.nanos())));
        clock.advanceTo(200);
        assertThat(fired).containsExactly("chained@150");
    }

    @Test
    void aTimerInThePastFiresAtTheNextAdvance() {
        clock.advanceTo(500);
        clock.schedule(100, () -> fired.add("overdue@" + clock.nanos()));
        assertThat(fired).as("never on the caller's thread during schedule").isEmpty();
        assertThat(clock.nextDue()).hasValue(100);
        clock.advanceTo(500);
        assertThat(fired).containsExactly("overdue@500");
    }

    @Test
    void aFailingTimerDoesNotStopTheOthers() {
        clock.schedule(100, () -> {
            throw new IllegalStateException("boom");
        });
        clock.schedule(200, () -> fired.add("ran"));
        clock.advanceTo(300);
        assertThat(fired).containsExactly("ran");
    }

    @Test
    void timeNeverRunsBackwards() {
        clock.advanceTo(100);
        assertThatThrownBy(() -> clock.advanceTo(99)).isInstanceOf(IllegalArgumentException.class);
    }
}
