package dev.vigil.agent.clock;

/** Session time in nanoseconds since the session epoch. */
public interface Clock {

    long nanos();

    default double seconds() {
        return nanos() / 1e9;
    }

    static long millisToNanos(double millis) {
        return Math.round(millis * 1_000_000d);
    }
}
