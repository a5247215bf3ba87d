package dev.vigil.agent.runtime;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/**
 * Gives the calling thread a better OS scheduling priority (a lower Linux nice value) than the rest
 * of the process. HotSpot ignores {@code Thread.setPriority} on Linux, so this calls
 * {@code setpriority(PRIO_PROCESS, tid, nice)} from libc on the thread's own id. Raising priority
 * needs CAP_SYS_NICE (root, or an RLIMIT_NICE that allows it); without it the thread keeps the
 * process's priority and one line says so. On other systems it does nothing.
 * <p>
 * Why: on a robot the CPU is shared with navigation and perception; the audio path needs little CPU
 * but needs it on time, or microphone audio piles up and is dropped.
 */
public final class ThreadPriority {

    /** The audio front end and whatever hands it frames (capture, the real-time replay clock). */
    public static final int AUDIO_NICE = -10;
    /**
     * The threads that turn heard speech into a spoken reply: the recogniser's decoder, the duplex
     * model's worker and speech synthesis. Below the audio path, above the rest of the machine: on a CPU shared with two
     * busy processes the final transcript otherwise came 1–2 s after the user stopped speaking.
     */
    public static final int DECISION_NICE = -5;

    private static final Logger LOG = Logger.getLogger(ThreadPriority.class.getName());
    private static final int PRIO_PROCESS = 0;
    private static final AtomicBoolean WARNED = new AtomicBoolean();
    private static final ThreadLocal<Integer> APPLIED = new ThreadLocal<>();
    private static final boolean AVAILABLE;

    static {
        boolean ok = false;
        if (System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux")) {
            try {
                Native.register(ThreadPriority.class, NativeLibrary.getInstance("c"));
                ok = true;
            } catch (UnsatisfiedLinkError | RuntimeException e) {
                ok = false;
            }
        }
        AVAILABLE = ok;
    }

    private ThreadPriority() {
    }

    private static native int setpriority(int which, int who, int prio);

    private static native int getpriority(int which, int who);

    /**
     * Sets the calling thread's nice value.
     *
     * @param nice -20 (most favoured) .. 19 (least)
     * @return true if the thread now has it
     */
    public static boolean setNice(int nice) {
        int tid = currentTid();
        if (!AVAILABLE || tid <= 0) {
            return false;
        }
        if (setpriority(PRIO_PROCESS, tid, nice) == 0) {
            return true;
        }
        if (WARNED.compareAndSet(false, true)) {
            LOG.info("cannot raise the audio threads' scheduling priority (needs root or CAP_SYS_NICE); "
                    + "on a busy CPU the microphone path competes with everything else");
        }
        return false;
    }

    /**
     * Sets the calling thread's nice value unless this method already did so on this thread: for
     * pooled threads (a Vert.x worker) that cannot be given a priority when they are created.
     *
     * @param nice -20 (most favoured) .. 19 (least)
     */
    public static void ensureNice(int nice) {
        Integer applied = APPLIED.get();
        if (applied == null || applied != nice) {
            APPLIED.set(nice);
            setNice(nice);
        }
    }

    /** The calling thread's nice value, or 0 where it cannot be read. */
    public static int nice() {
        int tid = currentTid();
        // getpriority returns 20 - nice in the raw syscall, but glibc's wrapper returns nice itself.
        return AVAILABLE && tid > 0 ? getpriority(PRIO_PROCESS, tid) : 0;
    }

    /** The Linux thread id of the calling thread ({@code /proc/thread-self} → {@code pid/task/tid}). */
    static int currentTid() {
        try {
            Path link = Files.readSymbolicLink(Path.of("/proc/thread-self"));
            return Integer.parseInt(link.getFileName().toString());
        } catch (Exception e) {
            return -1;
        }
    }
}
