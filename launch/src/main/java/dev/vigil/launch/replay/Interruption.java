package dev.vigil.launch.replay;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * A request to end a replay early, such as SIGINT or SIGTERM: the run stops feeding the scenario,
 * lets the agent finish what the audio so far caused, and reports on that part, marked
 * {@code interrupted}. Requested from any thread, at most once (later requests are ignored).
 */
public final class Interruption {

    private final CompletableFuture<String> requested = new CompletableFuture<>();

    /** Asks the run to end; {@code why} names the cause, e.g. {@code SIGINT}. */
    public void request(String why) {
        requested.complete(why);
    }

    /** The cause of the request, if one was made. */
    public Optional<String> reason() {
        return Optional.ofNullable(requested.getNow(null));
    }

    public boolean requested() {
        return requested.isDone();
    }

    /** Runs {@code action} with the cause once requested: at once if already, else on the requester's thread. */
    void whenRequested(Consumer<String> action) {
        requested.thenAccept(action);
    }
}
