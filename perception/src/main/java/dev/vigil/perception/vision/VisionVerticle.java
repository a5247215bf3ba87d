package dev.vigil.perception.vision;

import dev.vigil.agent.bus.Addresses;
import dev.vigil.agent.clock.Clock;
import dev.vigil.agent.clock.ContextTimers;
import dev.vigil.agent.clock.WorkInFlight;
import dev.vigil.agent.message.CameraFrame;
import dev.vigil.agent.message.ComponentError;
import dev.vigil.agent.message.InputRejected;
import dev.vigil.agent.message.Observation;
import dev.vigil.agent.message.SceneObservations;
import dev.vigil.agent.message.VisionDemand;
import dev.vigil.agent.runtime.ThreadPriority;
import dev.vigil.agent.telemetry.Telemetry;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.Promise;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The frame sampler: camera frames ({@code vigil.camera.frames}) into a mailbox of one, newest wins
 * (a frame replaced before it was looked at is counted as dropped, {@code vigil.vision.frames.dropped});
 * at each tick the newest frame not yet looked at goes through every engine, on a vision thread of
 * its own below hearing and decisions, and each engine's result is published as
 * {@link SceneObservations} on {@code vigil.perceive.observations}.
 * <p>
 * <b>Rate.</b> Ticks come {@code baselineHz} a second, faster while a component asks for more
 * ({@link VisionDemand} on {@code vigil.control.vision.demand}: the fastest demand, at most
 * {@code maxHz}), and never sooner after a frame than its compute time over {@code cpuShare}. A tick
 * due a baseline period after the last one that ran every engine runs every engine; the faster ticks
 * between run only the engines the demands name (a watch for floor 16 needs OCR, not the face
 * detector), so watching costs what it needs. Compute
 * time is read on the session clock: on a full-speed replay's virtual clock it is zero (compute takes
 * no virtual time), so the sampled frames, and everything decided from them, repeat exactly; in real
 * time it is the engines' real cost. A tick that finds the engines still busy leaves the frame in the
 * mailbox for the next.
 * <p>
 * <b>Failures.</b> A frame whose pixels do not match its size is rejected with one line
 * ({@code vigil.observe.input.rejected}); an engine that throws is reported ({@code ComponentError},
 * component {@code vision}, the first of each engine logged) and the others' results, and every later
 * frame, go on.
 */
public final class VisionVerticle extends AbstractVerticle {

    public static final String THREAD = "vigil-vision";
    /** Below the decisions' and the audio path's priority: vision waits, hearing does not. */
    static final int VISION_NICE = 5;
    private static final Logger LOG = Logger.getLogger(VisionVerticle.class.getName());

    private final VisionSettings settings;
    private final Supplier<List<VisionEngine>> engineFactory;
    private final Clock clock;
    private final WorkInFlight work;
    private final Telemetry telemetry;
    private ExecutorService thread;
    private ContextTimers timers;
    private List<VisionEngine> engines = List.of();
    private final Set<String> warned = new HashSet<>();

    // Event-loop state; the two volatile fields are read by gauges on the collecting thread too.
    private volatile CameraFrame newest;
    private volatile boolean busy;
    private final List<AutoCloseable> gauges = new ArrayList<>();
    private final Map<String, VisionDemand> demands = new HashMap<>();
    /** Session time of the last sample that ran every engine. */
    private long lastFullNanos = Long.MIN_VALUE;
    private Clock.Timer tick;
    /** Session time before which no frame is started (the CPU budget after the last one). */
    private long restUntilNanos;
    private boolean warnedBadFrame;

    /**
     * @param engines makes the engines, called once on the vision thread (loading models blocks)
     * @param clock   the session clock (ticks are timers on it)
     * @param work    lockstep bookkeeping: a sampled frame is work in flight until its results are out
     */
    public VisionVerticle(VisionSettings settings, Supplier<List<VisionEngine>> engines, Clock clock, WorkInFlight work,
                          Telemetry telemetry) {
        this.settings = settings;
        this.engineFactory = engines;
        this.clock = clock;
        this.work = work;
        this.telemetry = telemetry;
    }

