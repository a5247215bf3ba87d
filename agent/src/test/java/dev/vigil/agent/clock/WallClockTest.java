package dev.vigil.agent.clock;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class WallClockTest {

    private final WallClock clock = new WallClock();

    @Test
    void aTimerFiresOnTheClocksThreadNoEarlierThanDue() throws Exception {
        long due = clock.nanos() + 30_000_000L;
        CompletableFuture<String> fired = new CompletableFuture<>();
        clock.schedule(due, () -> fired.complete(Thread.currentThread().getName() + (clock.nanos() >= due ? " on time" : " early")));
        assertThat(fired.get(5, TimeUnit.SECONDS)).isEqualTo("vigil-clock on time");
    }

    @Test
    void aCancelledTimerNeverFires() throws Exception {
        CompletableFuture<Void> cancelledOne = new CompletableFuture<>();
        CompletableFuture<Void> later = new CompletableFuture<>();
        Clock.Timer timer = clock.schedule(clock.nanos() + 20_000_000L, () -> cancelledOne.complete(null));
        assertThat(timer.cancel()).isTrue();
        // Timers run in order on one thread: once a later one ran, the cancelled one had its chance.
        clock.schedule(clock.nanos() + 60_000_000L, () -> later.complete(null));
        later.get(5, TimeUnit.SECONDS);
        assertThat(cancelledOne).isNotDone();
    }
}
