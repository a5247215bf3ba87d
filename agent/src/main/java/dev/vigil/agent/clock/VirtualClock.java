package dev.vigil.agent.clock;

/**
 * Time that only moves when the replay moves it: the replay source advances it to the capture time of
 * the media it emits, so results do not depend on how fast the machine is.
 */
public final class VirtualClock implements Clock {

    private volatile long now;

    @Override
    public long nanos() {
        return now;
    }

    /** Moves time forward; time never runs backwards. */
    public void advanceTo(long nanos) {
        if (nanos < now) {
            throw new IllegalArgumentException("virtual time cannot go back from " + now + " to " + nanos + " ns");
        }
        now = nanos;
    }
}
