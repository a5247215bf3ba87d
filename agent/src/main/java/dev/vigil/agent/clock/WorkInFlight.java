package dev.vigil.agent.clock;

import java.util.ArrayList;
import java.util.List;

/**
 * Work the agent has started and not finished (a frame in the front end, a decode, a synthesis). A
 * replay at full speed advances its virtual clock only when nothing is in flight, so results never
 * depend on how fast the machine is: compute takes no virtual time, and real time is what
 * {@code --speed realtime} measures.
 * <p>
 * The rule for components: call {@link #begin()} synchronously in the handler that starts the work,
 * publish the work's results, then {@link #end()}. With the replay's handlers on one event loop,
 * "idle" then means everything caused by the last frame has happened. Live runs use
 * {@link #untracked()}, which costs nothing.
 */
public class WorkInFlight {

    private int count;
    private final List<Runnable> waiters = new ArrayList<>();

    public static WorkInFlight untracked() {
        return new WorkInFlight() {
            @Override
            public void begin() {
            }

            @Override
            public void end() {
            }
        };
    }

    public synchronized void begin() {
        count++;
    }

    public void end() {
        List<Runnable> ready;
        synchronized (this) {
            if (count == 0) {
                throw new IllegalStateException("end() without begin()");
            }
            if (--count > 0 || waiters.isEmpty()) {
                return;
            }
            ready = new ArrayList<>(waiters);
            waiters.clear();
        }
        ready.forEach(Runnable::run);
    }

    public synchronized boolean idle() {
        return count == 0;
    }

    /** Runs {@code action} now if idle, else on the thread that ends the last piece of work. */
    public void whenIdle(Runnable action) {
        synchronized (this) {
            if (count > 0) {
                waiters.add(action);
                return;
            }
        }
        action.run();
    }
}
