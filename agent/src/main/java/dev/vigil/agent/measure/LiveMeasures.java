package dev.vigil.agent.measure;

import dev.vigil.agent.bus.Addresses;
import dev.vigil.agent.clock.Clock;
import dev.vigil.agent.message.BargeIn;
import dev.vigil.agent.message.Measured;
import dev.vigil.agent.message.RobotSpeaking;
import dev.vigil.agent.message.Say;
import dev.vigil.agent.message.Transcript;
import dev.vigil.agent.message.UtterancePlayed;
import dev.vigil.agent.message.UtteranceStarted;
import dev.vigil.agent.message.VoiceStarted;
import dev.vigil.agent.message.VoiceStopped;
import dev.vigil.agent.telemetry.Telemetry;
import io.vertx.core.eventbus.EventBus;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The turn measures of docs/report.md as the agent itself sees them, live: from its own messages and
 * their session timestamps, with no scenario truth, so that they exist in {@code run} as in a
 * replay. An observer in the manner of Pipecat's: it listens on the bus, publishes each value as a
 * {@link Measured} on {@link Addresses#MEASURED} and into the {@link Telemetry} histograms, and never
 * touches the components it watches.
 * <p>
 * A live turn ends where the user's speech ended, as the front end estimates it from the audio's level
 * ({@link VoiceStopped#speechEndNanos()}: the voice model's last speech window comes a window or two
 * late), not at the voice-activity decision a hangover later; it is answered by the
 * first robot utterance, not a scenario's scripted line, that starts after it and before the user's
 * voice starts again (a "Sorry, I didn't catch that" after a mumble is an answer too). The measures
 * (milliseconds, session time):
 * <ul>
 *   <li>{@code asr_final_ms}: end of a segment → its final transcript with words published;</li>
 *   <li>{@code end_of_turn_ms}: end of the turn → the decision to answer it published (LiveKit's
 *       end-of-utterance delay: recognition, the wait for the rest of a command, the model's step);</li>
 *   <li>{@code tts_first_audio_ms}: a decision to say something → its first sample played;</li>
 *   <li>{@code voice_to_voice_ms}: end of the turn → first sample of the answer played;</li>
 *   <li>{@code barge_in_stop_ms}: the onset of the user's voice over the robot → its last sample played
 *       before it fell silent (paused at double talk or at the onset's detection, or cut), as the
 *       loudspeaker announced it ({@link RobotSpeaking}).</li>
 * </ul>
 * Each answered turn is also one OpenTelemetry trace ({@link TurnTrace}); attaching also attaches
 * {@link WatchAlerts} (watch alerts' traces, vision engines' latency). Attach on one event loop: the
 * state is that loop's.
 */
public final class LiveMeasures {

    /** Utterance ids of a scenario's own lines (not answers). */
    private static final String SCRIPTED = "scripted-";
    /**
     * Decisions remembered until their utterance starts, answers until they have played; older ones
     * (never played, never reported) are forgotten.
     */
    private static final int MAX_PENDING = 32;

    private final EventBus bus;
    private final Clock clock;
    private final Telemetry telemetry;
    /** End of the user's last speech, while an answer to it may come; -1 otherwise. */
    private long turnEndNanos = -1;
    private boolean turnDecided;
    /** The turn being traced: from a voice onset until its answer starts; null otherwise. */
    private TurnTrace trace;
    /** Answered turns whose answer is still playing (the user may speak over it), by utterance id. */
    private final Map<String, TurnTrace> playing = bounded();
    /** Wall-clock epoch nanoseconds of session time 0, for the traces' timestamps. */
    private final long originNanos;
    private final Map<String, Long> decisions = bounded();
    /** The estimated end of speech of recent segments, by the end of their last speech window (a final's end). */
    private final Map<Long, Long> segmentEnds = bounded();
    private boolean robotAudible;
    /** When the robot last fell silent (its last sample). */
    private long silentSinceNanos = Long.MIN_VALUE;
    /** The onset of a barge-in still waiting for the robot to fall silent; -1 otherwise. */
    private long bargeInOnsetNanos = -1;

    /** A map that forgets its oldest entry past {@link #MAX_PENDING}. */
    static <K, V> Map<K, V> bounded() {
        return new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > MAX_PENDING;
            }
        };
    }

    private LiveMeasures(EventBus bus, Clock clock, Telemetry telemetry) {
        this.bus = bus;
        this.clock = clock;
        this.telemetry = telemetry;
        this.originNanos = Spans.origin(clock);
    }

    /**
     * Starts observing {@code bus}; call on the event loop the observer is to live on.
     *
     * @param clock     the session clock (virtual in a full-speed replay, so the values repeat exactly)
     * @param telemetry where the histograms go
     */
    public static LiveMeasures attach(EventBus bus, Clock clock, Telemetry telemetry) {
        LiveMeasures measures = new LiveMeasures(bus, clock, telemetry);
        bus.<VoiceStarted>localConsumer(Addresses.VOICE_STARTED, m -> measures.speechStarted(m.body()));
        bus.<VoiceStopped>localConsumer(Addresses.VOICE_STOPPED, m -> measures.speechEnded(m.body()));
        bus.<Transcript>localConsumer(Addresses.TRANSCRIPTS, m -> measures.heard(m.body()));
        bus.<Say>localConsumer(Addresses.SAY, m -> measures.decided(m.body()));
        bus.<UtteranceStarted>localConsumer(Addresses.UTTERANCE_STARTED, m -> measures.started(m.body()));
        bus.<RobotSpeaking>localConsumer(Addresses.ROBOT_SPEAKING, m -> measures.robotSpeaking(m.body()));
        bus.<BargeIn>localConsumer(Addresses.BARGE_IN, m -> measures.bargeIn(m.body()));
        bus.<UtterancePlayed>localConsumer(Addresses.UTTERANCE_PLAYED, m -> measures.played(m.body()));
        // Floor events as counters too: how often, beside how fast.
        bus.localConsumer(Addresses.FALSE_INTERRUPTION, m -> telemetry.falseInterruption());
        bus.localConsumer(Addresses.UNIT_DEADLINE_MISSED, m -> telemetry.unitDeadlineMissed());
        // Watch alerts and vision's compute, on the same time line.
        WatchAlerts.attach(bus, clock, telemetry, measures.originNanos);
        return measures;
    }

    /**
     * The values of {@code measured} summarised by measure, in the order the names first came; values
     * to 0.1 ms (what a report prints).
     */
    public static Map<String, Summary> summarize(List<Measured> measured) {
        Map<String, List<Double>> values = new LinkedHashMap<>();
        for (Measured m : measured) {
            values.computeIfAbsent(m.measure(), k -> new ArrayList<>()).add(Math.round(m.millis() * 10) / 10.0);
        }
        Map<String, Summary> out = new LinkedHashMap<>();
        values.forEach((name, ms) -> out.put(name, Summary.of(ms)));
        return out;
    }

    private void speechStarted(VoiceStarted started) {
        turnEndNanos = -1;
        // A segment that no answer followed is no turn of its own: the trace starts again (the rest
        // of a command after a pause is traced from its own onset).
        trace = new TurnTrace(started.onsetNanos());
    }

    private void speechEnded(VoiceStopped stopped) {
        turnEndNanos = stopped.speechEndNanos();
        segmentEnds.put(stopped.endNanos(), stopped.speechEndNanos());
        turnDecided = false;
        if (trace != null) {
            trace.speechEndNanos = stopped.speechEndNanos();
            trace.stoppedNanos = stopped.detectedNanos();
        }
    }

    private void heard(Transcript t) {
        if (!t.isFinal() || t.text().isBlank()) {
            return;
        }
        long now = clock.nanos();
        // From the estimated end of speech of the segment this final ends (its last speech window's end).
        Long speechEnd = segmentEnds.get(t.endNanos());
        publish(Measure.ASR_FINAL_MS, now - (speechEnd == null ? t.endNanos() : speechEnd), now);
        if (trace != null && trace.speechEndNanos >= 0 && trace.decidedNanos < 0) {
            trace.finalNanos = now;
        }
    }

    private void decided(Say say) {
        long now = clock.nanos();
        decisions.put(say.utteranceId(), now);
        if (turnEndNanos >= 0 && !turnDecided) {
            turnDecided = true;
            publish(Measure.END_OF_TURN_MS, now - turnEndNanos, now);
            if (trace != null) {
                trace.decidedNanos = now;
            }
        }
    }

    private void started(UtteranceStarted started) {
        Long decidedNanos = decisions.remove(started.utteranceId());
        if (decidedNanos != null) {
            publish(Measure.TTS_FIRST_AUDIO_MS, started.atNanos() - decidedNanos, started.atNanos());
        }
        if (turnEndNanos >= 0 && !started.utteranceId().startsWith(SCRIPTED)) {
            publish(Measure.VOICE_TO_VOICE_MS, started.atNanos() - turnEndNanos, started.atNanos());
            turnEndNanos = -1;
            if (trace != null) {
                trace.firstAudioNanos = started.atNanos();
                trace.answerId = started.utteranceId();
                playing.put(started.utteranceId(), trace);
                trace = null;
            }
        }
    }

    private void played(UtterancePlayed played) {
        TurnTrace answered = playing.remove(played.utteranceId());
        if (answered != null) {
            answered.emit(telemetry.tracer(), played.endNanos(), played.truncated(), originNanos);
        }
    }

    private void bargeIn(BargeIn bargeIn) {
        telemetry.bargeIn();
        if (robotAudible) {
            bargeInOnsetNanos = bargeIn.onsetNanos();   // the loudspeaker has yet to pause
        } else {
            // Already silent: paused at double talk, before the voice model was sure.
            stopped(bargeIn.onsetNanos(), Math.max(silentSinceNanos, bargeIn.onsetNanos()));
        }
    }

    private void robotSpeaking(RobotSpeaking speaking) {
        robotAudible = speaking.speaking();
        if (!robotAudible) {
            silentSinceNanos = speaking.atNanos();
            if (bargeInOnsetNanos >= 0) {
                stopped(bargeInOnsetNanos, speaking.atNanos());
            }
        }
    }

    private void stopped(long onsetNanos, long silentNanos) {
        bargeInOnsetNanos = -1;
        publish(Measure.BARGE_IN_STOP_MS, silentNanos - onsetNanos, Math.max(silentNanos, onsetNanos));
    }

    private void publish(String measure, long nanos, long atNanos) {
        double millis = Math.max(0, nanos) / 1e6;
        telemetry.measured(measure, millis);
        if (trace != null && !Measure.BARGE_IN_STOP_MS.equals(measure)) {
            trace.measured(measure, millis);
        }
        bus.publish(Addresses.MEASURED, new Measured(measure, millis, atNanos));
    }
}
