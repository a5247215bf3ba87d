package dev.vigil.agent.clock;

/**
 * Session time in nanoseconds since the session epoch, and the timers that run on it. Every timeout
 * in the agent (confirmation questions, false-interruption windows, …) is a {@link Timer} on the
 * one clock, so a virtual-clock replay or test exercises it without sleeping.
 */
public interface Clock {

    long nanos();

    default double seconds() {
        return nanos() / 1e9;
    }

    /**
     * Runs {@code task} once the clock reaches {@code atNanos} (at once, or at the next step of a
     * virtual clock, when that time has passed). The task never runs on the caller's thread during
     * this call: on the wall clock it runs on the clock's own timer thread, on a virtual clock on the
     * thread that advances it. Tasks must be short and must not block; a component that owns a Vert.x
     * context posts the work there ({@link ContextTimers} does that and counts it as work in flight).
     * A task that throws is logged and does not stop other timers.
     *
     * @param atNanos session time, nanoseconds since the epoch
     * @return the handle that cancels it
     */
    Timer schedule(long atNanos, Runnable task);

    /** A scheduled task. */
    interface Timer {

        /** Session time it is due at, nanoseconds. */
        long atNanos();

        /**
         * Stops the task from running; safe from any thread and more than once.
         *
         * @return true if the task will not run because of this call, false if it had run or been
         *         cancelled already
         */
        boolean cancel();
    }

    static long millisToNanos(double millis) {
        return Math.round(millis * 1_000_000d);
    }
}
