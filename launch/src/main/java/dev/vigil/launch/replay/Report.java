package dev.vigil.launch.replay;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.agent.measure.Summary;

import java.util.List;
import java.util.Map;

/**
 * What {@code vigil replay --report} writes: one JSON object, snake_case keys. Every field is
 * documented in docs/report.md; later capabilities add fields, never change these.
 * {@code interrupted}: the run was cut short (SIGINT, SIGTERM); the report covers the audio played
 * until then ({@code duration_s}), and it does not pass.
 */
public record Report(
        String scenario,
        String speed,
        boolean aec,
        boolean respond,
        double durationS,
        List<VoiceSegment> voiceSegments,
        List<TruthSegment> truthSegments,
        List<Span> robotSpeechSegments,
        Map<String, Summary> measures,
        Map<String, Summary> liveMeasures,
        int selfInterruptions,
        int falseDetections,
        int backgroundDetections,
        int missedUserSpeech,
        double droppedAudioMs,
        int echoRejectedWindows,
        int unitDeadlineMisses,
        List<TranscriptEntry> transcripts,
        List<UtteranceEntry> utterances,
        List<IntentEntry> intents,
        List<BargeInEntry> bargeIns,
        List<Error> errors,
        List<ExpectationResult> expectations,
        boolean passed,
        Processing processing,
        Map<String, Long> telemetry,
        List<WatchEntry> watches,
        Map<String, EngineFrames> observationsSummary,
        int falseAlarms,
        long framesDropped,
        boolean interrupted,
        List<AudioDrop> audioDrops) {

    /**
     * Microphone audio lost on its way in (the sum is {@code dropped_audio_ms}); the report page draws them.
     *
     * @param tS   session time of the first dropped sample
     * @param ms   how much audio was dropped
     * @param lane the address whose queue was full, or {@code device:microphone}
     */
    public record AudioDrop(double tS, double ms, String lane) {

        /** The drops in capture order; times to the millisecond, lengths to 0.1 ms like the measures. */
        public static List<AudioDrop> inOrder(List<dev.vigil.agent.message.AudioDropped> drops) {
            return drops.stream()
                    .sorted(java.util.Comparator.comparingLong(dev.vigil.agent.message.AudioDropped::captureNanos))
                    .map(d -> new AudioDrop(Math.round(d.captureNanos() / 1e6) / 1000.0,
                            Math.round(d.durationNanos() / 1e5) / 10.0, d.lane()))
                    .toList();
        }
    }

    /**
     * A watch of the run.
     *
     * @param condition  its condition in fixed form ({@code text shows "16"})
     * @param firedS     its first firing (the frame's capture time), or null
     * @param timesFired how often it fired (more than once only if it repeats)
     * @param expiredS   when it ran out unfired, or null; {@code cancelledS} likewise
     * @param latencyMs  {@code watch_latency_ms} for its first firing, or null when not judged
     * @param falseAlarm whether that firing came when the truth never showed the condition; null when
     *                   not judged (no video truth, or a condition the truth cannot speak for)
     */
    public record WatchEntry(String id, String text, String condition, double createdS, Double firedS, int timesFired,
                             Double expiredS, Double cancelledS, Double latencyMs, Boolean falseAlarm) {
    }

    /** What one vision engine processed: sampled frames. Its compute times are under {@code processing}. */
    public record EngineFrames(long frames) {
    }

    /** A span of the scenario, seconds. */
    public record Span(double startS, double endS) {
    }

    /**
     * True user speech from the scenario.
     *
     * @param coverage fraction of the span inside detected voice segments (0..1)
     */
    public record TruthSegment(double startS, double endS, boolean detected, double coverage) {
    }

    /**
     * A detected voice segment.
     *
     * @param startS            onset (start of its first speech window, less the pre-roll)
     * @param endS              end of its last speech window
     * @param detectedAtS       when voice-started was decided (audio time)
     * @param stoppedAtS        when voice-stopped was decided
     * @param duringRobotSpeech the robot was in its turn at the onset
     * @param kind              {@code user}, {@code background} (only other people's voices:
     *                          the scenario's {@code background:} clips), {@code self_interruption} or
     *                          {@code false_detection}
     */
    public record VoiceSegment(double startS, double endS, double detectedAtS, double stoppedAtS,
                               boolean duringRobotSpeech, String kind) {
    }

    /**
     * A recognition result, stamped with the session time it was published.
     *
     * @param tier     {@code grammar} or {@code open} (Whisper's words: the grammar heard none)
     * @param openText on a grammar final, what the open tier heard in the same audio; null when it
     *                 did not decode it
     */
    public record TranscriptEntry(double tS, String text, boolean isFinal, double confidence, String tier,
                                  String openText) {

        /** {@code t} as published at {@code tS} seconds. */
        public static TranscriptEntry of(double tS, dev.vigil.agent.message.Transcript t) {
            return new TranscriptEntry(tS, t.text(), t.isFinal(), ReportBuilder.round(t.confidence()),
                    t.tier().wireName(), t.openText());
        }
    }

    /** A robot utterance as the loudspeaker played it. */
    public record UtteranceEntry(String id, double tStartS, double tEndS, String text, String playedText, long playedMs,
                                 boolean truncated) {
    }

    /** A published intent (ROS4HRI fields; data as a JSON object), stamped with its publication time. */
    public record IntentEntry(String intent, JsonNode data, String source, String modality, int priority,
                              double confidence, double tS) {
    }

    /**
     * The robot yielding the floor.
     *
     * @param stopMs            true onset of the user's speech → last robot sample played before it
     *                          fell silent
     * @param falseInterruption no words followed: the robot resumed the held audio
     * @param utteranceId       the robot utterance it cut
     */
    public record BargeInEntry(double tS, Double stopMs, boolean falseInterruption, String utteranceId) {
    }

    public record Error(String component, String message, double tS) {
    }

    public record ExpectationResult(String expect, Object expected, Object actual, boolean passed) {
    }

    /**
     * How long the run took and how that compares with the audio's length; each vision engine's
     * compute time per frame (wall clock: it differs between runs, so it lives here).
     */
    /**
     * What the run cost on this machine, and what it ran on.
     *
     * @param engines the backend each model was opened on, and why the ones before it were skipped
     *                ({@link dev.vigil.engines.Engines#choices()}), by model
     */
    public record Processing(double wallS, double realtimeFactor, Map<String, Summary> visionMs,
                             List<dev.vigil.engines.BackendChoice> engines) {

        public Processing {
            engines = List.copyOf(engines);
        }

        public Processing(double wallS, double realtimeFactor) {
            this(wallS, realtimeFactor, Map.of(), List.of());
        }
    }

    Report withExpectations(List<ExpectationResult> results) {
        return new Report(scenario, speed, aec, respond, durationS, voiceSegments, truthSegments, robotSpeechSegments,
                measures, liveMeasures, selfInterruptions, falseDetections, backgroundDetections, missedUserSpeech, droppedAudioMs, echoRejectedWindows,
                unitDeadlineMisses, transcripts, utterances, intents, bargeIns, errors, results,
                !interrupted && results.stream().allMatch(ExpectationResult::passed), processing, telemetry, watches,
                observationsSummary, falseAlarms, framesDropped, interrupted, audioDrops);
    }
}
