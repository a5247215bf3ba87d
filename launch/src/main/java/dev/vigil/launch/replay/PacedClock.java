package dev.vigil.launch.replay;

import dev.vigil.agent.clock.Clock;

/**
 * Wall time whose epoch is the moment the replay starts playing, not the moment the agent began
 * loading its models: scenario time 0 is the first frame. Reads 0 until {@link #start()}.
 */
final class PacedClock implements Clock {

    private volatile long origin = Long.MIN_VALUE;

    /** Sets the epoch to now; once. */
    void start() {
        if (origin == Long.MIN_VALUE) {
            origin = System.nanoTime();
        }
    }

    @Override
    public long nanos() {
        long o = origin;
        return o == Long.MIN_VALUE ? 0 : System.nanoTime() - o;
    }
}
