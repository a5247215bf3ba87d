package dev.vigil.agent.measure;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;

import java.util.ArrayList;
import java.util.List;

/**
 * One watch alert's stages, in session nanoseconds, gathered by {@link WatchAlerts} and written as one
 * OpenTelemetry trace once the alert has played: a root span {@code vigil.watch_alert} from the
 * capture of the first frame that showed the watch's condition (as vision saw it) to the alert's first
 * sample played (to the decision when none played), so that its length is the watch latency; a child
 * span per vision engine result on the frames from that one to the frame that fired
 * ({@code vigil.vision.<engine>}, ending when the result was out, as long as the engine's compute
 * time, {@code vigil.compute_ms}); {@code vigil.watch.decide} (the last result → the watch's decision
 * to alert); {@code vigil.floor} (→ the duplex core's decision to say it, once the floor was free);
 * {@code vigil.tts} (→ the first sample) and {@code vigil.playback} (→ the last sample, after the
 * root's end).
 */
final class WatchAlertTrace {

    static final AttributeKey<String> WATCH_ID = AttributeKey.stringKey("vigil.watch_id");
    static final AttributeKey<String> CONDITION = AttributeKey.stringKey("vigil.condition");
    static final AttributeKey<Double> WATCH_LATENCY_MS = AttributeKey.doubleKey("vigil." + Measure.WATCH_LATENCY_MS);
    static final AttributeKey<Double> COMPUTE_MS = AttributeKey.doubleKey("vigil.compute_ms");

    /**
     * One vision engine's result on one frame, as the observer saw it.
     *
     * @param engine       the engine's name
     * @param captureNanos the frame's capture (session time)
     * @param doneNanos    the result out (session time)
     * @param computeNanos the engine's compute time (wall clock)
     */
    record Look(String engine, long captureNanos, long doneNanos, long computeNanos) {
    }

    final String watchId;
    final String alert;
    /** The watch's decision to alert (its say request seen), session time. */
    final long decidedNanos;
    /** When the last vision result before that decision was out. */
    final long judgedNanos;
    String condition;
    /** Capture of the first frame that showed the condition; -1 until the firing is seen. */
    long sinceNanos = -1;
    /** Capture of the frame that fired; -1 until the firing is seen. */
    long firedNanos = -1;
    /** Vision's results on the frames from the first that showed the condition to the one that fired. */
    List<Look> looks = new ArrayList<>();
    String utteranceId;
    long sayNanos = -1;
    long firstAudioNanos = -1;

    WatchAlertTrace(String watchId, String alert, long decidedNanos, long judgedNanos) {
        this.watchId = watchId;
        this.alert = alert;
        this.decidedNanos = decidedNanos;
        this.judgedNanos = judgedNanos;
    }

    /** Whether {@code look} is a result on a frame from the first that showed the condition to the one that fired. */
    boolean covers(Look look) {
        return sinceNanos >= 0 && look.captureNanos() >= sinceNanos && look.captureNanos() <= firedNanos;
    }

    /** First sample of the alert → watch latency (ms), or null while unknown. */
    Double latencyMillis() {
        return sinceNanos < 0 || firstAudioNanos < 0 ? null : Math.max(0, firstAudioNanos - sinceNanos) / 1e6;
    }

    /**
     * Writes the trace.
     *
     * @param endNanos    the alert's last sample played (session time), or -1 if none played
     * @param originNanos wall-clock epoch nanoseconds of session time 0
     */
    void emit(Tracer tracer, long endNanos, long originNanos) {
        long start = sinceNanos >= 0 ? sinceNanos : decidedNanos;
        Span root = Spans.start(tracer.spanBuilder("vigil.watch_alert"), start, originNanos);
        root.setAttribute(WATCH_ID, watchId);
        if (condition != null) {
            root.setAttribute(CONDITION, condition);
        }
        Double latency = latencyMillis();
        if (latency != null) {
            root.setAttribute(WATCH_LATENCY_MS, latency);
        }
        if (utteranceId != null) {
            root.setAttribute(TurnTrace.UTTERANCE_ID, utteranceId);
        }
        Context parent = Context.root().with(root);
        for (Look look : looks) {
            // On a full-speed replay's virtual clock a result takes no session time: the span is
            // clipped to the frame's capture, its compute time stays in the attribute.
            long from = Math.max(look.captureNanos(), look.doneNanos() - look.computeNanos());
            Spans.child(tracer, parent, "vigil.vision." + look.engine(), from, look.doneNanos(), originNanos,
                    Attributes.of(COMPUTE_MS, look.computeNanos() / 1e6));
        }
        Spans.child(tracer, parent, "vigil.watch.decide", judgedNanos, decidedNanos, originNanos);
        Spans.child(tracer, parent, "vigil.floor", decidedNanos, sayNanos, originNanos);
        Spans.child(tracer, parent, "vigil.tts", sayNanos, firstAudioNanos, originNanos);
        Spans.child(tracer, parent, "vigil.playback", firstAudioNanos, firstAudioNanos < 0 ? -1 : endNanos,
                originNanos);
        Spans.end(root, Math.max(start, firstAudioNanos >= 0 ? firstAudioNanos : decidedNanos), originNanos);
    }
}
