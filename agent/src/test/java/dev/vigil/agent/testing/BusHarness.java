package dev.vigil.agent.testing;

import dev.vigil.agent.bus.Codecs;
import dev.vigil.agent.clock.VirtualClock;
import dev.vigil.agent.clock.WorkInFlight;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Verticle;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBus;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Message-level tests for verticles, in the spirit of Pipecat's {@code run_test(processor,
 * frames_to_send, expected_down_frames)}: deploy the verticles under test on a Vert.x with Vigil's
 * codecs, drive a {@link VirtualClock}, {@link #send} messages to addresses, {@link #advanceTo move
 * time} (due timers fire in time order), and read what was {@link #published} on the addresses
 * {@link #record recorded}. Every step returns once the bus has settled: the event loop has run
 * everything the step caused and nothing is in flight ({@link WorkInFlight}); a step that does not
 * settle within {@link #PATIENCE} fails the test instead of hanging it. No step sleeps.
 * <p>
 * Like a full-speed replay, everything runs on one event loop, and compute takes no virtual time.
 * A test that holds a worker on purpose (a model that is "still deciding") uses {@link #post},
 * which waits for the event loop only.
 * <pre>{@code
 * try (BusHarness bus = new BusHarness()) {
 *     bus.deploy(new DuplexCore(model, FloorSettings.defaults(), bus.work(), bus.clock()))
 *        .record(Addresses.SAY, Addresses.BARGE_IN);
 *     bus.send(Addresses.TRANSCRIPTS, finalTranscript("hello robot", 1.0));
 *     assertThat(bus.published(Addresses.SAY, Say.class)).singleElement() ...
 *     bus.advanceTo(seconds(3));
 * }
 * }</pre>
 * Registered with {@code @RegisterExtension}, a failing test prints the last {@value #TRACE_LENGTH}
 * messages published (address, then message), in order: the state a rare failure happened in.
 */
public final class BusHarness implements AutoCloseable, TestWatcher {

    /** How many of the latest messages a failing test prints. */
    public static final int TRACE_LENGTH = 200;

    /** How long one step may take before the test fails. */
    public static final Duration PATIENCE = Duration.ofSeconds(30);

    private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    private final VirtualClock clock = new VirtualClock();
    private final WorkInFlight work = new WorkInFlight();
    private final Context loop = vertx.getOrCreateContext();
    private final AtomicLong messagesSent = new AtomicLong();
    private final Map<String, List<Object>> recorded = Collections.synchronizedMap(new LinkedHashMap<>());
    private final ArrayDeque<String> trace = new ArrayDeque<>(); // this

    public BusHarness() {
        Codecs.registerAll(vertx.eventBus());
        vertx.eventBus().addOutboundInterceptor(delivery -> {
            String line = "t=" + clock.nanos() / 1e9 + " s [" + Thread.currentThread().getName() + "] "
                    + delivery.message().address() + " " + delivery.message().body();
            synchronized (trace) {
                if (trace.size() == TRACE_LENGTH) {
                    trace.removeFirst();
                }
                trace.addLast(line);
            }
            delivery.next();
            // Counted once its deliveries are queued: a step that sees the count waits behind them
            // (counted first, a step could return before a handler, or a recorder, had run).
            messagesSent.incrementAndGet();
        });
    }

    /** The latest messages published (at most {@value #TRACE_LENGTH}), oldest first. */
    public List<String> trace() {
        synchronized (trace) {
            return List.copyOf(trace);
        }
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        System.err.println("bus trace of " + context.getDisplayName() + ", oldest first:");
        trace().forEach(line -> System.err.println("  " + line));
    }

    public Vertx vertx() {
        return vertx;
    }

    /** The clock the verticles under test should be given; starts at 0. */
    public VirtualClock clock() {
        return clock;
    }

    /** The work-in-flight counter the verticles under test should be given. */
    public WorkInFlight work() {
        return work;
    }

    public EventBus bus() {
        return vertx.eventBus();
    }

    /** Deploys a verticle and waits until it has started; returns its deployment id. */
    public String deployed(Verticle verticle) {
        return await(vertx.deployVerticle(verticle), "deploying " + verticle.getClass().getSimpleName());
    }

    /** Deploys a verticle and waits until it has started. */
    public BusHarness deploy(Verticle verticle) {
        deployed(verticle);
        return this;
    }

    /** Undeploys (stops) a verticle and waits until it has stopped. */
    public BusHarness undeploy(String deploymentId) {
        await(vertx.undeploy(deploymentId), "undeploying " + deploymentId);
        return settle();
    }

    /** Collects everything published on these addresses from now on. */
    public BusHarness record(String... addresses) {
        for (String address : addresses) {
            if (recorded.containsKey(address)) {
                continue;
            }
            List<Object> messages = Collections.synchronizedList(new ArrayList<>());
            recorded.put(address, messages);
            CompletableFuture<Void> registered = new CompletableFuture<>();
            loop.runOnContext(v -> vertx.eventBus().localConsumer(address, m -> messages.add(m.body()))
                    .completion().onComplete(done -> registered.complete(null)));
            await(registered, "recording " + address);
        }
        return this;
    }

    /** Publishes {@code message} on {@code address} from the event loop, then waits until the bus settles. */
    public BusHarness send(String address, Object message) {
        publishOnLoop(address, message);
        return settle();
    }

    /**
     * Publishes like {@link #send}, but waits only until the event loop has handled what it caused,
     * not for work in flight: for tests that hold a worker on purpose.
     */
    public BusHarness post(String address, Object message) {
        publishOnLoop(address, message);
        return drainLoop();
    }

    /** Moves virtual time to {@code nanos}, firing due timers in time order and settling after each. */
    public BusHarness advanceTo(long nanos) {
        settle();
        while (true) {
            OptionalLong due = clock.nextDue();
            if (due.isEmpty() || due.getAsLong() > nanos) {
                break;
            }
            clock.advanceTo(Math.max(due.getAsLong(), clock.nanos()));
            settle();
        }
        clock.advanceTo(Math.max(nanos, clock.nanos()));
        return settle();
    }

    public BusHarness advanceBy(Duration duration) {
        return advanceTo(clock.nanos() + duration.toNanos());
    }

    /** Runs {@code action} on the event loop (where the verticles' handlers run), then settles. */
    public BusHarness onLoop(Runnable action) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        loop.runOnContext(v -> {
            try {
                action.run();
                done.complete(null);
            } catch (Throwable t) {
                done.completeExceptionally(t);
            }
        });
        await(done, "running on the event loop");
        return settle();
    }

    /**
     * Waits until the event loop has run everything queued and nothing is in flight, repeating until
     * no message was sent meanwhile (a handler's messages queue more handlers).
     */
    public BusHarness settle() {
        for (int round = 0; round < 10_000; round++) {
            long before = messagesSent.get();
            awaitIdle();
            awaitLoop();
            awaitIdle();
            if (messagesSent.get() == before) {
                return this;
            }
        }
        throw new AssertionError("the bus never settled: messages kept coming");
    }

    /** Everything published on a recorded address so far, in order. */
    public List<Object> published(String address) {
        List<Object> messages = recorded.get(address);
        if (messages == null) {
            throw new IllegalStateException(address + " is not recorded: call record(\"" + address + "\") first");
        }
        synchronized (messages) {
            return List.copyOf(messages);
        }
    }

    /** The messages of one type published on a recorded address so far, in order. */
    public <T> List<T> published(String address, Class<T> type) {
        return published(address).stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** The last message of this type published on a recorded address, if any. */
    public <T> Optional<T> last(String address, Class<T> type) {
        List<T> all = published(address, type);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    /** Forgets what was recorded so far (the addresses stay recorded). */
    public BusHarness clearRecorded() {
        recorded.values().forEach(List::clear);
        return this;
    }

    /** Session time for a number of seconds, for building messages. */
    public static long seconds(double seconds) {
        return Math.round(seconds * 1e9);
    }

    @Override
    public void close() {
        await(vertx.close(), "closing Vert.x");
    }

    private void publishOnLoop(String address, Object message) {
        CompletableFuture<Void> sent = new CompletableFuture<>();
        loop.runOnContext(v -> {
            vertx.eventBus().publish(address, message);
            sent.complete(null);
        });
        await(sent, "publishing on " + address);
    }

    private BusHarness drainLoop() {
        for (int round = 0; round < 10_000; round++) {
            long before = messagesSent.get();
            awaitLoop();
            if (messagesSent.get() == before) {
                return this;
            }
        }
        throw new AssertionError("the event loop never drained: messages kept coming");
    }

    private void awaitLoop() {
        CompletableFuture<Void> reached = new CompletableFuture<>();
        loop.runOnContext(v -> reached.complete(null));
        await(reached, "waiting for the event loop");
    }

    private void awaitIdle() {
        CompletableFuture<Void> idle = new CompletableFuture<>();
        work.whenIdle(() -> idle.complete(null));
        await(idle, "waiting for work in flight to finish (a worker blocked? use post())");
    }

    private static <T> T await(Future<T> future, String what) {
        return await(future.toCompletionStage().toCompletableFuture(), what);
    }

    private static <T> T await(CompletableFuture<T> future, String what) {
        try {
            return future.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("timed out after " + PATIENCE.toSeconds() + " s " + what);
        } catch (ExecutionException e) {
            throw new AssertionError(what + " failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted " + what);
        }
    }
}
