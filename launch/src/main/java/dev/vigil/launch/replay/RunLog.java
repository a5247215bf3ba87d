package dev.vigil.launch.replay;

import dev.vigil.agent.bus.Addresses;
import dev.vigil.agent.clock.Clock;
import dev.vigil.agent.message.AudioDropped;
import dev.vigil.agent.message.BargeIn;
import dev.vigil.agent.message.ComponentError;
import dev.vigil.agent.message.EchoRejected;
import dev.vigil.agent.message.FalseInterruption;
import dev.vigil.agent.message.Intent;
import dev.vigil.agent.message.Measured;
import dev.vigil.agent.message.RobotSpeaking;
import dev.vigil.agent.message.SceneObservations;
import dev.vigil.agent.message.WatchUpdate;
import dev.vigil.agent.message.Say;
import dev.vigil.agent.message.Transcript;
import dev.vigil.agent.message.UnitDeadlineMissed;
import dev.vigil.agent.message.UtterancePlayed;
import dev.vigil.agent.message.VoiceStarted;
import dev.vigil.agent.message.VoiceStopped;
import io.vertx.core.eventbus.EventBus;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;

/**
 * Everything the agent announced during a run, as it happened: an observer on the bus that never
 * touches the components it watches. Entries are stamped with the session clock when they arrive
 * (that is when the rest of the agent could act on them). Appended on the event loop, read after.
 */
public final class RunLog {

    /** One detected voice segment, open until its voice-stopped arrives. */
    public static final class Segment {
        public final VoiceStarted started;
        public VoiceStopped stopped;

        Segment(VoiceStarted started) {
            this.started = started;
        }
    }

    /** A message and the session time it arrived. */
    public record Stamped<T>(T message, long atNanos) {
    }

    public final List<Segment> segments = Collections.synchronizedList(new ArrayList<>());
    public final List<ComponentError> errors = Collections.synchronizedList(new ArrayList<>());
    public final List<AudioDropped> drops = Collections.synchronizedList(new ArrayList<>());
    public final List<EchoRejected> echoRejections = Collections.synchronizedList(new ArrayList<>());
    public final List<UtterancePlayed> utterances = Collections.synchronizedList(new ArrayList<>());
    public final List<Stamped<Transcript>> transcripts = Collections.synchronizedList(new ArrayList<>());
    public final List<Stamped<Intent>> intents = Collections.synchronizedList(new ArrayList<>());
    public final List<Stamped<Say>> says = Collections.synchronizedList(new ArrayList<>());
    public final List<BargeIn> bargeIns = Collections.synchronizedList(new ArrayList<>());
    /** The agent's live measures ({@code LiveMeasures}), in the order they were published. */
    public final List<Measured> measured = Collections.synchronizedList(new ArrayList<>());
    public final List<FalseInterruption> falseInterruptions = Collections.synchronizedList(new ArrayList<>());
    /** Robot speaking on and off, as the loudspeaker announced it (off also while a barge-in holds it paused). */
    public final List<RobotSpeaking> robotSpeaking = Collections.synchronizedList(new ArrayList<>());
    public final List<UnitDeadlineMissed> deadlineMisses = Collections.synchronizedList(new ArrayList<>());
    public final List<WatchUpdate> watchUpdates = Collections.synchronizedList(new ArrayList<>());
    /** Per sampled frame and engine: which engine, and its compute time (wall clock, for {@code processing}). */
    public final List<EngineRun> engineRuns = Collections.synchronizedList(new ArrayList<>());

    /** One engine's run on one sampled frame. */
    public record EngineRun(String engine, long captureNanos, long computeNanos) {
    }

    /** Listens on the bus; {@code printer} (may be null) sees each event for a live timeline. */
    public void attach(EventBus bus, Clock clock, Consumer<Object> printer) {
        bus.<VoiceStarted>localConsumer(Addresses.VOICE_STARTED, m -> {
            segments.add(new Segment(m.body()));
            show(printer, clock, m.body());
        });
        bus.<VoiceStopped>localConsumer(Addresses.VOICE_STOPPED, m -> {
            synchronized (segments) {
                for (int i = segments.size() - 1; i >= 0; i--) {
                    Segment s = segments.get(i);
                    if (s.stopped == null && s.started.onsetNanos() == m.body().onsetNanos()) {
                        s.stopped = m.body();
                        break;
                    }
                }
            }
            show(printer, clock, m.body());
        });
        bus.<ComponentError>localConsumer(Addresses.ERRORS, m -> {
            errors.add(m.body());
            show(printer, clock, m.body());
        });
        bus.<AudioDropped>localConsumer(Addresses.AUDIO_DROPPED, m -> drops.add(m.body()));
        bus.<EchoRejected>localConsumer(Addresses.ECHO_REJECTED, m -> echoRejections.add(m.body()));
        bus.<RobotSpeaking>localConsumer(Addresses.ROBOT_SPEAKING, m -> {
            robotSpeaking.add(m.body());
            show(printer, clock, m.body());
        });
        bus.<UnitDeadlineMissed>localConsumer(Addresses.UNIT_DEADLINE_MISSED, m -> {
            deadlineMisses.add(m.body());
            show(printer, clock, m.body());
        });
        bus.<UtterancePlayed>localConsumer(Addresses.UTTERANCE_PLAYED, m -> {
            utterances.add(m.body());
            show(printer, clock, m.body());
        });
        bus.<Transcript>localConsumer(Addresses.TRANSCRIPTS, m -> {
            transcripts.add(new Stamped<>(m.body(), clock.nanos()));
            show(printer, clock, m.body());
        });
        bus.<Intent>localConsumer(Addresses.INTENTS, m -> {
            intents.add(new Stamped<>(m.body(), clock.nanos()));
            show(printer, clock, m.body());
        });
        bus.<Say>localConsumer(Addresses.SAY, m -> says.add(new Stamped<>(m.body(), clock.nanos())));
        bus.<Measured>localConsumer(Addresses.MEASURED, m -> measured.add(m.body()));
        bus.<BargeIn>localConsumer(Addresses.BARGE_IN, m -> {
            bargeIns.add(m.body());
            show(printer, clock, m.body());
        });
        bus.<WatchUpdate>localConsumer(Addresses.WATCHES, m -> {
            watchUpdates.add(m.body());
            show(printer, clock, m.body());
        });
        bus.<SceneObservations>localConsumer(Addresses.OBSERVATIONS, m -> engineRuns.add(
                new EngineRun(m.body().engine(), m.body().captureNanos(), m.body().computeNanos())));
        bus.<FalseInterruption>localConsumer(Addresses.FALSE_INTERRUPTION, m -> {
            falseInterruptions.add(m.body());
            show(printer, clock, m.body());
        });
    }

    /** Hands the printer each event stamped with its arrival: a timeline printed as it comes is then in time order. */
    private static void show(Consumer<Object> printer, Clock clock, Object event) {
        if (printer != null) {
            printer.accept(new Stamped<>(event, clock.nanos()));
        }
    }

    /** A snapshot of one of the log's lists. */
    public static <T> List<T> copy(List<T> list) {
        synchronized (list) {
            return List.copyOf(list);
        }
    }
}
