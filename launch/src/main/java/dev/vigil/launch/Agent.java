package dev.vigil.launch;

import dev.vigil.agent.bus.Addresses;
import dev.vigil.agent.bus.Codecs;
import dev.vigil.agent.clock.Clock;
import dev.vigil.agent.clock.WallClock;
import dev.vigil.agent.clock.WorkInFlight;
import dev.vigil.agent.duplex.DuplexCore;
import dev.vigil.agent.duplex.DuplexModel;
import dev.vigil.agent.duplex.FloorSettings;
import dev.vigil.agent.message.AudioDropped;
import dev.vigil.agent.message.AudioFrame;
import dev.vigil.agent.message.CameraFrame;
import dev.vigil.agent.message.ComponentError;
import dev.vigil.agent.message.ComponentRecovered;
import dev.vigil.agent.message.InputRejected;
import dev.vigil.agent.message.SayRequest;
import dev.vigil.agent.message.Transcript;
import dev.vigil.agent.message.MicrophoneMuted;
import dev.vigil.agent.runtime.ThreadPriority;
import dev.vigil.agent.measure.LiveMeasures;
import dev.vigil.agent.telemetry.Telemetry;
import dev.vigil.launch.events.AgentEvent;
import dev.vigil.launch.events.EventSink;
import dev.vigil.launch.events.EventStream;
import dev.vigil.launch.io.DeviceException;
import dev.vigil.launch.io.DeviceListener;
import dev.vigil.launch.io.CameraSource;
import dev.vigil.launch.io.MicrophoneSource;
import dev.vigil.launch.io.SpeakerSink;
import dev.vigil.perception.audio.aec.EchoCanceller;
import dev.vigil.perception.audio.aec.SpeexEchoCanceller;
import dev.vigil.perception.audio.frontend.AudioFrontEnd;
import dev.vigil.perception.audio.frontend.FrontEndSettings;
import dev.vigil.perception.audio.frontend.FrontEndVerticle;
import dev.vigil.perception.audio.vad.VoiceActivityModel;
import dev.vigil.perception.vision.VisionEngine;
import dev.vigil.perception.vision.VisionSettings;
import dev.vigil.perception.vision.VisionVerticle;
import dev.vigil.policy.watch.WatchBook;
import dev.vigil.policy.watch.WatchVerticle;
import dev.vigil.policy.watch.Watching;
import dev.vigil.policy.safety.StopFastPath;
import dev.vigil.speech.asr.Asr;
import dev.vigil.speech.asr.RecognitionVerticle;
import dev.vigil.speech.playback.Loudspeaker;
import dev.vigil.speech.playback.PlaybackAnnouncer;
import dev.vigil.speech.tts.SpeakingVerticle;
import dev.vigil.speech.tts.Tts;
import io.opentelemetry.instrumentation.runtimemetrics.java8.RuntimeMetrics;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.MetricDataType;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBus;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * The one object a Vigil user configures and runs (LiveKit's {@code AgentSession} is the model): the
 * full-duplex perceive-and-speak loop — audio front end (AEC, VAD, echo guard), recognition, the
 * duplex core with floor control, the safety stop path, streaming speech into a loudspeaker queue —
 * on one Vert.x instance, with pluggable sources and sinks:
 * <ul>
 *   <li>a {@link MicrophoneSource} and a {@link SpeakerSink} (GStreamer devices live; replay drives
 *   the bus itself through its simulated room, see {@link #bus()} and {@link #loudspeaker()});</li>
 *   <li>{@link EventSink}s that receive the ordered event stream (docs/events.md);</li>
 *   <li>a {@link Clock}: the wall clock live, a virtual clock in replay.</li>
 * </ul>
 * Live, replay and demo runs build this same object and differ only in those. Lifecycle:
 * {@link #start()} loads and deploys everything and starts the devices; {@link #close()} stops the
 * microphone, lets the front end finish what it holds, reports an utterance cut by the stop, emits
 * {@code stopped}, and closes sinks and devices. Both block and must not be called on an event loop.
 * See docs/library.md for a program that embeds an agent.
 */
public final class Agent implements AutoCloseable {

    /** The loudspeaker queue's rate (Hz): the front end's rate, so the AEC reference needs no resampling. */
    public static final int SPEAKER_RATE = AudioFrontEnd.SAMPLE_RATE;
    /** The version reported in the {@code started} event. */
    public static final String VERSION = "0.1.0";

    /**
     * The speaking half of the agent; absent when it only listens.
     *
     * @param asr      makes the command-grammar recogniser (called once per agent)
     * @param tts      makes the synthesizer, given the executor it synthesizes on
     * @param model    makes the duplex model
     * @param openTier the open-vocabulary recogniser (Whisper), shared by every agent of this
     *                 conversation (each listens through its own {@link Asr#anotherListener()}) and not
     *                 closed by them; null for the grammar alone (where
     *                 {@code onnxruntime-extensions} has no native library, e.g. a Jetson)
     * @param worthAnotherListen whether the policy cannot use a segment's final as heard, so the open
     *                 tier should listen to it again, thoroughly ({@code IntentRecognizer::worthAnotherListen},
     *                 {@link RecognitionVerticle#listenAgain}); null: never
     */
    public record Conversation(Supplier<Asr> asr, Function<Executor, Tts> tts, Supplier<DuplexModel> model,
                               Asr openTier, Predicate<Transcript> worthAnotherListen) {

        /** A conversation with the grammar recogniser alone. */
        public Conversation(Supplier<Asr> asr, Function<Executor, Tts> tts, Supplier<DuplexModel> model) {
            this(asr, tts, model, null, null);
        }

        /** Both tiers, each final listened to once. */
        public Conversation(Supplier<Asr> asr, Function<Executor, Tts> tts, Supplier<DuplexModel> model, Asr openTier) {
            this(asr, tts, model, openTier, null);
        }
    }

    private final Builder settings;
    private final Clock clock;
    private final InMemoryMetricReader metrics = InMemoryMetricReader.create();
    private final OpenTelemetrySdk otel;
    private static final Logger LOG = Logger.getLogger(Agent.class.getName());
    /** The first audio a device lost is logged; the rest are counted. */
    private final AtomicBoolean warnedDeviceLoss = new AtomicBoolean();
    private final Telemetry telemetry;
    /** The JVM's heap, GC, threads and CPU as OpenTelemetry metrics ({@code jvm.memory.used}, …). */
    private final RuntimeMetrics runtimeMetrics;
    private Vertx vertx;
    private Loudspeaker loudspeaker;
    private FrontEndVerticle frontEnd;
    private EventsVerticle events;
    private ExecutorService speechThread;
    private volatile boolean muted;
    private volatile WatchBook watches;
    private WatchVerticle watchVerticle;
    private boolean started;
    private boolean closed;

    private Agent(Builder builder) {
        this.settings = builder;
        this.clock = builder.clock;
        this.muted = builder.muted;
        this.otel = Observability.sdk(metrics, builder.telemetryOverrides);
        this.telemetry = new Telemetry(otel);
        this.runtimeMetrics = RuntimeMetrics.create(otel);
    }

    /**
     * An agent as a configuration describes it (docs/configuration.md): models fetched (pinned
     * checksums, cached) and opened, devices described, the configured event sink opened. Add sinks,
     * observers or a clock to the builder, then {@link Builder#build()}.
     *
     * @throws DeviceException a device description is not valid (one line)
     * @throws Exception       a model cannot be fetched or opened, a native library is missing
     */
    public static Builder fromConfig(dev.vigil.launch.config.AgentConfig config) throws Exception {
        return SetupThread.call("vigil-setup", () -> AgentParts.configured(config));
    }

    /** Starts describing an agent; {@link Builder#voiceActivity} is the one required part. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Deploys the loop and starts the devices; returns once the agent listens (the {@code started}
     * event has been emitted).
     *
     * @throws DeviceException a microphone or loudspeaker cannot be opened (one line)
     * @throws Exception       a component failed to start (models, native libraries)
     */
    public synchronized void start() throws Exception {
        if (started) {
            throw new IllegalStateException("an agent starts once");
        }
        started = true;
        SetupThread.call("vigil-setup", () -> {
            deployAndStartDevices();
            return null;
        });
    }

    private void deployAndStartDevices() throws Exception {
        // One event loop is enough for handlers that only route messages, and with every handler on it
        // "nothing in flight" means everything a frame caused has happened (lockstep replay relies on it).
        vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        // Every frame, transcript and control message passes through that loop: at the process's
        // priority, on a CPU shared with two busy processes, it delivered audio to recognition and the
        // duplex core up to 2 s late (units "not started in time"), though both ran at nice -5.
        vertx.runOnContext(v -> ThreadPriority.setNice(ThreadPriority.DECISION_NICE));
        Codecs.registerAll(vertx.eventBus());
        vertx.eventBus().<InputRejected>localConsumer(Addresses.INPUT_REJECTED, m -> telemetry.inputRejected(m.body().input()));
        events = new EventsVerticle(clock, telemetry, settings.sinks, settings.observers);
        await(vertx.deployVerticle(events));
        FrontEndSettings fe = settings.frontEnd;
        frontEnd = new FrontEndVerticle(fe,
                listener -> new AudioFrontEnd(fe, canceller(fe), settings.voiceActivity, listener), telemetry,
                settings.work);
        await(vertx.deployVerticle(frontEnd));
        loudspeaker = new Loudspeaker(SPEAKER_RATE, new PlaybackAnnouncer(vertx.eventBus()));
        if (settings.conversation != null) {
            Conversation c = settings.conversation;
            speechThread = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "vigil-tts");
                t.setDaemon(true);
                return t;
            });
            // The open tier is loaded once and shared by every agent of the process: each listens on
            // its own, or one agent's new segment would cancel another's stream.
            Asr openTier = c.openTier() == null ? null : c.openTier().anotherListener().orElse(c.openTier());
            await(vertx.deployVerticle(new RecognitionVerticle(c.asr().get(), openTier, c.worthAnotherListen(),
                    settings.work, settings.floor.stopConfidence())));
            await(vertx.deployVerticle(new SpeakingVerticle(c.tts().apply(speechThread), loudspeaker, settings.work)));
            DuplexModel model = c.model().get();
            await(vertx.deployVerticle(new DuplexCore(model, settings.floor, settings.work, clock)));
            if (model instanceof Watching watching && watching.watches() != null) {
                watches = watching.watches();
                watchVerticle = new WatchVerticle(watches, clock, settings.work);
                await(vertx.deployVerticle(watchVerticle));
            }
            await(vertx.deployVerticle(new StopFastPath()));
        }
        if (settings.visionEngines != null) {
            await(vertx.deployVerticle(new VisionVerticle(settings.vision, settings.visionEngines, clock, settings.work,
                    telemetry)));
        }
        if (settings.speaker != null) {
            settings.speaker.start(clock, loudspeaker, this::played, deviceListener("speaker"));
        }
        if (settings.microphone != null) {
            settings.microphone.setMuted(muted);
            settings.microphone.start(clock, this::hear, deviceListener("microphone"));
        }
        if (settings.camera != null) {
            settings.camera.start(clock, this::see, deviceListener("camera"));
        }
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("version", VERSION);
        info.put("wall_time", Instant.now().toString());
        info.put("microphone", settings.microphone == null ? "none" : settings.microphone.describe());
        info.put("speaker", settings.speaker == null ? "none" : settings.speaker.describe());
        info.put("camera", settings.camera == null ? "none" : settings.camera.describe());
        info.put("speaker_latency_ms", settings.speaker == null ? 0 : settings.speaker.latencyNanos() / 1e6);
        info.put("aec", fe.aec().enabled());
        info.put("responds", settings.conversation != null);
        info.put("muted", muted);
        info.put("engines", dev.vigil.engines.Engines.choices());
        info.putAll(settings.startedInfo);
        await(events.emit("started", info));
        if (watchVerticle != null) {
            watchVerticle.announceStanding();
        }
    }

    /**
     * Hands a microphone frame straight to the audio front end's own thread, not through the event
     * loop: on a busy CPU a starved event loop would deliver audio in bursts. Thread-safe; call in
     * capture order. Sources on the bus ({@code vigil.mic.audio}) reach the same place.
     */
    public void hear(AudioFrame frame) {
        if (settings.heardTap != null) {
            settings.heardTap.accept(frame);
        }
        frontEnd.microphone(frame);
    }

    /**
     * Hands a camera frame to vision ({@code vigil.camera.frames}); the sampler keeps the newest and
     * drops the rest, so a fast camera costs no more than a slow one. Thread-safe; returns at once.
     */
    public void see(CameraFrame frame) {
        vertx.eventBus().publish(Addresses.CAMERA_FRAMES, frame);
    }

    /**
     * Hands a frame the loudspeaker played (stamped with when it left the device) to the echo
     * canceller's reference, on the front end's thread. Thread-safe.
     */
    public void played(AudioFrame frame) {
        if (settings.playedTap != null) {
            settings.playedTap.accept(frame);
        }
        frontEnd.speaker(frame);
    }

    /**
     * Asks the agent to say {@code text} when the floor is free: never over the user, after what the
     * robot is saying, alerts before other requests (docs/architecture.md, "Behaviours speak").
     * Thread-safe; returns at once.
     *
     * @param alert true for a notice that goes before every waiting request that is no alert
     * @throws IllegalArgumentException a blank text
     */
    public void say(String text, boolean alert) {
        vertx.eventBus().publish(Addresses.SAY_REQUESTS, new SayRequest(text, alert, "api"));
    }

    /**
     * The session's watches ("tell me when …"), made from speech and by this API: {@code add} one with
     * a {@link dev.vigil.policy.watch.Condition}, list or cancel them; the agent judges them on what
     * the camera shows. Empty before {@link #start()} and when the duplex model keeps no watches.
     */
    public Optional<WatchBook> watches() {
        return Optional.ofNullable(watches);
    }

    /**
     * Makes a watch from a request in words, as if the user had said it ("tell me when the display
     * shows 17"): read by the reader that reads speech ({@code WatchRequests}) and added to the
     * session's watches from now on, as the cascade adds a spoken one; its {@code watch_created}
     * event follows on the stream. For typed requests (the web console) and programs.
     *
     * @return the watch made
     * @throws IllegalStateException    the agent keeps no watches (not started, or a duplex model without them)
     * @throws IllegalArgumentException one line: not a watch request Vigil understands, or a condition
     *                                  already watched for
     */
    public dev.vigil.policy.watch.Watch watch(String request) {
        WatchBook book = watches;
        if (book == null) {
            throw new IllegalStateException("this agent keeps no watches");
        }
        String said = request == null ? "" : request.strip();
        var read = dev.vigil.policy.watch.WatchRequests.read(said)
                .filter(dev.vigil.policy.watch.WatchRequests.Create.class::isInstance)
                .map(dev.vigil.policy.watch.WatchRequests.Create.class::cast);
        if (read.isEmpty()) {
            throw new IllegalArgumentException("not a watch request Vigil understands: \"" + said
                    + "\" (it can watch for " + String.join(", ", dev.vigil.policy.watch.WatchRequests.KINDS) + ")");
        }
        var create = read.get();
        if (book.list().stream().anyMatch(w -> w.condition().equals(create.condition()))) {
            throw new IllegalArgumentException("already watching for " + create.condition().describe());
        }
        return book.add(said, create.condition(), create.alert(), clock.nanos(), create.forNanos(), true, create.repeat());
    }

    /**
     * Takes back active watch {@code id} ({@code w1}, …); its {@code watch_cancelled} event follows.
     *
     * @return the watch taken back; empty when there is no such active watch or the agent keeps none
     */
    public Optional<dev.vigil.policy.watch.Watch> cancelWatch(String id) {
        WatchBook book = watches;
        return book == null ? Optional.empty() : book.cancel(id, clock.nanos());
    }

    /** The agent's event bus: addresses in {@link Addresses}. Valid after {@link #start()}. */
    public EventBus bus() {
        return vertx.eventBus();
    }

    /** The Vert.x instance the agent runs on (to deploy more verticles beside it). */
    public Vertx vertx() {
        return vertx;
    }

    /** The robot's voice queue ({@value #SPEAKER_RATE} Hz), which a speaker sink pulls from. */
    public Loudspeaker loudspeaker() {
        return loudspeaker;
    }

    public Clock clock() {
        return clock;
    }

    /** The microphone, or null when the bus is fed otherwise (replay). */
    public MicrophoneSource microphone() {
        return settings.microphone;
    }

    /** The camera device, or null (frames may still come from the bus: ROS, replay). */
    public CameraSource camera() {
        return settings.camera;
    }

    /** The loudspeaker device, or null when the queue is pulled otherwise (replay). */
    public SpeakerSink speaker() {
        return settings.speaker;
    }

    public Telemetry telemetry() {
        return telemetry;
    }

    /** Mutes or unmutes the microphone (silence reaches the front end while muted) and emits {@code muted}. */
    public void setMuted(boolean mute) {
        muted = mute;
        if (settings.microphone != null) {
            settings.microphone.setMuted(mute);
        }
        if (vertx != null) {
            vertx.eventBus().publish(Addresses.MICROPHONE_MUTED, new MicrophoneMuted(mute, clock.nanos()));
        }
    }

    public boolean muted() {
        return muted;
    }

    /** Completes once every microphone frame handed over so far has been through the front end. */
    public Future<Void> drained() {
        return frontEnd.finish();
    }

    /**
     * Vigil's OpenTelemetry counters so far (not its histograms or gauges), by name (with attributes in
     * braces), summed.
     */
    public Map<String, Long> counters() {
        Map<String, Long> out = new TreeMap<>();
        for (MetricData metric : metrics.collectAllMetrics()) {
            if (!metric.getInstrumentationScopeInfo().getName().equals(Telemetry.INSTRUMENTATION_SCOPE)
                    || metric.getType() != MetricDataType.LONG_SUM) {
                // The JVM's own (threads, classes) differ from run to run, and so do gauges (queue
                // depths at the moment of reading): not the report's.
                continue;
            }
            for (var point : metric.getData().getPoints()) {
                if (point instanceof LongPointData p) {
                    String attributes = p.getAttributes().isEmpty() ? "" : p.getAttributes().asMap().entrySet().stream()
                            .map(e -> e.getKey().getKey() + "=" + e.getValue())
                            .collect(Collectors.joining(",", "{", "}"));
                    out.merge(metric.getName() + attributes, p.getValue(), Long::sum);
                }
            }
        }
        return out;
    }

    /**
     * Stops cleanly: microphone off, queued audio through the front end (the open voice segment
     * ended), an utterance still playing reported as cut, {@code stopped} emitted with
     * {@code reason}, then speaker, sinks and the bus closed.
     */
    public synchronized void stop(String reason) throws Exception {
        if (closed) {
            return;
        }
        if (!started) {
            closed = true;
            runtimeMetrics.close();
            otel.close();   // a Prometheus endpoint, when configured, is already listening
            return;
        }
        closed = true;
        try {
            if (settings.camera != null) {
                settings.camera.close();
            }
            if (settings.microphone != null) {
                settings.microphone.close();
            }
            awaitQuietly(frontEnd.finish(), 10);
            if (settings.speaker != null) {
                settings.speaker.close();
            }
            vertx.runOnContext(v -> loudspeaker.flush(clock.nanos()));
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("reason", reason);
            info.put("duration_s", Math.round(clock.seconds() * 1000) / 1000.0);
            awaitQuietly(events.emit("stopped", info), 10);
        } finally {
            events.closeSinks();
            await(vertx.close());
            if (speechThread != null) {
                speechThread.shutdownNow();
            }
            runtimeMetrics.close();
            otel.close();
        }
    }

    /** {@link #stop(String)} with reason {@code closed}. */
    @Override
    public void close() throws Exception {
        stop("closed");
    }

    private DeviceListener deviceListener(String component) {
        return new DeviceListener() {
            @Override
            public void error(String message) {
                telemetry.error(component);
                vertx.eventBus().publish(Addresses.ERRORS, new ComponentError(component, message, clock.nanos()));
            }

            @Override
            public void recovered(String message) {
                // A device that came back is a new echo path: what the canceller learned no longer holds.
                frontEnd.echoPathChanged();
                vertx.eventBus().publish(Addresses.RECOVERED, new ComponentRecovered(component, message, clock.nanos()));
                events.emit("device_recovered", Map.of("component", component, "message", message));
            }

            @Override
            public void rejected(String problem) {
                telemetry.inputRejected(component);
            }

            @Override
            public void lost(long fromNanos, long durationNanos) {
                // Counted with the audio the front end dropped: for the user it is the same loss (a
                // word gone), and the report's dropped audio must not read 0 while words vanish.
                if (warnedDeviceLoss.compareAndSet(false, true)) {
                    LOG.warning("the " + component + " lost " + durationNanos / 1_000_000 + " ms of audio at "
                            + String.format(Locale.ROOT, "%.2f", fromNanos / 1e9)
                            + " s (its buffer overran while the capture thread was held up; the CPU is too busy?)");
                }
                telemetry.audioDropped(AudioDropped.MICROPHONE_DEVICE, durationNanos / 1_000_000);
                vertx.eventBus().publish(Addresses.AUDIO_DROPPED,
                        new AudioDropped(AudioDropped.MICROPHONE_DEVICE, fromNanos, durationNanos));
            }
        };
    }

    private static EchoCanceller canceller(FrontEndSettings settings) {
        return settings.aec().enabled()
                ? new SpeexEchoCanceller(AudioFrontEnd.SAMPLE_RATE, AudioFrontEnd.FRAME, settings.aec())
                : EchoCanceller.disabled(AudioFrontEnd.FRAME);
    }

    static <T> T await(Future<T> future) throws Exception {
        try {
            return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.MINUTES);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }

    private static void awaitQuietly(Future<?> future, int seconds) throws InterruptedException {
        try {
            future.toCompletionStage().toCompletableFuture().get(seconds, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // Shutting down: what could be finished was; the rest is reported by the components.
        }
    }

    /**
     * Hosts the event stream: observers and sinks are attached on this verticle's context, so every
     * event is handled on one event loop, in publication order, and the agent's own {@code started}
     * and {@code stopped} take their place in that order.
     */
    private static final class EventsVerticle extends AbstractVerticle {
        private final Clock clock;
        private final Telemetry telemetry;
        private final List<EventSink> sinks;
        private final List<Consumer<EventBus>> observers;
        private Context context;

        EventsVerticle(Clock clock, Telemetry telemetry, List<EventSink> sinks, List<Consumer<EventBus>> observers) {
            this.clock = clock;
            this.telemetry = telemetry;
            this.sinks = sinks;
            this.observers = observers;
        }

        @Override
        public void start() {
            context = vertx.getOrCreateContext();
            EventStream.attach(vertx.eventBus(), clock, this::deliver);
            // Before the observers: what it publishes is theirs to see too (the replay's report).
            LiveMeasures.attach(vertx.eventBus(), clock, telemetry);
            observers.forEach(o -> o.accept(vertx.eventBus()));
        }

        private void deliver(AgentEvent event) {
            for (EventSink sink : sinks) {
                sink.accept(event);
            }
        }

        Future<Void> emit(String type, Map<String, Object> fields) {
            Promise<Void> done = Promise.promise();
            context.runOnContext(v -> {
                AgentEvent.Builder event = AgentEvent.of(type, clock.seconds());
                fields.forEach(event::with);
                deliver(event.build());
                done.complete();
            });
            return done.future();
        }

        void closeSinks() {
            for (EventSink sink : sinks) {
                sink.close();
            }
        }
    }

    /** What an agent is made of; every part but the voice-activity model has a default. */
    public static final class Builder {
        private FrontEndSettings frontEnd = FrontEndSettings.defaults();
        private FloorSettings floor = FloorSettings.defaults();
        private Supplier<VoiceActivityModel> voiceActivity;
        private Conversation conversation;
        private Clock clock;
        private WorkInFlight work = WorkInFlight.untracked();
        private MicrophoneSource microphone;
        private SpeakerSink speaker;
        private CameraSource camera;
        private VisionSettings vision = VisionSettings.defaults();
        private Supplier<List<VisionEngine>> visionEngines;
        private Consumer<AudioFrame> heardTap;
        private Consumer<AudioFrame> playedTap;
        private boolean muted;
        private final List<EventSink> sinks = new ArrayList<>();
        private final List<Consumer<EventBus>> observers = new ArrayList<>();
        private final Map<String, String> telemetryOverrides = new java.util.LinkedHashMap<>();
        private final Map<String, Object> startedInfo = new LinkedHashMap<>();

        private Builder() {
        }

        /** Hearing: AEC, VAD, echo guard, front-end queue (default {@link FrontEndSettings#defaults()}). */
        public Builder frontEnd(FrontEndSettings s) {
            this.frontEnd = Objects.requireNonNull(s);
            return this;
        }

        /** Turn taking and interruption (default {@link FloorSettings#defaults()}). */
        public Builder floor(FloorSettings s) {
            this.floor = Objects.requireNonNull(s);
            return this;
        }

        /** Makes a voice-activity model; called again to replace one that failed. Required. */
        public Builder voiceActivity(Supplier<VoiceActivityModel> models) {
            this.voiceActivity = Objects.requireNonNull(models);
            return this;
        }

        /** Recognition, the duplex model and speech; without it the agent only listens. */
        public Builder conversation(Conversation c) {
            this.conversation = c;
            return this;
        }

        /** Session time (default: the wall clock, from {@link #build()}). */
        public Builder clock(Clock c) {
            this.clock = Objects.requireNonNull(c);
            return this;
        }

        /** Lockstep bookkeeping for full-speed replay (default: untracked, free). */
        public Builder work(WorkInFlight w) {
            this.work = Objects.requireNonNull(w);
            return this;
        }

        public Builder microphone(MicrophoneSource m) {
            this.microphone = m;
            return this;
        }

        public Builder speaker(SpeakerSink s) {
            this.speaker = s;
            return this;
        }

        /**
         * Vision: the frame sampler and its engines (made on the vision thread when the agent starts).
         * Without it, frames reach nobody and watches never fire.
         */
        public Builder vision(VisionSettings s, Supplier<List<VisionEngine>> engines) {
            this.vision = Objects.requireNonNull(s);
            this.visionEngines = Objects.requireNonNull(engines);
            return this;
        }

        /** The camera vision watches; without one, frames reach vision only from the bus (ROS, replay). */
        public Builder camera(CameraSource c) {
            this.camera = c;
            return this;
        }

        /** The camera, or null. */
        public CameraSource camera() {
            return camera;
        }

        /** Also sees every microphone frame as captured (recordings); must not block. */
        public Builder onHeard(Consumer<AudioFrame> tap) {
            this.heardTap = tap;
            return this;
        }

        /** Also sees every frame the speaker played (recordings); must not block. */
        public Builder onPlayed(Consumer<AudioFrame> tap) {
            this.playedTap = tap;
            return this;
        }

        /** Start with the microphone muted. */
        public Builder muted(boolean m) {
            this.muted = m;
            return this;
        }

        /** Receives the event stream; closed by the agent when it stops. */
        public Builder events(EventSink sink) {
            sinks.add(Objects.requireNonNull(sink));
            return this;
        }

        /**
         * OpenTelemetry settings ({@code otel.*}) over the environment's {@code OTEL_*}: where the
         * traces and metrics go (docs/observability.md). Tests pin theirs here.
         */
        public Builder telemetry(Map<String, String> settings) {
            telemetryOverrides.putAll(settings);
            return this;
        }

        /** Attached to the bus before anything runs, on the event-stream's event loop. */
        public Builder observe(Consumer<EventBus> observer) {
            observers.add(Objects.requireNonNull(observer));
            return this;
        }

        /** Extra fields for the {@code started} event (e.g. the configuration file). */
        public Builder startedInfo(String key, Object value) {
            startedInfo.put(key, value);
            return this;
        }

        /** @throws IllegalStateException no voice-activity model was given */
        public Agent build() {
            if (voiceActivity == null) {
                throw new IllegalStateException("an agent needs a voice-activity model (Builder.voiceActivity)");
            }
            if (clock == null) {
                clock = new WallClock();
            }
            return new Agent(this);
        }
    }
}
