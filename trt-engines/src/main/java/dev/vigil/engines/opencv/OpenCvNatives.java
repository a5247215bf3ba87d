package dev.vigil.engines.opencv;

import dev.vigil.engines.EngineException;
import dev.vigil.engines.NativeLibraries;
import java.util.Optional;

/**
 * Loads OpenCV's native library ({@code org.openpnp:opencv}, which bundles it for linux x86-64 and
 * ARMv8, macOS and Windows) once per process.
 * <p>
 * {@code nu.pattern.OpenCV.loadLocally()} copies the 65 MB library out of the jar into a fresh
 * directory under {@code java.io.tmpdir} at every start (about 1 s) and deletes it only at a normal
 * exit; here it is copied once into Vigil's cache ({@link NativeLibraries}) and {@link System#load}ed
 * from there, and {@code loadLocally()} remains for a platform whose file name is not known here. Its other way, {@code loadShared()}, patches the class loader's library path by
 * reflection, which JDK 12 and later forbid, so it is not used. A cache on a file system mounted
 * {@code noexec} makes loading fail: point {@code XDG_CACHE_HOME} elsewhere. On JDK 17 it loads
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
     * @param who names what needs it (an engine, a model) at the head of the exception's message
     * @throws EngineException one line: the platform has no bundled library, or it did not load (the same
     *                         answer on every later call)
     */
    public static void load(String who) throws EngineException {
        Optional<String> problem = failure();
        if (problem.isPresent()) {
            throw new EngineException(who + ": " + problem.get());
        }
    }

    /**
     * Loads the library if no earlier call did: why it does not load, or empty when it is loaded.
     * Never throws; the same answer on every later call.
     */
    public static synchronized Optional<String> failure() {
        if (loaded) {
            return Optional.empty();
        }
        if (failure == null) {
            try {
                java.nio.file.Path cached = NativeLibraries.extract(nu.pattern.OpenCV.class, resource(
                        System.getProperty("os.name", ""), System.getProperty("os.arch", "")));
                if (cached != null) {
                    System.load(cached.toString());
                } else {
                    nu.pattern.OpenCV.loadLocally();   // a platform this class does not name: its own way
                }
                loaded = true;
                return Optional.empty();
            } catch (java.io.IOException e) {
                failure = "cannot copy OpenCV's native library into the cache: " + e.getMessage();
            } catch (RuntimeException | LinkageError e) {
                failure = "OpenCV's native library does not load on " + System.getProperty("os.name") + " "
                        + System.getProperty("os.arch") + " (" + firstLine(e) + ")";
            }
        }
        return Optional.of(failure);
    }

    /** The library's resource in the openpnp jar for this platform (the names its loader uses). */
    static String resource(String osName, String osArch) {
        String os = osName.toLowerCase(java.util.Locale.ROOT);
        String arch = osArch.toLowerCase(java.util.Locale.ROOT);
        String cpu = arch.equals("amd64") || arch.equals("x86_64") ? "x86_64"
                : arch.equals("aarch64") || arch.equals("arm64") ? "ARMv8"
                : arch.startsWith("arm") ? "ARMv7" : arch;
        if (os.contains("mac") || os.contains("darwin")) {
            return "/nu/pattern/opencv/osx/" + cpu + "/libopencv_java490.dylib";
        } else if (os.contains("win")) {
            return "/nu/pattern/opencv/windows/" + cpu + "/opencv_java490.dll";
        }
        return "/nu/pattern/opencv/linux/" + cpu + "/libopencv_java490.so";
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
