package dev.vigil.agent.telemetry;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.metrics.ObservableLongGauge;
import io.opentelemetry.api.trace.Tracer;

import java.util.function.LongSupplier;

/**
 * Vigil's counters. One instance per agent, thread-safe (OpenTelemetry instruments are).
 */
public final class Telemetry {

    public static final String INSTRUMENTATION_SCOPE = "dev.vigil";

    /** Failures a component survived; attribute {@code component}. */
    public static final String ERRORS = "vigil.errors";
    /** Inputs refused as malformed (audio, frames, messages, files); attribute {@code input}. */
    public static final String INPUTS_REJECTED = "vigil.inputs.rejected";
    /** Milliseconds of audio dropped because a consumer fell behind; attribute {@code lane}. */
    public static final String AUDIO_DROPPED_MS = "vigil.audio.dropped";
    /** Milliseconds of microphone audio processed by the front end. */
    public static final String AUDIO_PROCESSED_MS = "vigil.audio.processed";
    /** User voice segments detected. */
    public static final String VOICE_SEGMENTS = "vigil.voice.segments";
    /** Voice-activity windows judged to be the robot's own voice. */
    public static final String ECHO_REJECTED = "vigil.voice.echo_rejected";
    /** Voice-activity windows judged to be background speech (a voice far fainter than the engaged user's). */
    public static final String BACKGROUND_REJECTED = "vigil.voice.background_rejected";

    /** Camera frames replaced in the sampler's mailbox before it looked at them. */
    public static final String FRAMES_DROPPED = "vigil.vision.frames.dropped";
    /** Camera frames the vision engines looked at. */
    public static final String FRAMES_SAMPLED = "vigil.vision.frames.sampled";
    /** The user's voice taking the floor over the robot (barge-ins, false ones included). */
    public static final String BARGE_INS = "vigil.floor.barge_ins";
    /** Barge-ins that brought no words: the robot played on. */
    public static final String FALSE_INTERRUPTIONS = "vigil.floor.false_interruptions";
    /** Units the duplex model could not start on in time. */
    public static final String UNIT_DEADLINE_MISSES = "vigil.duplex.unit_deadline_misses";
    /** Compute time of one engine call (ms), e.g. one vision engine on one frame; attribute {@code engine}. */
    public static final String ENGINE_LATENCY = "vigil.engine.latency";
    /** Gauge: microphone audio waiting for the front end (ms). */
    public static final String AUDIO_QUEUED = "vigil.audio.queued";
    /** Gauge: camera frames waiting in the sampler's mailbox (0 or 1: newest wins). */
    public static final String VISION_QUEUE_LENGTH = "vigil.vision.queue.length";
    /** Gauge: frames the vision engines are working on (0 or 1). */
    public static final String VISION_ACTIVE = "vigil.vision.active";
    public static final AttributeKey<String> ENGINE = AttributeKey.stringKey("engine");
    public static final AttributeKey<String> COMPONENT = AttributeKey.stringKey("component");
    public static final AttributeKey<String> INPUT = AttributeKey.stringKey("input");
    public static final AttributeKey<String> LANE = AttributeKey.stringKey("lane");

    /** One histogram per live measure, made on first use (names: {@code vigil.} + the measure less {@code _ms}). */
    private final java.util.concurrent.ConcurrentMap<String, DoubleHistogram> measures = new java.util.concurrent.ConcurrentHashMap<>();
    private final Meter meter;
    private final Tracer tracer;
    private final LongCounter errors;
    private final LongCounter inputsRejected;
    private final LongCounter audioDroppedMs;
    private final LongCounter audioProcessedMs;
    private final LongCounter voiceSegments;
    private final LongCounter echoRejected;
    private final LongCounter backgroundRejected;
    private final LongCounter framesDropped;
    private final LongCounter framesSampled;
    private final LongCounter bargeIns;
    private final LongCounter falseInterruptions;
    private final LongCounter unitDeadlineMisses;
    private final DoubleHistogram engineLatency;

