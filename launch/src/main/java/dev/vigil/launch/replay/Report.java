package dev.vigil.launch.replay;

import dev.vigil.agent.measure.Summary;

import java.util.List;
import java.util.Map;

/**
 * What {@code vigil replay --report} writes: one JSON object, snake_case keys. Every field is
 * documented in docs/report.md; later capabilities add fields, never change these.
 */
public record Report(
        String scenario,
        String speed,
        boolean aec,
        double durationS,
        List<VoiceSegment> voiceSegments,
        List<TruthSegment> truthSegments,
        List<Span> robotSpeechSegments,
        Map<String, Summary> measures,
        int selfInterruptions,
        int falseDetections,
        int missedUserSpeech,
        double droppedAudioMs,
        int echoRejectedWindows,
        List<Error> errors,
        List<ExpectationResult> expectations,
        boolean passed,
        Processing processing,
        Map<String, Long> telemetry) {

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
     * @param startS            onset (start of its first speech window)
     * @param endS              end of its last speech window
     * @param detectedAtS       when voice-started was decided (audio time)
     * @param stoppedAtS        when voice-stopped was decided
     * @param duringRobotSpeech the loudspeaker was audible at the onset
     * @param kind              {@code user} (overlaps true user speech), {@code self_interruption}
     *                          (overlaps only the robot's own audio) or {@code false_detection}
     */
    public record VoiceSegment(double startS, double endS, double detectedAtS, double stoppedAtS,
                               boolean duringRobotSpeech, String kind) {
    }

    public record Error(String component, String message, double tS) {
    }

    public record ExpectationResult(String expect, Object expected, Object actual, boolean passed) {
    }

    /** How long the run took and how that compares with the audio's length. */
    public record Processing(double wallS, double realtimeFactor) {
    }
}
