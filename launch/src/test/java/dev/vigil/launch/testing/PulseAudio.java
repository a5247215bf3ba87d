package dev.vigil.launch.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A private PulseAudio daemon for tests: real audio devices in a container with no sound card. It
 * starts with two null sinks, {@code mic} (what the user says: play into it, capture
 * {@code mic.monitor}) and {@code speaker} (what the robot plays: play into it, record
 * {@code speaker.monitor}), on a unix socket in a fresh temporary directory with anonymous access.
 * Nothing of the machine's own sound set-up is read or touched ({@code -n}: no default script, its
 * own runtime, state and home directories).
 *
 * <p>GStreamer elements in the test JVM cannot be given an environment; point them at the daemon with
 * the element property: {@code "pulsesrc server=" + pulse.server() + " device=mic.monitor"}.
 * Subprocesses get {@link #env()}. Runs as root too (the daemon warns, and works).
 */
public final class PulseAudio implements AutoCloseable {

    private static final long READY_TIMEOUT_MILLIS = 10_000;

    private final Path dir;
    private final Process daemon;
    private final String server;
    private final List<Process> children = new java.util.concurrent.CopyOnWriteArrayList<>();

    private PulseAudio(Path dir, Process daemon) {
        this.dir = dir;
        this.daemon = daemon;
        this.server = "unix:" + dir.resolve("pulse.sock");
    }

    /**
     * Starts a daemon with null sinks {@code mic} and {@code speaker} and waits until it answers.
     *
     * @throws IllegalStateException {@code pulseaudio} or {@code pactl} is not installed (the message
     *                               names the packages), or the daemon did not come up within 10 s
     */
    public static PulseAudio start() {
        requireCommand("pulseaudio", "pulseaudio");
        requireCommand("pactl", "pulseaudio-utils");
        try {
            Path dir = Files.createTempDirectory("vigil-pulse-");
            Path socket = dir.resolve("pulse.sock");
            ProcessBuilder builder = new ProcessBuilder("pulseaudio", "-n", "--daemonize=no",
                    "--exit-idle-time=-1", "--use-pid-file=no", "--disallow-exit", "--log-target=stderr",
                    "--load=module-native-protocol-unix socket=" + socket + " auth-anonymous=1",
                    "--load=module-null-sink sink_name=mic",
                    "--load=module-null-sink sink_name=speaker")
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("daemon.log").toFile());
            Map<String, String> env = builder.environment();
            env.put("XDG_RUNTIME_DIR", dir.toString());
            env.put("HOME", dir.toString());   // its cookie and state go here, not into the real home
            env.remove("PULSE_SERVER");
            env.remove("DBUS_SESSION_BUS_ADDRESS");
            PulseAudio pulse = new PulseAudio(dir, builder.start());
            try {
                pulse.awaitReady();
                pulse.keepAwake("mic");
                pulse.keepAwake("speaker");
            } catch (RuntimeException e) {
                pulse.close();
                throw e;
            }
            return pulse;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The daemon's address for a {@code server=} element property or {@code PULSE_SERVER}. */
    public String server() {
        return server;
    }

    /** The environment a subprocess needs to use this daemon: {@code PULSE_SERVER}, {@code XDG_RUNTIME_DIR}. */
    public Map<String, String> env() {
        return Map.of("PULSE_SERVER", server, "XDG_RUNTIME_DIR", dir.toString());
    }

    /** Adds a stereo null sink {@code name} (its source is {@code name.monitor}); returns the module index. */
    public int loadNullSink(String name) {
        return loadNullSink(name, 2);
    }

    /** Adds a null sink of {@code channels} channels; returns the module index. */
    public int loadNullSink(String name, int channels) {
        int module = Integer.parseInt(pactl("load-module", "module-null-sink", "sink_name=" + name,
                "channels=" + channels).strip());
        keepAwake(name);
        return module;
    }

    /** The module index of the null sink {@code name} (the ones loaded at start included). */
    public int nullSinkModule(String name) {
        for (String line : pactl("list", "short", "modules").split("\n")) {
            String[] f = line.split("\t");
            if (f.length >= 3 && f[1].equals("module-null-sink")
                    && List.of(f[2].split(" ")).contains("sink_name=" + name)) {
                return Integer.parseInt(f[0]);
            }
        }
        throw new IllegalStateException("no null sink " + name);
    }

    /**
     * An echo path: everything reaching {@code source} is played into {@code sink} after
     * {@code latencyMs}, scaled by {@code gainDb}.
     *
     * @return the loopback's module index, for {@link #unload}
     */
    public int loopback(String source, String sink, int latencyMs, double gainDb) {
        int module = Integer.parseInt(pactl("load-module", "module-loopback", "source=" + source, "sink=" + sink,
                "latency_msec=" + latencyMs, "source_dont_move=true", "sink_dont_move=true").strip());
        // The short listing does not say which module owns a sink input; the long one does.
        String input = null;
        String current = null;
        for (String line : pactl("list", "sink-inputs").split("\n")) {
            line = line.strip();
            if (line.startsWith("Sink Input #")) {
                current = line.substring("Sink Input #".length());
            } else if (line.equals("Owner Module: " + module)) {
                input = current;
            }
        }
        if (input == null) {
            throw new IllegalStateException("loopback " + module + " has no sink input");
        }
        pactl("set-sink-input-volume", input, String.format(Locale.ROOT, "%.2fdB", gainDb));
        return module;
    }

    /** Unloads a module (a null sink disappears with the streams on it). */
    public void unload(int module) {
        pactl("unload-module", Integer.toString(module));
    }

    /**
     * A null sink with no stream on it renders in 2 s blocks, and one that has just got a stream
     * finishes its current block first: a capture started then waits up to 2 s for its first buffer,
     * and a player is not drained for as long. A low-latency recorder on its monitor, then a suspend
     * and resume (which restarts its timer), keep it rendering every 10 ms from now on, like a sound
     * card. The recorder ends by itself when the sink is unloaded.
     */
    private void keepAwake(String sink) {
        String monitor = sink + ".monitor";
        children.add(spawn(List.of("parec", "--device=" + monitor, "--latency-msec=10",
                "--rate=8000", "--channels=1", "--raw", "/dev/null"), "parec"));
        String sourceIndex = null;
        for (String line : pactl("list", "short", "sources").split("\n")) {
            String[] f = line.split("\t");
            if (f.length >= 2 && f[1].equals(monitor)) {
                sourceIndex = f[0];
            }
        }
        long deadline = System.currentTimeMillis() + READY_TIMEOUT_MILLIS;
        while (!recordedFrom(sourceIndex)) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("the keep-awake recorder on " + monitor + " did not connect");
            }
            pause(10);
        }
        pactl("suspend-sink", sink, "1");
        pactl("suspend-sink", sink, "0");
    }

    private boolean recordedFrom(String sourceIndex) {
        for (String line : pactl("list", "short", "source-outputs").split("\n")) {
            String[] f = line.split("\t");
            if (f.length >= 2 && f[1].equals(sourceIndex)) {
                return true;
            }
        }
        return false;
    }

    private static void pause(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Starts {@code paplay} of a WAV into {@code sink}; {@link Process#waitFor} it to block until it ends. */
    public Process play(Path wav, String sink) {
        Process paplay = spawn(List.of("paplay", "--device=" + sink, wav.toString()), "paplay");
        children.add(paplay);
        return paplay;
    }

    /**
     * Starts recording {@code source} as a 16 kHz mono 16-bit WAV into {@code out}.
     *
     * @return stop it to finish the file
     */
    public Recording record(String source, Path out) {
        Process parec = spawn(List.of("parec", "--device=" + source, "--rate=16000", "--channels=1",
                "--format=s16le", "--file-format=wav", out.toString()), "parec");
        children.add(parec);
        return new Recording(parec, out);
    }

    /** A running {@code parec}. */
    public static final class Recording implements AutoCloseable {
        private final Process parec;
        private final Path file;

        private Recording(Process parec, Path file) {
            this.parec = parec;
            this.file = file;
        }

        /** Stops recording (SIGTERM lets parec finish the WAV header) and returns the file. */
        public Path stop() {
            parec.destroy();
            try {
                if (!parec.waitFor(5, TimeUnit.SECONDS)) {
                    parec.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return file;
        }

        @Override
        public void close() {
            stop();
        }
    }

    /**
     * Runs {@code pactl} against this daemon.
     *
     * @return its standard output
     * @throws IllegalStateException it failed (with its error output)
     */
    public String pactl(String... args) {
        List<String> command = new ArrayList<>(List.of("pactl", "--server=" + server));
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("pactl " + String.join(" ", args) + ": " + output.strip());
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Stops the daemon (by its pid) and removes its directory. */
    @Override
    public void close() {
        children.forEach(Process::destroyForcibly);
        daemon.destroy();
        try {
            if (!daemon.waitFor(5, TimeUnit.SECONDS)) {
                daemon.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // a temp directory left behind is harmless
        }
    }

    private void awaitReady() {
        long deadline = System.currentTimeMillis() + READY_TIMEOUT_MILLIS;
        while (true) {
            if (!daemon.isAlive()) {
                close();
                throw new IllegalStateException("pulseaudio exited at start: " + log());
            }
            try {
                pactl("info");
                return;
            } catch (IllegalStateException notYet) {
                if (System.currentTimeMillis() > deadline) {
                    close();
                    throw new IllegalStateException("pulseaudio did not answer within 10 s: " + log());
                }
            }
            try {
                TimeUnit.MILLISECONDS.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
                throw new IllegalStateException("interrupted while starting pulseaudio", e);
            }
        }
    }

    private String log() {
        try {
            List<String> lines = Files.readAllLines(dir.resolve("daemon.log"));
            return lines.stream().filter(l -> l.startsWith("E:")).findFirst()
                    .orElse(lines.isEmpty() ? "(no output)" : lines.get(lines.size() - 1));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private Process spawn(List<String> command, String what) {
        requireCommand(what, "pulseaudio-utils");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve(what + ".log").toFile()));
        builder.environment().putAll(env());
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void requireCommand(String command, String debianPackage) {
        boolean found = Stream.of(System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":"))
                .anyMatch(d -> Files.isExecutable(Path.of(d, command)));
        if (!found) {
            throw new IllegalStateException(command + " is not installed: apt-get install " + debianPackage
                    + " (./vigil test installs the test packages)");
        }
    }
}
