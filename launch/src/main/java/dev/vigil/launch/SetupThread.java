package dev.vigil.launch;

import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs set-up work on a thread with a generous stack and waits for it. Native set-up (GStreamer's
 * plug-in registry, flite, speexdsp, ONNX Runtime sessions) ran out of stack on a JVM main thread
 * whose 1 MiB was partly taken by a long class path, and died with SIGSEGV and no hs_err file —
 * whatever thread a library user calls from, set-up must not depend on it.
 */
final class SetupThread {

    static final long STACK_BYTES = 16L << 20;

    private SetupThread() {
    }

    static <T> T call(String name, Callable<T> work) throws Exception {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread thread = new Thread(null, () -> {
            try {
                result.set(work.call());
            } catch (Throwable e) {
                failure.set(e);
            }
        }, name, STACK_BYTES);
        thread.start();
        thread.join();
        Throwable e = failure.get();
        if (e instanceof Exception exception) {
            throw exception;
        }
        if (e instanceof Error error) {
            throw error;
        }
        return result.get();
    }
}
