package dev.vigil.launch.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.agent.bus.Addresses;
import dev.vigil.agent.clock.Clock;
import dev.vigil.agent.message.AudioDropped;
import dev.vigil.agent.message.BargeIn;
import dev.vigil.agent.message.ComponentError;
import dev.vigil.agent.message.FalseInterruption;
import dev.vigil.agent.message.DoubleTalk;
import dev.vigil.agent.message.Intent;
import dev.vigil.agent.message.Measured;
import dev.vigil.agent.message.MicrophoneMuted;
import dev.vigil.agent.message.Observation;
import dev.vigil.agent.message.SceneObservations;
import dev.vigil.agent.message.WatchUpdate;
import dev.vigil.agent.message.RobotSpeaking;
import dev.vigil.agent.message.Transcript;
import dev.vigil.agent.message.UtterancePlayed;
import dev.vigil.agent.message.UtteranceStarted;
import dev.vigil.agent.message.VoiceStarted;
import dev.vigil.agent.message.VoiceStopped;
import io.vertx.core.eventbus.EventBus;

import java.io.IOException;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Turns what the agent publishes on the bus into the event stream (docs/events.md): an observer that
 * never touches the components it watches. Attach it from one verticle: its handlers then run on
 * one event loop, so events come out in the order they were published, each stamped with the
 * session clock when it arrived ({@code t_s}, never decreasing).
 */
public final class EventStream {

    private static final ObjectMapper JSON = new ObjectMapper();

    private EventStream() {
    }

    /** Subscribes to every lane the stream reports and hands each event to {@code out}. */
    public static void attach(EventBus bus, Clock clock, Consumer<AgentEvent> out) {
        on(bus, Addresses.VOICE_STARTED, clock, out, (VoiceStarted v) -> "voice_started", (v, e) -> e
                .media(v.onsetNanos())
                .with("probability", round(v.probability()))
                .with("during_robot_speech", v.duringRobotSpeech()));
        on(bus, Addresses.MEASURED, clock, out, (Measured m) -> "measured", (m, e) -> e
                .media(m.atNanos())
                .with("measure", m.measure())
                .with("ms", round(m.millis())));
        on(bus, Addresses.VOICE_STOPPED, clock, out, (VoiceStopped v) -> "voice_stopped", (v, e) -> e
                .media(v.endNanos())
                .with("onset_media_t_s", v.onsetNanos() / 1e9)
                .with("speech_end_media_t_s", v.speechEndNanos() / 1e9)
                .with("duration_s", round((v.endNanos() - v.onsetNanos()) / 1e9)));
        on(bus, Addresses.TRANSCRIPTS, clock, out, (Transcript t) -> "transcript", (t, e) -> {
            e.media(t.endNanos())
                    .with("text", t.text())
                    .with("is_final", t.isFinal())
                    .with("confidence", round(t.confidence()))
                    .with("language", t.language())
                    .with("tier", t.tier().wireName());
            // What the open tier heard for the same audio: why a grammar command was asked about
            // rather than acted on shows here.
            if (t.openText() != null) {
                e.with("open_text", t.openText());
            }
        });
        on(bus, Addresses.INTENTS, clock, out, (Intent i) -> "intent", (i, e) -> e
                .media(i.atNanos())
                .with("intent", i.intent())
                .with("data", data(i.data()))
                .with("source", i.source())
                .with("modality", i.modality())
                .with("priority", i.priority())
                .with("confidence", round(i.confidence())));
        on(bus, Addresses.UTTERANCE_STARTED, clock, out, (UtteranceStarted u) -> "utterance_started", (u, e) -> e
                .media(u.atNanos())
                .with("id", u.utteranceId())
                .with("text", u.text()));
        on(bus, Addresses.UTTERANCE_PLAYED, clock, out, (UtterancePlayed u) -> "utterance_played", (u, e) -> e
                .media(u.endNanos())
                .with("id", u.utteranceId())
                .with("text", u.text())
                .with("played_text", u.playedText())
                .with("truncated", u.truncated())
                .with("played_ms", u.playedMillis()));
        on(bus, Addresses.ROBOT_SPEAKING, clock, out, (RobotSpeaking r) -> "robot_speaking", (r, e) -> e
                .media(r.atNanos())
                .with("speaking", r.speaking()));
        on(bus, Addresses.DOUBLE_TALK, clock, out, (DoubleTalk d) -> "double_talk", (d, e) -> e
                .media(d.detectedNanos())
                .with("above_db", round(d.aboveDb())));
        on(bus, Addresses.BARGE_IN, clock, out, (BargeIn b) -> "barge_in", (b, e) -> e
                .media(b.onsetNanos())
                .with("utterance_id", b.utteranceId()));
        on(bus, Addresses.FALSE_INTERRUPTION, clock, out, (FalseInterruption f) -> "false_interruption", (f, e) -> e
                .media(f.atNanos())
                .with("utterance_id", f.utteranceId()));
        on(bus, Addresses.ERRORS, clock, out, (ComponentError c) -> "error", (c, e) -> e
                .with("component", c.component())
                .with("message", c.message()));
        on(bus, Addresses.MICROPHONE_MUTED, clock, out, (MicrophoneMuted m) -> "muted", (m, e) -> e
                .with("muted", m.muted()));
        on(bus, Addresses.AUDIO_DROPPED, clock, out, (AudioDropped d) -> "audio_dropped", (d, e) -> e
                .media(d.captureNanos())
                .with("lane", d.lane())
                .with("duration_ms", round(d.durationNanos() / 1e6)));
        attachVision(bus, clock, out);
    }

