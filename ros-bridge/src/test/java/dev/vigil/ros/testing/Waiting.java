package dev.vigil.ros.testing;

import dev.vigil.ros.transport.RosListener;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** What the ROS tests share: waiting for what a peer sends, collecting it, finding their fixtures. */
public final class Waiting {

    private Waiting() {
    }

    /**
     * Polls every 10 ms until {@code done} holds or {@code seconds} pass; the caller then asserts what it
     * waited for (so a timeout fails with what did arrive).
     */
    public static void until(BooleanSupplier done, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!done.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    /** A listener that adds each message to {@code got} and each malformed sample's line to {@code malformed}. */
    public static <T> RosListener<T> collecting(List<T> got, List<String> malformed) {
        return new RosListener<>() {
            @Override
            public void message(T message) {
                got.add(message);
            }

            @Override
            public void malformed(String problem) {
                malformed.add(problem);
            }
        };
    }

    /**
     * The test fixture folder {@code ros-bridge/<relative>} holding {@code marker}, found from the working
     * folder upwards: ros-bridge's own tests run in {@code ros-bridge/}, launch's in {@code launch/}.
     *
     * @throws IllegalStateException it is nowhere above
     */
    public static Path fixture(String relative, String marker) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            for (Path candidate : List.of(dir.resolve(relative), dir.resolve("ros-bridge").resolve(relative))) {
                if (Files.exists(candidate.resolve(marker))) {
                    return candidate;
                }
            }
        }
        throw new IllegalStateException("ros-bridge/" + relative + "/" + marker + " not found above " + Path.of("").toAbsolutePath());
    }
}
