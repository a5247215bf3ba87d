package dev.vigil.agent.clock;

import java.lang.System.Logger.Level;
import java.util.OptionalLong;
import java.util.PriorityQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Time that only moves when the replay (or a test) moves it: the replay source advances it to the
 * capture time of the media it emits, so results do not depend on how fast the machine is. Timers
 * fire, in time order (ties in the order they were scheduled), on the thread that calls
 * {@link #advanceTo} as it passes them; while one runs, {@link #nanos()} reads its due time.
 * Thread-safe: timers may be scheduled and cancelled from any thread.
 */
public final class VirtualClock implements Clock {

    private static final System.Logger LOG = System.getLogger(VirtualClock.class.getName());

    private volatile long now;
    private final PriorityQueue<Scheduled> timers = new PriorityQueue<>(); // this
    private long scheduled; // this; tie-breaker, so equal times fire in scheduling order

    @Override
    public long nanos() {
        return now;
    }

    @Override
    public synchronized Timer schedule(long atNanos, Runnable task) {
        Scheduled timer = new Scheduled(atNanos, scheduled++, task);
        timers.add(timer);
        return timer;
    }

    /**
     * Moves time forward to {@code nanos}, running every timer due by then first (a timer due in the
     * past runs now). Time never runs backwards.
     *
     * @throws IllegalArgumentException if {@code nanos} is before the current time
     */
    public void advanceTo(long nanos) {
        if (nanos < now) {
            throw new IllegalArgumentException("virtual time cannot go back from " + now + " to " + nanos + " ns");
        }
        while (true) {
            Scheduled due;
            synchronized (this) {
                due = timers.peek();
                if (due == null || due.atNanos > nanos) {
                    break;
                }
                timers.poll();
                now = Math.max(now, due.atNanos);
            }
            due.fire();
        }
        now = Math.max(now, nanos);
    }

    /** {@link #advanceTo} {@code nanos} later than now. */
    public void advanceBy(long nanos) {
        advanceTo(now + nanos);
    }

    /** When the earliest pending timer is due, if any: a lockstep replay stops there to let it run. */
    public synchronized OptionalLong nextDue() {
        while (!timers.isEmpty() && timers.peek().settled.get()) {
            timers.poll();
        }
        return timers.isEmpty() ? OptionalLong.empty() : OptionalLong.of(timers.peek().atNanos);
    }

    private final class Scheduled implements Timer, Comparable<Scheduled> {
        final long atNanos;
        final long order;
        final Runnable task;
        /** Set by firing and by cancelling: whichever comes first decides whether the task runs. */
        final AtomicBoolean settled = new AtomicBoolean();

        Scheduled(long atNanos, long order, Runnable task) {
            this.atNanos = atNanos;
            this.order = order;
            this.task = task;
        }

        void fire() {
            if (settled.compareAndSet(false, true)) {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "a timer due at " + atNanos + " ns failed", e);
                }
            }
        }

        @Override
        public long atNanos() {
            return atNanos;
        }

        @Override
        public boolean cancel() {
            if (!settled.compareAndSet(false, true)) {
                return false;
            }
            synchronized (VirtualClock.this) {
                timers.remove(this);
            }
            return true;
        }

        @Override
        public int compareTo(Scheduled other) {
            int byTime = Long.compare(atNanos, other.atNanos);
            return byTime != 0 ? byTime : Long.compare(order, other.order);
        }
    }
}
