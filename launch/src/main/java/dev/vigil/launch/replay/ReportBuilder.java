package dev.vigil.launch.replay;

import dev.vigil.agent.measure.Measure;
import dev.vigil.agent.measure.Summary;
import dev.vigil.launch.replay.Report.ExpectationResult;
import dev.vigil.launch.replay.Report.Span;
import dev.vigil.launch.replay.Report.VoiceSegment;
import dev.vigil.launch.scenario.Expectation;
import dev.vigil.launch.scenario.RenderedScenario;
import dev.vigil.launch.scenario.Scenario.Interval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares what the agent detected with the scenario's ground truth. The measures of
 * ARCHITECTURE.md that replay can compute are computed here and nowhere else.
 */
final class ReportBuilder {

    /** A detection this close to a true span counts as touching it (window granularity is 32 ms). */
    static final double TOLERANCE_S = 0.05;
    /** After the loudspeaker stops, the room still rings (echo path + reverberation). */
    static final double ECHO_TAIL_S = 0.3;

    private ReportBuilder() {
    }

    static Report build(RenderedScenario rendered, RunLog log, String speed, boolean aec, double wallSeconds,
                        Map<String, Long> telemetry) {
        var scenario = rendered.scenario();
        double echoDelay = scenario.echo().delayMs() / 1000;
        List<Interval> truth = rendered.truth();
        List<VoiceSegment> segments = new ArrayList<>();
        List<RunLog.Segment> detected;
        synchronized (log.segments) {
            detected = List.copyOf(log.segments);
        }
        // The robot's speech as the loudspeaker really played it (scripted lines and replies alike).
        List<Interval> robotSpeech;
        synchronized (log.utterances) {
            robotSpeech = log.utterances.stream()
                    .map(u -> new Interval(u.startNanos() / 1e9, u.endNanos() / 1e9))
                    .sorted(java.util.Comparator.comparingDouble(Interval::start)).toList();
        }
        for (RunLog.Segment s : detected) {
            double start = seconds(s.started.onsetNanos());
            double end = s.stopped == null ? rendered.durationSeconds() : seconds(s.stopped.endNanos());
            double stoppedAt = s.stopped == null ? rendered.durationSeconds() : seconds(s.stopped.detectedNanos());
            String kind;
            if (truth.stream().anyMatch(t -> overlaps(start, end, t.start(), t.end()))) {
                kind = "user";
            } else if (robotSpeech.stream()
                    .anyMatch(r -> overlaps(start, end, r.start(), r.end() + echoDelay + ECHO_TAIL_S))) {
                kind = "self_interruption";
            } else {
                kind = "false_detection";
            }
            segments.add(new VoiceSegment(round(start), round(end), round(seconds(s.started.detectedNanos())),
                    round(stoppedAt), s.started.duringRobotSpeech(), kind));
        }

        List<Double> onsets = new ArrayList<>();
        List<Double> offsets = new ArrayList<>();
        int missed = 0;
        for (int i = 0; i < truth.size(); i++) {
            Interval t = truth.get(i);
            VoiceSegment first = segments.stream()
                    .filter(v -> overlaps(v.startS(), v.endS(), t.start(), t.end())).findFirst().orElse(null);
            if (first == null) {
                missed++;
                continue;
            }
            double previousEnd = i == 0 ? Double.NEGATIVE_INFINITY : truth.get(i - 1).end();
            // A segment that began in the previous utterance (words merged) says nothing about this onset.
            if (first.startS() > previousEnd) {
                onsets.add((first.detectedAtS() - t.start()) * 1000);
            }
            Interval nextTruth = i + 1 < truth.size() ? truth.get(i + 1) : null;
            VoiceSegment last = segments.stream()
                    .filter(v -> overlaps(v.startS(), v.endS(), t.start(), t.end())).reduce((a, b) -> b).orElseThrow();
            if (nextTruth == null || !overlaps(last.startS(), last.endS(), nextTruth.start(), nextTruth.end())) {
                offsets.add((last.stoppedAtS() - t.end()) * 1000);
            }
        }
        List<Report.TruthSegment> truthSegments = new ArrayList<>();
        for (Interval t : truth) {
            double covered = 0;
            for (VoiceSegment v : segments) {
                covered += Math.max(0, Math.min(t.end(), v.endS()) - Math.max(t.start(), v.startS()));
            }
            double coverage = Math.min(1, covered / (t.end() - t.start()));
            boolean touched = segments.stream().anyMatch(v -> overlaps(v.startS(), v.endS(), t.start(), t.end()));
            truthSegments.add(new Report.TruthSegment(round(t.start()), round(t.end()), touched, round(coverage)));
        }
        Map<String, Summary> measures = new LinkedHashMap<>();
        measures.put(Measure.VAD_ONSET_MS, Summary.of(millis(onsets)));
        measures.put(Measure.VAD_OFFSET_MS, Summary.of(millis(offsets)));

        int selfInterruptions = (int) segments.stream().filter(v -> v.kind().equals("self_interruption")).count();
        int falseDetections = (int) segments.stream().filter(v -> v.kind().equals("false_detection")).count();
        double droppedMs;
        synchronized (log.drops) {
            droppedMs = log.drops.stream().mapToDouble(d -> d.durationNanos() / 1e6).sum();
        }
        List<Report.Error> errors;
        synchronized (log.errors) {
            errors = log.errors.stream()
                    .map(e -> new Report.Error(e.component(), e.message(), round(seconds(e.atNanos())))).toList();
        }
        Report draft = new Report(scenario.name(), speed, aec, round(rendered.durationSeconds()), List.copyOf(segments),
                truthSegments, spans(robotSpeech), measures, selfInterruptions, falseDetections, missed,
                droppedMs, log.echoRejections.size(), errors, List.of(), true,
                new Report.Processing(round(wallSeconds), round(rendered.durationSeconds() / Math.max(wallSeconds, 1e-9))),
                telemetry);
        List<ExpectationResult> results = scenario.expect().stream().map(e -> check(e, draft)).toList();
        boolean passed = results.stream().allMatch(ExpectationResult::passed);
        return new Report(draft.scenario(), draft.speed(), draft.aec(), draft.durationS(), draft.voiceSegments(),
                draft.truthSegments(), draft.robotSpeechSegments(), draft.measures(), draft.selfInterruptions(),
                draft.falseDetections(), draft.missedUserSpeech(), draft.droppedAudioMs(), draft.echoRejectedWindows(),
                draft.errors(), results, passed, draft.processing(), draft.telemetry());
    }

