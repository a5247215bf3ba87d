package dev.vigil.agent.clock;

/** Monotonic wall time; the epoch is the moment the clock was made. */
public final class WallClock implements Clock {

    private final long origin = System.nanoTime();

    @Override
    public long nanos() {
        return System.nanoTime() - origin;
    }
}