    public Telemetry(OpenTelemetry openTelemetry) {
        meter = openTelemetry.getMeter(INSTRUMENTATION_SCOPE);
        tracer = openTelemetry.getTracer(INSTRUMENTATION_SCOPE);
        errors = meter.counterBuilder(ERRORS).setDescription("failures a component survived").build();
        inputsRejected = meter.counterBuilder(INPUTS_REJECTED).setDescription("malformed inputs refused").build();
        audioDroppedMs = meter.counterBuilder(AUDIO_DROPPED_MS).setUnit("ms")
                .setDescription("audio dropped because a consumer fell behind").build();
        audioProcessedMs = meter.counterBuilder(AUDIO_PROCESSED_MS).setUnit("ms")
                .setDescription("microphone audio processed by the front end").build();
        voiceSegments = meter.counterBuilder(VOICE_SEGMENTS).setDescription("user voice segments detected").build();
        echoRejected = meter.counterBuilder(ECHO_REJECTED)
                .setDescription("voice-activity windows judged to be the robot's own voice").build();
        backgroundRejected = meter.counterBuilder(BACKGROUND_REJECTED)
                .setDescription("voice-activity windows judged to be background speech").build();
        framesDropped = meter.counterBuilder(FRAMES_DROPPED)
                .setDescription("camera frames replaced by a newer one before vision looked at them").build();
        framesSampled = meter.counterBuilder(FRAMES_SAMPLED).setDescription("camera frames vision looked at").build();
        bargeIns = meter.counterBuilder(BARGE_INS).setDescription("the user's voice taking the floor over the robot").build();
        falseInterruptions = meter.counterBuilder(FALSE_INTERRUPTIONS)
                .setDescription("barge-ins that brought no words (the robot played on)").build();
        unitDeadlineMisses = meter.counterBuilder(UNIT_DEADLINE_MISSES)
                .setDescription("units the duplex model could not start on in time").build();
        engineLatency = meter.histogramBuilder(ENGINE_LATENCY).setUnit("ms")
                .setDescription("compute time of one engine call (a vision engine on one frame)").build();
    }

    /** Counters that go nowhere, for code paths run without an agent (tools, unit tests). */
    public static Telemetry noop() {
        return new Telemetry(OpenTelemetry.noop());
    }

    /**
     * Records one live measure ({@code dev.vigil.agent.measure.Measure}, e.g. {@code voice_to_voice_ms})
     * in its histogram, {@code vigil.voice_to_voice} with unit {@code ms}.
     */
    public void measured(String measure, double millis) {
        measures.computeIfAbsent(measure, name -> meter.histogramBuilder(
                        "vigil." + (name.endsWith("_ms") ? name.substring(0, name.length() - 3) : name))
                .setUnit("ms").setDescription("live measure " + name + " (docs/report.md)").build())
                .record(millis);
    }

    /**
     * Records one engine call's compute time in {@code vigil.engine.latency}.
     *
     * @param engine the engine's name, as its messages give it ({@code ocr}, {@code objects}, …)
     * @param millis wall-clock compute time, ms
     */
    public void engineLatency(String engine, double millis) {
        engineLatency.record(millis, Attributes.of(ENGINE, engine));
    }

    /**
     * Registers a gauge read at each collection, on the collecting thread (an exporter's, a scrape's):
     * {@code value} must be cheap and thread-safe, reading state the component already keeps (an
     * atomic, a volatile field), never taking a lock its hot path holds.
     *
     * @param unit OpenTelemetry's unit notation: {@code ms}, {@code {frame}}, …
     * @return closes the gauge (when the component stops)
     */
    public AutoCloseable gauge(String name, String unit, String description, LongSupplier value) {
        ObservableLongGauge gauge = meter.gaugeBuilder(name).ofLongs().setUnit(unit).setDescription(description)
                .buildWithCallback(m -> m.record(value.getAsLong()));
        return gauge::close;
    }

    /**
     * The tracer of Vigil's spans (one trace per user turn and per watch alert:
     * {@code dev.vigil.agent.measure.LiveMeasures}, {@code dev.vigil.agent.measure.WatchAlerts}).
     */
    public Tracer tracer() {
        return tracer;
    }

    public void error(String component) {
        errors.add(1, Attributes.of(COMPONENT, component));
    }

    public void inputRejected(String input) {
        inputsRejected.add(1, Attributes.of(INPUT, input));
    }

    public void audioDropped(String lane, long millis) {
        audioDroppedMs.add(millis, Attributes.of(LANE, lane));
    }

    public void audioProcessed(long millis) {
        audioProcessedMs.add(millis);
    }

    public void voiceSegment() {
        voiceSegments.add(1);
    }

    public void echoRejected() {
        echoRejected.add(1);
    }

    public void backgroundRejected() {
        backgroundRejected.add(1);
    }

    public void frameDropped() {
        framesDropped.add(1);
    }

    public void bargeIn() {
        bargeIns.add(1);
    }

    public void falseInterruption() {
        falseInterruptions.add(1);
    }

    public void unitDeadlineMissed() {
        unitDeadlineMisses.add(1);
    }

    public void frameSampled() {
        framesSampled.add(1);
    }
}
