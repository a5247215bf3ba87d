package dev.vigil.perception.vision.objects.ssd;

import dev.vigil.perception.vision.VisionException;

/**
 * Loads OpenCV's native library ({@code org.openpnp:opencv}, which bundles it for linux x86-64 and
 * ARMv8, macOS and Windows) once per process.
 * <p>
 * {@code nu.pattern.OpenCV.loadLocally()} copies the 65 MB library out of the jar into a fresh
 * directory under {@code java.io.tmpdir} and {@link System#load}s it (about 1 s); the copy is deleted
 * when the JVM exits. Its other way, {@code loadShared()}, patches the class loader's library path by
 * reflection, which JDK 12 and later forbid, so it is not used. A {@code java.io.tmpdir} mounted
 * {@code noexec} makes loading fail: point it elsewhere ({@code -Djava.io.tmpdir=…}). On JDK 17 it loads
 * silently; JDK 24 and later warn about the restricted {@code System.load} unless the JVM runs with
 * {@code --enable-native-access=ALL-UNNAMED} (seen on Temurin 25, which then runs the engines the same).
 */
public final class OpenCvNatives {

    private static boolean loaded;
    private static String failure;

    private OpenCvNatives() {
    }

    /**
     * Loads the library if no earlier call did.
     *
     * @param engine names the engine in the exception's message
     * @throws VisionException one line: the platform has no bundled library, or it did not load (the same
     *                         answer on every later call)
     */
    public static synchronized void load(String engine) {
        if (loaded) {
            return;
        }
        if (failure == null) {
            try {
                nu.pattern.OpenCV.loadLocally();
                loaded = true;
                return;
            } catch (RuntimeException | LinkageError e) {
                failure = "OpenCV's native library does not load on " + System.getProperty("os.name") + " "
                        + System.getProperty("os.arch") + " (" + firstLine(e) + ")";
            }
        }
        throw new VisionException(engine + ": " + failure);
    }

    private static String firstLine(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return t.getMessage().strip().lines().findFirst().orElse("");
            }
        }
        return e.getClass().getSimpleName();
    }
}
