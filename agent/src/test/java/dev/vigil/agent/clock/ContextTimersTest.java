package dev.vigil.agent.clock;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

class ContextTimersTest {

    private final WallClock clock = new WallClock();

    /** A verticle with one timer pending, due after the bus closes. */
    private static final class Pending extends AbstractVerticle {
        private final Clock clock;
        private final long dueNanos;
        final CompletableFuture<Void> ran = new CompletableFuture<>();

        Pending(Clock clock, long dueNanos) {
            this.clock = clock;
            this.dueNanos = dueNanos;
        }

        @Override
        public void start() {
            new ContextTimers(clock, context, WorkInFlight.untracked()).at(dueNanos, () -> ran.complete(null));
        }
    }

    @Test
    void aTimerDueAfterItsVerticleIsGoneNeitherRunsNorFails() throws Exception {
        List<LogRecord> logged = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord r) {
                logged.add(r);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger log = Logger.getLogger(WallClock.class.getName());
        log.addHandler(capture);
        try {
            for (int i = 0; i < 20; i++) {
                Vertx vertx = Vertx.vertx();
                Pending verticle = new Pending(clock, clock.nanos() + 2_000_000L * (i % 5));
                vertx.deployVerticle(verticle).await(5, TimeUnit.SECONDS);
                vertx.close().await(5, TimeUnit.SECONDS);
            }
            // Every timer was due within 10 ms of its bus closing; a later one shows they have all had their turn.
            CompletableFuture<Void> later = new CompletableFuture<>();
            clock.schedule(clock.nanos() + 50_000_000L, () -> later.complete(null));
            later.get(5, TimeUnit.SECONDS);
            assertThat(logged).extracting(r -> r.getMessage() + " " + r.getThrown()).isEmpty();
        } finally {
            log.removeHandler(capture);
        }
    }
}
