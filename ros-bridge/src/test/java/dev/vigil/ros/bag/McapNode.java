package dev.vigil.ros.bag;

import dev.vigil.ros.testing.Waiting;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The reference MCAP implementation, npm {@code @mcap/core} 2.2.2, under Node: the small project in
 * {@code src/test/node/mcap} (package-lock.json pins every package) installed with {@code npm ci} into
 * {@code target/mcap-node} once (again only when the lock file changes), its scripts run with
 * {@code node}. A missing Node or an unreachable npm registry fails the test that needs it, saying so.
 */
public final class McapNode {

    private static final Path SOURCE = Waiting.fixture("src/test/node/mcap", "package-lock.json");
    /** Beside the sources' module, whichever module's tests run it (ros-bridge's, launch's). */
    private static final Path HOME = SOURCE.resolve("../../../../target/mcap-node").normalize();
    private static final long INSTALL_TIMEOUT_S = 300;
    private static final long RUN_TIMEOUT_S = 120;
    private static boolean installed;

    private McapNode() {
    }

    /** Runs {@code node script args…} in the installed project; returns its stdout, one JSON object a line. */
    public static List<JsonObject> run(String script, String... args) throws IOException, InterruptedException {
        install();
        List<String> command = new ArrayList<>(List.of("node", script));
        command.addAll(Arrays.asList(args));
        Result r = exec(command, RUN_TIMEOUT_S);
        if (r.code != 0) {
            throw new AssertionError("node " + script + " " + String.join(" ", args) + " exited " + r.code + ":\n" + r.err);
        }
        return r.out.lines().filter(l -> !l.isBlank()).map(JsonObject::new).toList();
    }

    /** Runs {@code node script args…} expecting it to fail; returns its stderr. */
    static String runFailing(String script, String... args) throws IOException, InterruptedException {
        install();
        List<String> command = new ArrayList<>(List.of("node", script));
        command.addAll(Arrays.asList(args));
        Result r = exec(command, RUN_TIMEOUT_S);
        if (r.code == 0) {
            throw new AssertionError("node " + script + " accepted what it should refuse:\n" + r.out);
        }
        return r.err;
    }

    private static synchronized void install() throws IOException, InterruptedException {
        if (installed) {
            return;
        }
        Files.createDirectories(HOME);
        try {
            Result version = exec(List.of("node", "--version"), 30);
            if (version.code != 0) {
                throw new AssertionError("node --version failed: " + version.err);
            }
        } catch (IOException e) {
            throw new AssertionError("Node.js is not on the PATH: the MCAP cross-check runs @mcap/core under Node 20 ("
                    + e.getMessage() + ")");
        }
        try (Stream<Path> files = Files.list(SOURCE)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, HOME.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Path stamp = HOME.resolve("node_modules").resolve(".vigil-installed-lock");
        byte[] lock = Files.readAllBytes(SOURCE.resolve("package-lock.json"));
        if (!Files.exists(stamp) || !Arrays.equals(Files.readAllBytes(stamp), lock)) {
            Result ci = exec(List.of("npm", "ci", "--no-audit", "--no-fund", "--prefer-offline"), INSTALL_TIMEOUT_S);
            if (ci.code != 0) {
                throw new AssertionError("npm ci failed (exit " + ci.code + ") in " + HOME.toAbsolutePath()
                        + ": the npm registry must be reachable once to install @mcap/core 2.2.2 for the MCAP cross-check."
                        + " Its output ends:\n" + tail(ci.out + ci.err, 2000));
            }
            Files.write(stamp, lock);
        }
        installed = true;
    }

    private record Result(int code, String out, String err) {
    }

    private static Result exec(List<String> command, long timeoutS) throws IOException, InterruptedException {
        Path out = Files.createTempFile("mcap-node", ".out");
        Path err = Files.createTempFile("mcap-node", ".err");
        try {
            Process p = new ProcessBuilder(command).directory(HOME.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE)
                    .start();
            p.getOutputStream().close();
            if (!p.waitFor(timeoutS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " ran over " + timeoutS + " s; its output ends:\n"
                        + tail(Files.readString(out) + Files.readString(err), 2000));
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static String tail(String s, int n) {
        return s.length() <= n ? s : "…" + s.substring(s.length() - n);
    }
}