    @Override
    public void start(Promise<Void> started) {
        thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(() -> {
                ThreadPriority.setNice(VISION_NICE);
                r.run();
            }, THREAD);
            t.setDaemon(true);
            return t;
        });
        timers = new ContextTimers(clock, context, work);
        gauges.add(telemetry.gauge(Telemetry.VISION_QUEUE_LENGTH, "{frame}",
                "camera frames waiting in the sampler's mailbox", () -> newest == null ? 0 : 1));
        gauges.add(telemetry.gauge(Telemetry.VISION_ACTIVE, "{frame}",
                "frames the vision engines are working on", () -> busy ? 1 : 0));
        thread.submit(() -> {
            try {
                List<VisionEngine> made = List.copyOf(engineFactory.get());
                context.runOnContext(v -> {
                    engines = made;
                    vertx.eventBus().<CameraFrame>localConsumer(Addresses.CAMERA_FRAMES, m -> onFrame(m.body()));
                    vertx.eventBus().<VisionDemand>localConsumer(Addresses.VISION_DEMAND, m -> onDemand(m.body()));
                    schedule();
                    started.complete();
                });
            } catch (RuntimeException e) {
                started.fail(e);
            }
        });
    }

    /** The rate ticks come at now: the fastest demand, within the settings. */
    double rateHz() {
        double hz = settings.baselineHz();
        for (VisionDemand d : demands.values()) {
            hz = Math.max(hz, Math.min(d.hz(), settings.maxHz()));
        }
        return hz;
    }

    /**
     * The engines a sample at {@code nowNanos} runs: all of them at baseline pace, else those the
     * demands name (all if a demand names none).
     */
    private List<VisionEngine> enginesFor(long nowNanos) {
        long baseline = Math.round(1e9 / settings.baselineHz());
        if (demands.isEmpty() || lastFullNanos == Long.MIN_VALUE || nowNanos - lastFullNanos >= baseline) {
            lastFullNanos = nowNanos;
            return engines;
        }
        Set<String> wanted = new HashSet<>();
        for (VisionDemand d : demands.values()) {
            if (d.engines().isEmpty()) {
                return engines;
            }
            wanted.addAll(d.engines());
        }
        return engines.stream().filter(e -> wanted.contains(e.name())).toList();
    }

    private void onDemand(VisionDemand demand) {
        double before = rateHz();
        if (demand.hz() == 0) {
            demands.remove(demand.requester());
        } else {
            demands.put(demand.requester(), demand);
        }
        if (rateHz() != before) {
            schedule();
        }
    }

    private void onFrame(CameraFrame frame) {
        long expected = 3L * frame.width() * frame.height();
        if (frame.rgb().length != expected) {
            String line = "camera frame at " + frame.captureNanos() / 1_000_000 + " ms rejected: " + frame.width() + " × "
                    + frame.height() + " RGB needs " + expected + " bytes, it has " + frame.rgb().length;
            if (!warnedBadFrame) {
                warnedBadFrame = true;
                LOG.warning(line);
            }
            vertx.eventBus().publish(Addresses.INPUT_REJECTED, new InputRejected("camera", "malformed_frame", line));
            return;
        }
        if (newest != null) {
            telemetry.frameDropped();
        }
        newest = frame;
    }

    /** The next tick at the next multiple of the current interval (ticks on a grid repeat exactly). */
    private void schedule() {
        if (tick != null) {
            tick.cancel();
        }
        long interval = Math.round(1e9 / rateHz());
        long at = Math.max((clock.nanos() / interval + 1) * interval, restUntilNanos);
        tick = timers.at(at, this::onTick);
    }

    private void onTick() {
        tick = null;
        if (newest != null && !busy && clock.nanos() >= restUntilNanos) {
            sample(newest);
            newest = null;
        }
        schedule();
    }

    private void sample(CameraFrame frame) {
        List<VisionEngine> now = enginesFor(clock.nanos());
        busy = true;
        work.begin();
        telemetry.frameSampled();
        long sessionStart = clock.nanos();
        thread.submit(() -> {
            try {
                for (VisionEngine engine : now) {
                    observe(engine, frame);
                }
            } finally {
                long spent = clock.nanos() - sessionStart;
                context.runOnContext(v -> {
                    busy = false;
                    restUntilNanos = sessionStart + Math.round(spent / settings.cpuShare());
                    work.end();
                });
            }
        });
    }

    private void observe(VisionEngine engine, CameraFrame frame) {
        long t0 = System.nanoTime();
        List<Observation> seen;
        try {
            seen = engine.observe(frame);
        } catch (RuntimeException e) {
            String line = engine.name() + " failed on the frame at " + frame.captureNanos() / 1_000_000 + " ms: "
                    + ComponentError.oneLine(e);
            if (warnedOnce(engine.name())) {
                LOG.warning("vision: " + line + " (later failures are counted, not logged)");
            }
            telemetry.error("vision");
            vertx.eventBus().publish(Addresses.ERRORS, new ComponentError("vision", line, frame.captureNanos()));
            return;
        }
        vertx.eventBus().publish(Addresses.OBSERVATIONS, new SceneObservations(engine.name(), frame.captureNanos(),
                frame.width(), frame.height(), seen == null ? List.of() : seen, System.nanoTime() - t0));
    }

    private synchronized boolean warnedOnce(String engine) {
        return warned.add(engine);
    }

    @Override
    public void stop() throws Exception {
        for (AutoCloseable gauge : gauges) {
            gauge.close();
        }
        if (tick != null) {
            tick.cancel();
        }
        if (thread != null) {
            List<VisionEngine> toClose = new ArrayList<>(engines);
            thread.submit(() -> toClose.forEach(VisionEngine::close));
            thread.shutdown();
        }
    }
}
