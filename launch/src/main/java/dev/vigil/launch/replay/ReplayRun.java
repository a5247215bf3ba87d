package dev.vigil.launch.replay;

import dev.vigil.agent.bus.Codecs;
import dev.vigil.agent.clock.Clock;
import dev.vigil.agent.clock.VirtualClock;
import dev.vigil.agent.clock.WallClock;
import dev.vigil.agent.clock.WorkInFlight;
import dev.vigil.speech.playback.Loudspeaker;
import io.vertx.core.VertxOptions;
import dev.vigil.agent.duplex.DuplexCore;
import dev.vigil.agent.duplex.DuplexModel;
import dev.vigil.agent.duplex.FloorSettings;
import dev.vigil.policy.safety.StopFastPath;
import dev.vigil.speech.asr.Asr;
import dev.vigil.speech.asr.RecognitionVerticle;
import dev.vigil.speech.tts.SpeakingVerticle;
import dev.vigil.speech.tts.Tts;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.function.Function;
import dev.vigil.agent.telemetry.Telemetry;
import dev.vigil.launch.scenario.RenderedScenario;
import dev.vigil.perception.audio.aec.EchoCanceller;
import dev.vigil.perception.audio.aec.SpeexEchoCanceller;
import dev.vigil.perception.audio.frontend.AudioFrontEnd;
import dev.vigil.perception.audio.frontend.FrontEndSettings;
import dev.vigil.perception.audio.frontend.FrontEndVerticle;
import dev.vigil.perception.audio.vad.VoiceActivityModel;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One replay of a rendered scenario through the real agent pieces: one Vert.x instance, the audio
 * front end verticle, the simulated room as source, and a run log observing the bus.
 */
public final class ReplayRun {

    /**
     * @param speed     pacing
     * @param settings  front-end settings (AEC on/off lives here)
     * @param models    makes a voice-activity model; called again to restart a failed one
     * @param timeline  sees every decision as it is made (null: silent)
     * @param recordings where to write mic.wav, robot.wav and mix.wav (null: nowhere)
     * @param conversation the speaking half of the agent, or null to only listen
     */
    public record Options(Speed speed, FrontEndSettings settings, Supplier<VoiceActivityModel> models,
                          Consumer<Object> timeline, java.nio.file.Path recordings, Conversation conversation) {

        public Options(Speed speed, FrontEndSettings settings, Supplier<VoiceActivityModel> models,
                       Consumer<Object> timeline) {
            this(speed, settings, models, timeline, null, null);
        }
    }

    /**
     * The speaking half of the agent; absent when the scenario only listens.
     *
     * @param asr   the recogniser (opened once per run)
     * @param tts   the synthesizer, given the executor it synthesizes on
     * @param model the duplex model
     */
    public record Conversation(Supplier<Asr> asr, Function<Executor, Tts> tts, Supplier<DuplexModel> model) {
    }

    private ReplayRun() {
    }

    public static Report run(RenderedScenario rendered, Options options) throws Exception {
        InMemoryMetricReader metrics = InMemoryMetricReader.create();
        SdkMeterProvider meters = SdkMeterProvider.builder().registerMetricReader(metrics).build();
        Telemetry telemetry = new Telemetry(OpenTelemetrySdk.builder().setMeterProvider(meters).build());
        // One event loop: with every handler on it, "nothing in flight" means everything a frame caused
        // has happened (see WorkInFlight), which full-speed replay relies on. Workers do the heavy work.
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        ExecutorService speechThread = null;
        try {
            Codecs.registerAll(vertx.eventBus());
            WorkInFlight work = new WorkInFlight();
            FrontEndSettings settings = options.settings();
            FrontEndVerticle frontEnd = new FrontEndVerticle(settings,
                    listener -> new AudioFrontEnd(settings, canceller(settings), options.models(), listener), telemetry,
                    work);
            await(vertx.deployVerticle(frontEnd));
            RunLog log = new RunLog();
            Loudspeaker loudspeaker = new Loudspeaker(SimulatedRoom.RATE, new PlaybackAnnouncer(vertx.eventBus()));
            SimulatedRoom room = new SimulatedRoom(rendered, loudspeaker);
            if (options.conversation() != null) {
                Conversation c = options.conversation();
                speechThread = Executors.newSingleThreadExecutor(r -> {
                    Thread t = new Thread(r, "vigil-tts");
                    t.setDaemon(true);
                    return t;
                });
                await(vertx.deployVerticle(new RecognitionVerticle(c.asr().get(), work)));
                await(vertx.deployVerticle(new SpeakingVerticle(c.tts().apply(speechThread), loudspeaker, work)));
            }
            // One clock for the run: the replay moves it, and every timer in the agent runs on it. A wall
            // clock starts here, after the slow set-up (loading the recogniser takes seconds), so a
            // real-time run does not begin with seconds of audio already due at once.
            Clock clock = options.speed() == Speed.MAX ? new VirtualClock() : new WallClock();
            if (options.conversation() != null) {
                await(vertx.deployVerticle(new DuplexCore(options.conversation().model().get(), FloorSettings.defaults(), work, clock)));
                await(vertx.deployVerticle(new StopFastPath()));
            }
            ReplaySource source = new ReplaySource(room, options.speed(), clock, work,
                    bus -> log.attach(bus, clock, options.timeline()));
            long started = System.nanoTime();
            await(vertx.deployVerticle(source));
            await(source.done());
            // An utterance still playing at the end of the scenario is reported as cut there.
            vertx.runOnContext(v -> loudspeaker.flush(SimulatedRoom.frameNanos(room.frames())));
            await(frontEnd.finish());
            await(source.settled());
            double wall = (System.nanoTime() - started) / 1e9;
            if (options.recordings() != null) {
                Recordings.write(options.recordings(), room);
            }
            return ReportBuilder.build(rendered, log, options.speed().label(), settings.aec().enabled(), wall,
                    counters(metrics));
        } finally {
            await(vertx.close());
            if (speechThread != null) {
                speechThread.shutdownNow();
            }
            meters.close();
        }
    }

    private static EchoCanceller canceller(FrontEndSettings settings) {
        return settings.aec().enabled()
                ? new SpeexEchoCanceller(AudioFrontEnd.SAMPLE_RATE, AudioFrontEnd.FRAME, settings.aec())
                : EchoCanceller.disabled(AudioFrontEnd.FRAME);
    }

    private static Map<String, Long> counters(InMemoryMetricReader reader) {
        Map<String, Long> out = new TreeMap<>();
        for (MetricData metric : reader.collectAllMetrics()) {
            for (var point : metric.getData().getPoints()) {
                if (point instanceof LongPointData p) {
                    String attributes = p.getAttributes().isEmpty() ? "" : p.getAttributes().asMap().entrySet().stream()
                            .map(e -> e.getKey().getKey() + "=" + e.getValue())
                            .collect(java.util.stream.Collectors.joining(",", "{", "}"));
                    out.merge(metric.getName() + attributes, p.getValue(), Long::sum);
                }
            }
        }
        return out;
    }

    static <T> T await(Future<T> future) throws Exception {
        try {
            return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.MINUTES);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }
}
