package dev.vigil.launch.replay;

import dev.vigil.agent.clock.Clock;
import dev.vigil.agent.clock.VirtualClock;
import dev.vigil.agent.clock.WallClock;
import dev.vigil.agent.clock.WorkInFlight;
import dev.vigil.launch.Agent;
import dev.vigil.launch.events.EventSink;
import dev.vigil.launch.scenario.RenderedScenario;
import dev.vigil.perception.audio.frontend.FrontEndSettings;
import dev.vigil.perception.audio.vad.VoiceActivityModel;
import dev.vigil.perception.vision.VisionEngine;
import dev.vigil.perception.vision.VisionSettings;
import dev.vigil.policy.watch.WatchBook;
import io.vertx.core.Future;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One replay of a rendered scenario through the same {@link Agent} a live run uses: the simulated
 * room is its microphone and loudspeaker (one acoustic room, so one lockstep source drives both), a
 * virtual clock at full speed, and a run log observing the bus for the report.
 */
public final class ReplayRun {

    /**
     * @param speed     pacing
     * @param settings  front-end settings (AEC on/off lives here)
     * @param models    makes a voice-activity model; called again to restart a failed one
     * @param timeline  sees every decision as it is made (null: silent)
     * @param recordings where to write mic.wav, robot.wav and mix.wav (null: nowhere)
     * @param conversation the speaking half of the agent, or null to only listen
     * @param events    receive the event stream (docs/events.md); closed at the end of the run
     * @param vision    makes the vision engines that look at the scenario's video (null: none)
     * @param interruption ends the run early when requested (null: never); the report then covers the
     *                  audio played until then and is marked {@code interrupted}
     * @param started   told the agent once it has started, before the scenario plays (the web console
     *                  attaches to it there); null: nobody
     * @param telemetry OpenTelemetry settings ({@code otel.*}) over the environment's, for this run's agent
     *                  (docs/observability.md; {@link Agent.Builder#telemetry}); empty or null: the environment's
     * @param stopping  told the agent once the scenario has played and the report is taken, before the
     *                  agent stops: its exporters then hold exactly what the report holds (a scrape of the
     *                  Prometheus endpoint there agrees with {@code report.json}); null: nobody
     */
    public record Options(Speed speed, FrontEndSettings settings, Supplier<VoiceActivityModel> models,
                          Consumer<Object> timeline, java.nio.file.Path recordings, Agent.Conversation conversation,
                          List<EventSink> events, Supplier<List<VisionEngine>> vision, Interruption interruption,
                          Consumer<Agent> started, Map<String, String> telemetry, Consumer<Agent> stopping) {

        public Options {
            telemetry = telemetry == null ? Map.of() : Map.copyOf(telemetry);
        }

        public Options(Speed speed, FrontEndSettings settings, Supplier<VoiceActivityModel> models,
                       Consumer<Object> timeline, java.nio.file.Path recordings, Agent.Conversation conversation,
                       List<EventSink> events, Supplier<List<VisionEngine>> vision, Interruption interruption,
                       Consumer<Agent> started) {
            this(speed, settings, models, timeline, recordings, conversation, events, vision, interruption, started,
                    Map.of(), null);
        }

        public Options(Speed speed, FrontEndSettings settings, Supplier<VoiceActivityModel> models,
                       Consumer<Object> timeline, java.nio.file.Path recordings, Agent.Conversation conversation,
                       List<EventSink> events, Supplier<List<VisionEngine>> vision, Interruption interruption) {
            this(speed, settings, models, timeline, recordings, conversation, events, vision, interruption, null);
        }

        public Options(Speed speed, FrontEndSettings settings, Supplier<VoiceActivityModel> models,
                       Consumer<Object> timeline, java.nio.file.Path recordings, Agent.Conversation conversation,
                       List<EventSink> events, Supplier<List<VisionEngine>> vision) {
            this(speed, settings, models, timeline, recordings, conversation, events, vision, null);
        }

        public Options(Speed speed, FrontEndSettings settings, Supplier<VoiceActivityModel> models,
                       Consumer<Object> timeline, java.nio.file.Path recordings, Agent.Conversation conversation,
                       List<EventSink> events) {
            this(speed, settings, models, timeline, recordings, conversation, events, null);
        }

        public Options(Speed speed, FrontEndSettings settings, Supplier<VoiceActivityModel> models,
                       Consumer<Object> timeline, java.nio.file.Path recordings, Agent.Conversation conversation) {
            this(speed, settings, models, timeline, recordings, conversation, List.of());
        }

        public Options(Speed speed, FrontEndSettings settings, Supplier<VoiceActivityModel> models,
                       Consumer<Object> timeline) {
            this(speed, settings, models, timeline, null, null);
        }

        /** These options with {@code settings} as the agent's OpenTelemetry settings. */
        public Options withTelemetry(Map<String, String> settings) {
            return new Options(speed, this.settings, models, timeline, recordings, conversation, events, vision,
                    interruption, started, settings, stopping);
        }

        /** These options with {@code started} told the agent once it has started. */
        public Options afterStart(Consumer<Agent> started) {
            return new Options(speed, settings, models, timeline, recordings, conversation, events, vision,
                    interruption, started, telemetry, stopping);
        }

        /** These options with {@code stopping} told the agent before it stops. */
        public Options beforeStop(Consumer<Agent> stopping) {
            return new Options(speed, settings, models, timeline, recordings, conversation, events, vision,
                    interruption, started, telemetry, stopping);
        }
    }

