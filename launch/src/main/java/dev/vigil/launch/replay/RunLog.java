package dev.vigil.launch.replay;

import dev.vigil.agent.bus.Addresses;
import dev.vigil.agent.message.AudioDropped;
import dev.vigil.agent.message.ComponentError;
import dev.vigil.agent.message.EchoRejected;
import dev.vigil.agent.message.RobotSpeaking;
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
 * touches the components it watches. Lists are appended on the event loop and read after the run.
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

    public final List<Segment> segments = Collections.synchronizedList(new ArrayList<>());
    public final List<ComponentError> errors = Collections.synchronizedList(new ArrayList<>());
    public final List<AudioDropped> drops = Collections.synchronizedList(new ArrayList<>());
    public final List<EchoRejected> echoRejections = Collections.synchronizedList(new ArrayList<>());
    public final List<UtterancePlayed> utterances = Collections.synchronizedList(new ArrayList<>());

    /** Listens on the bus; {@code printer} (may be null) sees each event for a live timeline. */
    public void attach(EventBus bus, Consumer<Object> printer) {
        bus.<VoiceStarted>localConsumer(Addresses.VOICE_STARTED, m -> {
            segments.add(new Segment(m.body()));
            show(printer, m.body());
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
            show(printer, m.body());
        });
        bus.<ComponentError>localConsumer(Addresses.ERRORS, m -> {
            errors.add(m.body());
            show(printer, m.body());
        });
        bus.<AudioDropped>localConsumer(Addresses.AUDIO_DROPPED, m -> drops.add(m.body()));
        bus.<RobotSpeaking>localConsumer(Addresses.ROBOT_SPEAKING, m -> show(printer, m.body()));
        bus.<UtterancePlayed>localConsumer(Addresses.UTTERANCE_PLAYED, m -> utterances.add(m.body()));
        bus.<EchoRejected>localConsumer(Addresses.ECHO_REJECTED, m -> echoRejections.add(m.body()));
    }

    private static void show(Consumer<Object> printer, Object event) {
        if (printer != null) {
            printer.accept(event);
        }
    }
}
