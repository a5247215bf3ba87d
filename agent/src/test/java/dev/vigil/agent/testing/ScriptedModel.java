package dev.vigil.agent.testing;

import dev.vigil.agent.duplex.Decision;
import dev.vigil.agent.duplex.DuplexModel;
import dev.vigil.agent.duplex.Unit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A {@link DuplexModel} that answers each end of turn as a test scripts it, and can be held inside
 * {@code generate} ("still deciding") until the test releases it. Like a real model, an
 * {@link #interrupt()} drops the answer in preparation, even one a held {@code generate} is about to
 * return. Records what it was asked.
 */
public final class ScriptedModel implements DuplexModel {

    private final Function<Unit, Decision> answer;
    private final List<Unit> prefilled = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger interrupts = new AtomicInteger();
    private final AtomicInteger resets = new AtomicInteger();
    private volatile boolean closed;
    private volatile Session session;
    private volatile Decision pending;
    private volatile CountDownLatch gate;
    private volatile CountDownLatch generating = new CountDownLatch(1);
    private volatile java.util.Set<String> noInterruption = java.util.Set.of();

    /** @param answer the decision for each end-of-turn unit; other units are listened to */
    public ScriptedModel(Function<Unit, Decision> answer) {
        this.answer = answer;
    }

    /** Answers every end of turn with {@code reply}. */
    public static ScriptedModel answering(String reply) {
        return new ScriptedModel(unit -> new Decision.Speak(reply));
    }

    /** Answers each end of turn with {@code reply} of what the user said (the turn's final transcript). */
    public static ScriptedModel answering(Function<String, String> reply) {
        return new ScriptedModel(unit -> new Decision.Speak(reply.apply(heard(unit))));
    }

    /** The words of the unit's final transcript, or empty. */
    public static String heard(Unit unit) {
        return unit.transcripts().stream().filter(t -> t.isFinal()).reduce((a, b) -> b).map(t -> t.text()).orElse("");
    }

    /** These exact words, heard over the robot, do not take the floor ({@link #interrupts}). */
    public ScriptedModel notInterruptedBy(String... words) {
        noInterruption = java.util.Set.of(words);
        return this;
    }

    @Override
    public boolean interrupts(dev.vigil.agent.message.Transcript heard) {
        return !noInterruption.contains(heard.text());
    }

    /** The next {@code generate} waits until {@link #release()}. */
    public ScriptedModel holdNextGenerate() {
        generating = new CountDownLatch(1);
        gate = new CountDownLatch(1);
        return this;
    }

    /** Waits until a held {@code generate} has been entered. */
    public void awaitGenerating() throws InterruptedException {
        if (!generating.await(BusHarness.PATIENCE.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the model was never asked to generate");
        }
    }

    public void release() {
        CountDownLatch g = gate;
        gate = null;
        if (g != null) {
            g.countDown();
        }
    }

    @Override
    public void prepare(Session session) {
        this.session = session;
    }

    @Override
    public void prefill(Unit unit) {
        prefilled.add(unit);
        pending = unit.endOfTurn() ? answer.apply(unit) : Decision.LISTEN;
    }

    @Override
    public Decision generate() {
        CountDownLatch g = gate;
        generating.countDown();
        if (g != null) {
            try {
                if (!g.await(BusHarness.PATIENCE.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new IllegalStateException("the test never released generate()");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        Decision d = pending;
        pending = null;
        return d == null ? Decision.LISTEN : d;
    }

    @Override
    public void interrupt() {
        interrupts.incrementAndGet();
        pending = null;
    }

    @Override
    public void reset() {
        resets.incrementAndGet();
        pending = null;
    }

    @Override
    public void close() {
        closed = true;
    }

    public List<Unit> prefilled() {
        synchronized (prefilled) {
            return List.copyOf(prefilled);
        }
    }

    public int interrupts() {
        return interrupts.get();
    }

    public int resets() {
        return resets.get();
    }

    public boolean closed() {
        return closed;
    }

    /** The session the core prepared it with. */
    public Session session() {
        return session;
    }
}