    private ReplayRun() {
    }

    /**
     * @throws Recordings.WriteFailed the recordings could not be written; it carries the report
     */
    public static Report run(RenderedScenario rendered, Options options) throws Exception {
        WorkInFlight work = new WorkInFlight();
        // Real time starts with the first frame: loading models can take seconds on a busy board, and
        // a clock started before would make the room "play" that long at once.
        Clock clock = options.speed() == Speed.MAX ? new VirtualClock() : new WallClock();
        Agent.Conversation conversation = options.conversation();
        if (conversation != null && options.speed() == Speed.MAX) {
            Agent.Conversation given = conversation;
            conversation = new Agent.Conversation(() -> new LockstepAsr(given.asr().get()), given.tts(), given.model(),
                    given.openTier(), given.worthAnotherListen());
        }
        Agent.Builder builder = Agent.builder()
                .frontEnd(options.settings())
                .voiceActivity(options.models())
                .conversation(conversation)
                .clock(clock)
                .work(work)
                .telemetry(options.telemetry());
        options.events().forEach(builder::events);
        if (options.vision() != null) {
            builder.vision(VisionSettings.defaults(), options.vision());
        }
        Agent agent = builder.build();
        boolean stopped = false;
        Recordings.Live live = null;
        try {
            agent.start();
            if (options.started() != null) {
                options.started().accept(agent);
            }
            RunLog log = new RunLog();
            SimulatedRoom room = new SimulatedRoom(rendered, agent.loudspeaker());
            live = options.recordings() == null ? null : Recordings.Live.record(options.recordings(), room);
            ReplaySource source = new ReplaySource(room, options.speed(), clock, work,
                    bus -> log.attach(bus, clock, options.timeline()), agent);
            long started = System.nanoTime();
            if (clock instanceof WallClock wall) {
                wall.restart();
            }
            await(agent.vertx().deployVerticle(source));
            if (options.interruption() != null) {
                options.interruption().whenRequested(why -> source.cut());
            }
            await(source.done());
            int frames = source.framesSent();
            // Asked to stop as the last frame went out is still a stop asked for: the report says so,
            // like the exit code.
            boolean interrupted = frames < room.frames()
                    || (options.interruption() != null && options.interruption().requested());
            // An utterance still playing at the end of the scenario (or the cut) is reported as cut there.
            agent.vertx().runOnContext(v -> agent.loudspeaker().flush(SimulatedRoom.frameNanos(frames)));
            await(agent.drained());
            await(source.quiet());
            double wall = (System.nanoTime() - started) / 1e9;
            IOException unwritten = null;
            if (live != null) {
                live.close();
                try {
                    Recordings.write(options.recordings(), room, frames);
                } catch (IOException e) {
                    unwritten = e;   // the report is still worth having
                }
            }
            Report report = ReportBuilder.build(rendered, log, options.speed().label(),
                    options.settings().aec().enabled(), options.settings().vad().preRollMillis() / 1000.0, wall,
                    agent.counters(), agent.watches().map(WatchBook::all).orElse(List.of()),
                    interrupted ? SimulatedRoom.frameNanos(frames) / 1e9 : null);
            if (options.stopping() != null) {
                options.stopping().accept(agent);
            }
            // The events file's last line names the signal that cut the run, as a live run's does.
            agent.stop(interrupted ? options.interruption().reason().orElse("interrupted") : "end of scenario");
            stopped = true;
            if (unwritten != null) {
                throw new Recordings.WriteFailed(options.recordings(), unwritten, report);
            }
            return report;
        } finally {
            if (!stopped) {
                agent.stop("failed");
            }
            if (live != null) {
                live.close();   // what was recorded so far stays playable
            }
        }
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