    /**
     * Watches and what vision saw. An {@code observation} event is emitted for a sampled frame whose
     * observations differ, in labels, from the engine's previous frame: a display that keeps showing
     * "15" is one event, not four a second.
     */
    private static void attachVision(EventBus bus, Clock clock, Consumer<AgentEvent> out) {
        on(bus, Addresses.WATCHES, clock, out, (WatchUpdate w) -> "watch_" + w.change(), (w, e) -> {
            if (w.change().equals(WatchUpdate.FIRED)) {
                e.media(w.atNanos());
            }
            e.with("id", w.id()).with("text", w.text()).with("condition", w.condition()).with("alert", w.alert());
        });
        java.util.Map<String, java.util.List<String>> previous = new java.util.HashMap<>();
        bus.<SceneObservations>localConsumer(Addresses.OBSERVATIONS, m -> {
            SceneObservations s = m.body();
            java.util.List<String> labels = s.observations().stream().map(Observation::label).toList();
            if (labels.equals(previous.put(s.engine(), labels))) {
                return;
            }
            java.util.List<java.util.Map<String, Object>> seen = new java.util.ArrayList<>();
            for (Observation o : s.observations()) {
                java.util.Map<String, Object> one = new java.util.LinkedHashMap<>();
                one.put("kind", o.kind().name().toLowerCase(java.util.Locale.ROOT));
                one.put("label", o.label());
                one.put("score", round(o.score()));
                one.put("box", java.util.List.of(round(o.box().x()), round(o.box().y()), round(o.box().width()),
                        round(o.box().height())));
                seen.add(one);
            }
            out.accept(AgentEvent.of("observation", clock.seconds()).media(s.captureNanos())
                    .with("engine", s.engine()).with("observations", seen).build());
        });
    }

    private static <T> void on(EventBus bus, String address, Clock clock, Consumer<AgentEvent> out,
                               Function<T, String> type, java.util.function.BiConsumer<T, AgentEvent.Builder> fields) {
        bus.<T>localConsumer(address, m -> {
            AgentEvent.Builder event = AgentEvent.of(type.apply(m.body()), clock.seconds());
            fields.accept(m.body(), event);
            out.accept(event.build());
        });
    }

    /** An intent's data is a JSON object here (a JSON string on ROS); anything unparsable stays text. */
    private static Object data(String json) {
        try {
            JsonNode node = JSON.readTree(json == null || json.isBlank() ? "{}" : json);
            return node;
        } catch (IOException e) {
            return json;
        }
    }

    private static double round(double v) {
        return Math.round(v * 1e4) / 1e4;
    }
}
