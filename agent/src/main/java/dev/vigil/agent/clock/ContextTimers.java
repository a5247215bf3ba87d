package dev.vigil.agent.clock;

import io.vertx.core.Context;
import io.vertx.core.internal.ContextInternal;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Timers for a verticle: the task runs on the verticle's context (so it may touch the verticle's
 * state like any handler) and counts as work in flight from the moment it is due until it has run,
 * so a lockstep replay does not advance past a timer whose work has not happened yet.
 * <p>
 * The timers end with the context: when the verticle is undeployed (or Vert.x closes) the pending
 * ones are cancelled, and one that comes due while that happens is dropped instead of being posted to
 * an event loop that has stopped (which threw {@code RejectedExecutionException} on the clock's thread,
 * a stack trace at shutdown now and then).
 */
public final class ContextTimers {

    private final Clock clock;
    private final Context context;
    private final WorkInFlight work;
    /** Guards {@link #closed} and {@link #pending}; held while a due timer posts to the context. */
    private final Object lock = new Object();
    private boolean closed;
    private final Set<Clock.Timer> pending = new HashSet<>();

    public ContextTimers(Clock clock, Context context, WorkInFlight work) {
        this.clock = clock;
        this.context = context;
        this.work = work;
        if (context instanceof ContextInternal internal) {
            // Runs when the verticle is undeployed, before its event loop stops.
            internal.addCloseHook(done -> {
                close();
                done.succeed();
            });
        }
    }

    public Clock clock() {
        return clock;
    }

    /**
     * Runs {@code task} on the context once the clock reaches {@code atNanos}. Cancelling it from the
     * context guarantees it does not run, even when it is already due and posted. After the context
     * has closed, the task never runs.
     */
    public Clock.Timer at(long atNanos, Runnable task) {
        AtomicBoolean cancelled = new AtomicBoolean();
        Clock.Timer[] self = new Clock.Timer[1];
        synchronized (lock) {
            if (closed) {
                cancelled.set(true);   // never scheduled: cancel() has nothing to take back
            } else {
                self[0] = clock.schedule(atNanos, () -> post(self, cancelled, task));
                pending.add(self[0]);
            }
        }
        return new Clock.Timer() {
            @Override
            public long atNanos() {
                return atNanos;
            }

            @Override
            public boolean cancel() {
                if (self[0] != null) {
                    synchronized (lock) {
                        pending.remove(self[0]);
                    }
                    self[0].cancel();
                }
                return cancelled.compareAndSet(false, true);
            }
        };
    }

    /**
     * On the clock's thread, when the timer is due: the task to the context, unless it has closed. The
     * timer is read under the lock, where {@link #at} has set it even when it came due at once.
     */
    private void post(Clock.Timer[] timer, AtomicBoolean cancelled, Runnable task) {
        synchronized (lock) {
            pending.remove(timer[0]);
            if (closed) {
                return;
            }
            // Under the lock: the close hook cannot run between this check and the post, so the event
            // loop is still there to take it.
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
        }
    }

    /** Cancels every pending timer; later ones are not scheduled. Called when the context closes. */
    public void close() {
        List<Clock.Timer> toCancel;
        synchronized (lock) {
            closed = true;
            toCancel = List.copyOf(pending);
            pending.clear();
        }
        toCancel.forEach(Clock.Timer::cancel);
    }
}
