package dev.vigil.agent.clock;

import java.lang.System.Logger.Level;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Monotonic wall time; the epoch is the moment the clock was made. Timers run on one daemon thread
 * ({@code vigil-clock}) shared by every wall clock in the process: tasks only post work elsewhere, so
 * one thread keeps up, and nothing has to be shut down.
 */
public final class WallClock implements Clock {

    private static final System.Logger LOG = System.getLogger(WallClock.class.getName());

    private static final ScheduledThreadPoolExecutor TIMERS = timerThread();

    private volatile long origin = System.nanoTime();

    /**
     * Moves the epoch to now. For a session whose time 0 is after its set-up (a real-time replay
     * starts with its first frame, however long models took to load); call it before anything has
     * read the clock or scheduled on it.
     */
    public void restart() {
        origin = System.nanoTime();
    }

    @Override
    public long nanos() {
        return System.nanoTime() - origin;
    }

    @Override
    public Timer schedule(long atNanos, Runnable task) {
        ScheduledFuture<?> future = TIMERS.schedule(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "a timer due at " + atNanos + " ns failed", e);
            }
        }, Math.max(0, atNanos - nanos()), TimeUnit.NANOSECONDS);
        return new Timer() {
            @Override
            public long atNanos() {
                return atNanos;
            }

            @Override
            public boolean cancel() {
                return future.cancel(false);
            }
        };
    }

    private static ScheduledThreadPoolExecutor timerThread() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "vigil-clock");
            t.setDaemon(true);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
        return executor;
    }
}
