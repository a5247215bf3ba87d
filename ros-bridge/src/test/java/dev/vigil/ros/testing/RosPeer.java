package dev.vigil.ros.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A real ROS 2 peer process for tests, of whichever DDS implementation ({@link CyclonePeer}, {@link FastDdsPeer}):
 * every peer takes the same arguments (a mode, a topic, …), prints "ready" once its reader or writer
 * exists, one line per message received, and exits 0 when every message went through. This class holds
 * what they share: starting the process on a ROS domain, its lines, its exit, its errors, and what the
 * machine needs for DDS on loopback.
 */
public abstract class RosPeer implements AutoCloseable {

    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final StringBuilder errors = new StringBuilder();

    protected RosPeer(Process process) {
        this.process = process;
        Thread out = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // the peer was stopped
            }
        }, "ros-peer-out");
        out.setDaemon(true);
        out.start();
        Thread err = new Thread(() -> {
            try {
                String text = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
                synchronized (errors) {
                    errors.append(text);
                }
            } catch (IOException ignored) {
                // the peer was stopped
            }
        }, "ros-peer-err");
        err.setDaemon(true);
        err.start();
    }

    /**
     * Starts {@code binary ARGS…} on ROS domain {@code domain} with these environment variables (the
     * peer's DDS configuration, then the caller's), wraps it with {@code wrap} and waits up to 25 s for
     * its "ready".
     *
     * @param name what the peer is, for the message if it does not start ("the C peer")
     * @throws IllegalStateException the peer exited or did not say "ready" in time (with its stderr)
     */
    protected static <P extends RosPeer> P launch(Path binary, int domain, Map<String, String> env, String[] args,
                                                  java.util.function.Function<Process, P> wrap, String name)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(binary.toString());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("ROS_DOMAIN_ID", Integer.toString(domain));
        pb.environment().putAll(env);
        P peer = wrap.apply(pb.start());
        RosPeer started = peer;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(25);
        while (!started.lines.contains("ready")) {
            if (!started.isAlive() || System.nanoTime() > deadline) {
                started.close();
                throw new IllegalStateException(name + " did not start: " + started.errors());
            }
            Thread.sleep(10);
        }
        started.lines.remove("ready");
        return peer;
    }

    /** Something sent to the peer once, e.g. one message published. */
    @FunctionalInterface
    public interface Send {
        void once() throws Exception;
    }

    /**
     * Sends every 50 ms until the peer exits, at most 15 s: with ROS's default QoS (volatile) what is
     * published before the two ends discover each other is not kept for the late one.
     */
    public void feedUntilDone(Send send) throws Exception {
        for (int i = 0; process.isAlive() && i < 300; i++) {
            send.once();
            Thread.sleep(50);
        }
    }

    /** Lines the peer printed (one per message received), "ready" left out. */
    public List<String> lines() {
        return List.copyOf(lines);
    }

    /** Waits for the peer to exit; its exit code (0: every message went through), or -1 if it did not. */
    public int await(long seconds) throws InterruptedException {
        return process.waitFor(seconds, TimeUnit.SECONDS) ? process.exitValue() : -1;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public String errors() {
        synchronized (errors) {
            return errors.toString();
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }

    /**
     * Multicast on the loopback interface and room for large samples in socket buffers, as DDS on
     * loopback needs (SOURCES.md); harmless when already so. Needs root; without it, says what to run.
     */
    public static void prepareLoopback() throws IOException, InterruptedException {
        run("ip", "link", "set", "lo", "multicast", "on");
        for (String key : List.of("net.core.rmem_max", "net.core.wmem_max")) {
            run("sysctl", "-q", "-w", key + "=26214400");
        }
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed (run the tests as root): " + out);
        }
    }

    /** Runs one step of a peer's build in {@code dir}; its output is the message if it fails. */
    protected static void exec(Path dir, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
        }
    }
}
