package dev.vigil.agent.measure;

import dev.vigil.agent.clock.Clock;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;

import java.util.concurrent.TimeUnit;

/**
 * Spans written after the fact, from session times: each timestamp is session nanoseconds plus the
 * wall-clock epoch nanoseconds at which the session began ({@link #origin}), so that a full-speed
 * replay's traces lie on the scenario's time line as a live run's lie on the wall clock's.
 */
final class Spans {

    private Spans() {
    }

    /** Wall-clock epoch nanoseconds of session time 0 on {@code clock}, read now. */
    static long origin(Clock clock) {
        return TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis()) - clock.nanos();
    }

    /** Starts a span at session time {@code atNanos}. */
    static Span start(SpanBuilder builder, long atNanos, long originNanos) {
        return builder.setStartTimestamp(originNanos + atNanos, TimeUnit.NANOSECONDS).startSpan();
    }

    /** Ends {@code span} at session time {@code atNanos}. */
    static void end(Span span, long atNanos, long originNanos) {
        span.end(originNanos + atNanos, TimeUnit.NANOSECONDS);
    }

    /**
     * A child span of {@code parent} over session times {@code fromNanos} → {@code toNanos} (never
     * ending before it starts); none when either is unknown (negative).
     */
    static void child(Tracer tracer, Context parent, String name, long fromNanos, long toNanos, long originNanos) {
        child(tracer, parent, name, fromNanos, toNanos, originNanos, Attributes.empty());
    }

    /** {@link #child(Tracer, Context, String, long, long, long)} with attributes. */
    static void child(Tracer tracer, Context parent, String name, long fromNanos, long toNanos, long originNanos,
                      Attributes attributes) {
        if (fromNanos < 0 || toNanos < 0) {
            return;
        }
        Span span = start(tracer.spanBuilder(name).setParent(parent).setAllAttributes(attributes), fromNanos,
                originNanos);
        end(span, Math.max(fromNanos, toNanos), originNanos);
    }
}
