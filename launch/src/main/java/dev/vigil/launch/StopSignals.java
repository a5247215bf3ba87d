package dev.vigil.launch;

import dev.vigil.launch.replay.Interruption;
import sun.misc.Signal;
import sun.misc.SignalHandler;

import java.io.PrintStream;

/**
 * SIGINT and SIGTERM during a {@code replay} or {@code demo}: the first one ends the run early with
 * its report and recordings so far ({@link Interruption}); the command then exits 130 (SIGINT) or
 * 143 (SIGTERM), as a shell expects of a process ended by that signal. A second signal ends the
 * process at once, without them. {@code run} handles the signals itself: for it they are the
 * normal way to stop.
 */
final class StopSignals implements AutoCloseable {

    private static final String[] NAMES = {"INT", "TERM"};

    private final Interruption interruption;
    private final SignalHandler[] previous = new SignalHandler[NAMES.length];
    private volatile int exitCode = Vigil.OK;

    private StopSignals(Interruption interruption) {
        this.interruption = interruption;
    }

    /**
     * Installs the handlers until {@link #close}.
     *
     * @param console told once, when a signal arrives, what happens next
     */
    static StopSignals install(Interruption interruption, PrintStream console) {
        StopSignals signals = new StopSignals(interruption);
        for (int i = 0; i < NAMES.length; i++) {
            try {
                signals.previous[i] = Signal.handle(new Signal(NAMES[i]), s -> signals.stop(s, console));
            } catch (IllegalArgumentException e) {
                // The JVM keeps this signal for itself (-Xrs): it ends the run its own way, without outputs.
            }
        }
        return signals;
    }

    /** 128 plus the first signal's number (130, 143) once one arrived; else 0. */
    int exitCode() {
        return exitCode;
    }

    private void stop(Signal signal, PrintStream console) {
        exitCode = 128 + signal.getNumber();
        // The next signal takes the JVM's own way out: a stuck run can still be ended.
        restore();
        console.println("vigil: SIG" + signal.getName() + ": stopping; writing the report and recordings so far"
                + " (again to quit at once)");
        interruption.request("SIG" + signal.getName());
    }

    private void restore() {
        for (int i = 0; i < NAMES.length; i++) {
            if (previous[i] != null) {
                Signal.handle(new Signal(NAMES[i]), previous[i]);
            }
        }
    }

    @Override
    public void close() {
        restore();
    }
}
