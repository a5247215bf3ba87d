package dev.vigil.engines.onnx;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import com.sun.jna.Library;
import com.sun.jna.Native;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The one ONNX Runtime environment of the process, created on first use (so a missing library is
 * lazy), without telemetry and without leaving files in {@code java.io.tmpdir}.
 * <p>
 * Telemetry: ONNX Runtime 1.29's Linux build starts Microsoft's 1DS telemetry when the native library
 * initialises; it keeps a device id and an event database under {@code ~/.cache/Microsoft} (or
 * {@code $XDG_CACHE_HOME/Microsoft}) and writes {@code .ses} and {@code mat-debug-<pid>.log} into
 * {@code $TMPDIR} or {@code /tmp}. {@link OrtEnvironment#setTelemetry(boolean)} comes too late (all
 * of that is done by then); only the environment variable {@code ORT_DISABLE_TELEMETRY}, read when the
 * library starts, prevents it. So it is set in the process's environment (through libc, JNA) before
 * the library loads, unless the user set it. The launcher exports it as well.
 * <p>
 * Temporary files: ONNX Runtime's Java loader copies its libraries into a fresh
 * {@code onnxruntime-java*} directory under {@code java.io.tmpdir} and asks for the files (not the
 * directory) to be deleted at exit, so every run left an empty directory, and a killed run 30 MB. Once
 * the libraries are loaded they are no longer needed on disk, so the directory is removed at once;
 * except in the GPU build ({@code -Pgpu}), whose CUDA and TensorRT providers are extracted there
 * later, when a session adds them; there it is removed at exit.
 */
public final class OrtRuntime {

    private static final System.Logger LOG = System.getLogger(OrtRuntime.class.getName());
    static final String TELEMETRY_VARIABLE = "ORT_DISABLE_TELEMETRY";

    private static volatile OrtEnvironment env;

    private OrtRuntime() {
    }

    /** The process's environment (logging errors only), made on the first call. */
    public static OrtEnvironment environment() {
        OrtEnvironment e = env;
        if (e == null) {
            synchronized (OrtRuntime.class) {
                e = env;
                if (e == null) {
                    disableTelemetry();
                    e = OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR, "vigil");
                    try {
                        e.setTelemetry(false);
                    } catch (OrtException ex) {
                        LOG.log(Level.DEBUG, "ONNX Runtime: cannot switch telemetry off: " + ex.getMessage());
                    }
                    removeExtractedCopies();
                    env = e;
                }
            }
        }
        return e;
    }

    private interface LibC extends Library {
        int setenv(String name, String value, int overwrite);
    }

    private static void disableTelemetry() {
        if (System.getenv(TELEMETRY_VARIABLE) != null) {
            return;   // the user's choice, or the launcher's
        }
        try {
            LibC libc = Native.load("c", LibC.class);
            libc.setenv(TELEMETRY_VARIABLE, "1", 0);
        } catch (LinkageError | RuntimeException ex) {
            LOG.log(Level.WARNING, "ONNX Runtime's telemetry could not be switched off (" + ex.getMessage()
                    + "); set " + TELEMETRY_VARIABLE + "=1 in the environment");
        }
    }

    /** Deletes the loader's {@code onnxruntime-java*} directory, whose libraries are loaded by now. */
    private static void removeExtractedCopies() {
        Path dir;
        try {
            Field field = Class.forName("ai.onnxruntime.OnnxRuntime").getDeclaredField("tempDirectory");
            field.setAccessible(true);
            dir = (Path) field.get(null);
        } catch (ReflectiveOperationException | RuntimeException ex) {
            LOG.log(Level.DEBUG, "ONNX Runtime's temporary directory is unknown: " + ex);
            return;
        }
        if (dir == null || !Files.isDirectory(dir)) {
            return;
        }
        if (!OrtEnvironment.getAvailableProviders().equals(java.util.EnumSet.of(ai.onnxruntime.OrtProvider.CPU))) {
            // The GPU build extracts a provider's library into this directory when a session adds it:
            // it goes at exit instead (ONNX Runtime deletes the files then, and left the directory).
            Path extracted = dir;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(extracted), "vigil-ort-cleanup"));
            return;
        }
        deleteTree(dir);
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        } catch (IOException ex) {
            LOG.log(Level.DEBUG, "cannot remove " + dir + ": " + ex.getMessage());
        }
    }
}
