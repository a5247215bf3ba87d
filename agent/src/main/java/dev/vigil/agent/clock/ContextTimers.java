package dev.vigil.agent.clock;

import io.vertx.core.Context;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Timers for a verticle: the task runs on the verticle's context (so it may touch the verticle's
 * state like any handler) and counts as work in flight from the moment it is due until it has run,
 * so a lockstep replay does not advance past a timer whose work has not happened yet.
 */
public final class ContextTimers {

    private final Clock clock;
    private final Context context;
    private final WorkInFlight work;

    public ContextTimers(Clock clock, Context context, WorkInFlight work) {
        this.clock = clock;
        this.context = context;
        this.work = work;
    }

    public Clock clock() {
        return clock;
    }

    /**
     * Runs {@code task} on the context once the clock reaches {@code atNanos}. Cancelling it from the
     * context guarantees it does not run, even when it is already due and posted.
     */
    public Clock.Timer at(long atNanos, Runnable task) {
        AtomicBoolean cancelled = new AtomicBoolean();
        Clock.Timer timer = clock.schedule(atNanos, () -> {
            work.begin();
            context.runOnContext(v -> {
                try {
                    if (cancelled.compareAndSet(false, true)) {
                        task.run();
                    }
                } finally {
                    work.end();
                }
            });
        });
        return new Clock.Timer() {
            @Override
            public long atNanos() {
                return atNanos;
            }

            @Override
            public boolean cancel() {
                timer.cancel();
                return cancelled.compareAndSet(false, true);
            }
        };
    }
}