    static ExpectationResult check(Expectation expectation, Report report) {
        Object actual;
        boolean passed;
        if (expectation instanceof Expectation.VoiceSegments e) {
            actual = report.voiceSegments().size();
            passed = report.voiceSegments().size() == e.count();
        } else if (expectation instanceof Expectation.SelfInterruptions e) {
            actual = report.selfInterruptions();
            passed = report.selfInterruptions() == e.count();
        } else if (expectation instanceof Expectation.MissedUserSpeech e) {
            actual = report.missedUserSpeech();
            passed = report.missedUserSpeech() == e.count();
        } else if (expectation instanceof Expectation.MaxVadOnsetMedianMs e) {
            Summary onset = report.measures().get(Measure.VAD_ONSET_MS);
            actual = onset.count() == 0 ? null : onset.median();
            passed = onset.count() > 0 && onset.median() <= e.millis();
        } else if (expectation instanceof Expectation.MinSpeechCoverage e) {
            double worst = report.truthSegments().stream().mapToDouble(Report.TruthSegment::coverage).min().orElse(1);
            actual = worst;
            passed = worst >= e.fraction();
        } else if (expectation instanceof Expectation.NoErrors e) {
            actual = report.errors().size();
            passed = !e.required() || report.errors().isEmpty();
        } else {
            throw new IllegalStateException("no check for expectation " + expectation.key());
        }
        return new ExpectationResult(expectation.key(), expectation.expected(), actual, passed);
    }

    private static boolean overlaps(double start, double end, double spanStart, double spanEnd) {
        return start < spanEnd + TOLERANCE_S && end > spanStart - TOLERANCE_S;
    }

    private static List<Span> spans(List<Interval> intervals) {
        return intervals.stream().map(i -> new Span(round(i.start()), round(i.end()))).toList();
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    /** Milliseconds to 0.1 ms: audio positions are exact, float noise in the last digits is not. */
    private static List<Double> millis(List<Double> values) {
        return values.stream().map(v -> Math.round(v * 10) / 10.0).toList();
    }

    static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
