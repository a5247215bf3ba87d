package dev.vigil.agent.measure;

import dev.vigil.agent.bus.Addresses;
import dev.vigil.agent.clock.Clock;
import dev.vigil.agent.message.Measured;
import dev.vigil.agent.message.Say;
import dev.vigil.agent.message.SayRequest;
import dev.vigil.agent.message.SceneObservations;
import dev.vigil.agent.message.UtterancePlayed;
import dev.vigil.agent.message.UtteranceStarted;
import dev.vigil.agent.message.WatchUpdate;
import dev.vigil.agent.telemetry.Telemetry;
import io.vertx.core.eventbus.EventBus;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Map;

/**
 * Vision and watch alerts as the agent itself sees them, live, in the manner of {@link LiveMeasures}:
 * an observer on the bus that never touches the components it watches. It records each vision
 * engine's compute time per frame ({@link SceneObservations#computeNanos()}) in the
 * {@code vigil.engine.latency} histogram, and makes each watch alert one OpenTelemetry trace
 * ({@link WatchAlertTrace}) with its watch latency — the first frame that showed the condition, as
 * vision saw it ({@link WatchUpdate#sinceNanos()}), to the alert's first sample played, milliseconds
 * of session time — also in the {@code vigil.watch_latency} histogram and as a {@link Measured}
 * {@code watch_latency_ms} on {@link Addresses#MEASURED}. Against a video with ground
 * truth the report's {@code watch_latency_ms} starts instead where the truth shows the condition
 * (docs/report.md): the two agree when a sampled frame was captured there.
 * <p>
 * An alert is told from the watch's say request ({@code watch:<id>}) and followed to the first
 * {@link Say} of its text after it. Attach on one event loop: the state is that loop's.
 */
public final class WatchAlerts {

    private static final String WATCH_SOURCE = "watch:";
    /** Vision results remembered for the frames a firing names (4 engines at 10 Hz: 6 s). */
    private static final int MAX_LOOKS = 256;

    private final EventBus bus;
    private final Clock clock;
    private final Telemetry telemetry;
    private final long originNanos;
    private final ArrayDeque<WatchAlertTrace.Look> looks = new ArrayDeque<>();
    /** Alerts decided and not yet written, by watch id. */
    private final Map<String, WatchAlertTrace> alerts = LiveMeasures.bounded();
    /** Alerts said and not yet played out, by utterance id. */
    private final Map<String, WatchAlertTrace> said = LiveMeasures.bounded();

    private WatchAlerts(EventBus bus, Clock clock, Telemetry telemetry, long originNanos) {
        this.bus = bus;
        this.clock = clock;
        this.telemetry = telemetry;
        this.originNanos = originNanos;
    }

    /**
     * Starts observing {@code bus}; call on the event loop the observer is to live on.
     *
     * @param clock       the session clock
     * @param telemetry   where the histograms and traces go
     * @param originNanos wall-clock epoch nanoseconds of session time 0 (the traces' timestamps)
     */
    public static WatchAlerts attach(EventBus bus, Clock clock, Telemetry telemetry, long originNanos) {
        WatchAlerts alerts = new WatchAlerts(bus, clock, telemetry, originNanos);
        bus.<SceneObservations>localConsumer(Addresses.OBSERVATIONS, m -> alerts.seen(m.body()));
        bus.<SayRequest>localConsumer(Addresses.SAY_REQUESTS, m -> alerts.requested(m.body()));
        bus.<WatchUpdate>localConsumer(Addresses.WATCHES, m -> alerts.changed(m.body()));
        bus.<Say>localConsumer(Addresses.SAY, m -> alerts.decided(m.body()));
        bus.<UtteranceStarted>localConsumer(Addresses.UTTERANCE_STARTED, m -> alerts.started(m.body()));
        bus.<UtterancePlayed>localConsumer(Addresses.UTTERANCE_PLAYED, m -> alerts.played(m.body()));
        return alerts;
    }

    private void seen(SceneObservations scene) {
        telemetry.engineLatency(scene.engine(), scene.computeNanos() / 1e6);
        WatchAlertTrace.Look look = new WatchAlertTrace.Look(scene.engine(), scene.captureNanos(), clock.nanos(),
                scene.computeNanos());
        if (looks.size() == MAX_LOOKS) {
            looks.removeFirst();
        }
        looks.addLast(look);
        // The fired frame's later engines report after the firing.
        for (WatchAlertTrace alert : alerts.values()) {
            if (alert.covers(look)) {
                alert.looks.add(look);
            }
        }
    }

    private void requested(SayRequest request) {
        if (request.source().startsWith(WATCH_SOURCE)) {
            // Published by the watch as it judged the last result seen (the bus keeps their order).
            long judged = looks.isEmpty() ? clock.nanos() : looks.getLast().doneNanos();
            String id = request.source().substring(WATCH_SOURCE.length());
            alerts.put(id, new WatchAlertTrace(id, request.text(), clock.nanos(), judged));
        }
    }

    private void changed(WatchUpdate update) {
        WatchAlertTrace alert = alerts.get(update.id());
        if (alert == null || !update.change().equals(WatchUpdate.FIRED)) {
            return;
        }
        alert.condition = update.condition();
        alert.sinceNanos = update.sinceNanos();
        alert.firedNanos = update.atNanos();
        alert.looks = new ArrayList<>(looks.stream().filter(alert::covers).toList());
    }

    private void decided(Say say) {
        for (WatchAlertTrace alert : alerts.values()) {
            if (alert.utteranceId == null && alert.alert.equals(say.text())) {
                alert.utteranceId = say.utteranceId();
                alert.sayNanos = say.atNanos();
                said.put(say.utteranceId(), alert);
                return;
            }
        }
    }

    private void started(UtteranceStarted started) {
        WatchAlertTrace alert = said.get(started.utteranceId());
        if (alert != null) {
            alert.firstAudioNanos = started.atNanos();
            Double latency = alert.latencyMillis();
            if (latency != null) {
                telemetry.measured(Measure.WATCH_LATENCY_MS, latency);
                // On the bus too, like the turn's measures: the event stream, the console and the
                // report's live_measures read it there. Session time only, so a replay repeats it.
                bus.publish(Addresses.MEASURED, new Measured(Measure.WATCH_LATENCY_MS, latency, started.atNanos()));
            }
        }
    }

    private void played(UtterancePlayed played) {
        WatchAlertTrace alert = said.remove(played.utteranceId());
        if (alert != null) {
            alerts.remove(alert.watchId);
            alert.emit(telemetry.tracer(), played.playedMillis() > 0 ? played.endNanos() : -1, originNanos);
        }
    }
}
