package dev.vigil.agent.measure;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One user turn's stages, in session nanoseconds, gathered by {@link LiveMeasures} as they happen and
 * written as one OpenTelemetry trace once the answer has played: a root span {@code vigil.turn} (the
 * user's voice onset → the answer's last sample) with a child span per stage — {@code vigil.vad}
 * (onset → the segment's end decided), {@code vigil.asr} (end of speech → final transcript),
 * {@code vigil.decide} (→ the decision to answer), {@code vigil.tts} (→ the answer's first sample) and
 * {@code vigil.playback} (→ its last sample) — and the turn's live measures as attributes of the root
 * ({@code vigil.voice_to_voice_ms}, …). A stage that did not happen (no words: no {@code vigil.asr})
 * is left out. Spans are written after the fact with explicit timestamps: session time plus the
 * wall-clock epoch at which the session began.
 */
final class TurnTrace {

    static final AttributeKey<String> UTTERANCE_ID = AttributeKey.stringKey("vigil.utterance_id");
    static final AttributeKey<Boolean> TRUNCATED = AttributeKey.booleanKey("vigil.truncated");

    final long onsetNanos;
    long stoppedNanos = -1;
    long speechEndNanos = -1;
    long finalNanos = -1;
    long decidedNanos = -1;
    long firstAudioNanos = -1;
    String answerId;
    private final Map<String, Double> measures = new LinkedHashMap<>();

    TurnTrace(long onsetNanos) {
        this.onsetNanos = onsetNanos;
    }

    void measured(String measure, double millis) {
        measures.put(measure, millis);
    }

    /**
     * Writes the trace.
     *
     * @param endNanos    the answer's last sample (session time)
     * @param truncated   whether the answer was cut
     * @param originNanos wall-clock epoch nanoseconds of session time 0
     */
    void emit(Tracer tracer, long endNanos, boolean truncated, long originNanos) {
        Span turn = Spans.start(tracer.spanBuilder("vigil.turn"), onsetNanos, originNanos);
        measures.forEach((name, ms) -> turn.setAttribute("vigil." + name, ms));
        if (answerId != null) {
            turn.setAttribute(UTTERANCE_ID, answerId);
        }
        turn.setAttribute(TRUNCATED, truncated);
        Context parent = Context.root().with(turn);
        Spans.child(tracer, parent, "vigil.vad", onsetNanos, stoppedNanos, originNanos);
        Spans.child(tracer, parent, "vigil.asr", speechEndNanos, finalNanos, originNanos);
        Spans.child(tracer, parent, "vigil.decide", finalNanos >= 0 ? finalNanos : speechEndNanos, decidedNanos,
                originNanos);
        Spans.child(tracer, parent, "vigil.tts", decidedNanos, firstAudioNanos, originNanos);
        Spans.child(tracer, parent, "vigil.playback", firstAudioNanos, endNanos, originNanos);
        Spans.end(turn, Math.max(endNanos, onsetNanos), originNanos);
    }
}
