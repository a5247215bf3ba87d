package dev.vigil.launch.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.agent.measure.LiveMeasures;
import dev.vigil.agent.measure.Measure;
import dev.vigil.agent.measure.Summary;
import dev.vigil.agent.message.AudioDropped;
import dev.vigil.agent.message.BargeIn;
import dev.vigil.agent.message.Intent;
import dev.vigil.agent.message.RobotSpeaking;
import dev.vigil.agent.message.Say;
import dev.vigil.agent.message.Transcript;
import dev.vigil.agent.message.UtterancePlayed;
import dev.vigil.launch.replay.Report.ExpectationResult;
import dev.vigil.launch.replay.Report.Span;
import dev.vigil.launch.replay.Report.VoiceSegment;
import dev.vigil.launch.scenario.Expectation;
import dev.vigil.launch.scenario.RenderedScenario;
import dev.vigil.launch.scenario.Scenario.Interval;
import dev.vigil.policy.watch.Watch;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Compares what the agent did with the scenario's ground truth. The measures of ARCHITECTURE.md
 * that replay can compute are computed here and nowhere else (definitions: docs/report.md).
 */
final class ReportBuilder {

    /** A detection this close to a true span counts as touching it (window granularity is 32 ms). */
    static final double TOLERANCE_S = 0.05;
    /** After the loudspeaker stops, the room still rings (echo path + reverberation). */
    static final double ECHO_TAIL_S = 0.3;

    private static final ObjectMapper JSON = new ObjectMapper();

    private ReportBuilder() {
    }

    /**
     * @param preRollS    how far before its first speech window a voice segment is said to start
     *                    (the voice-activity pre-roll), seconds
     * @param wallSeconds how long the run took on the wall clock: it goes into {@code processing}
     *                    only, the one part of the report that differs from run to run
     * @param interruptedAtS where the run was cut short, seconds of the scenario; null when it played
     *                    to the end. An interrupted run is judged on the user utterances that ended
     *                    before the cut, its duration is the cut, and it never passes.
     */
    static Report build(RenderedScenario rendered, RunLog log, String speed, boolean aec, double preRollS,
                        double wallSeconds, Map<String, Long> telemetry, List<Watch> watches, Double interruptedAtS) {
        var scenario = rendered.scenario();
        double echoDelay = scenario.echo().delayMs() / 1000;
        double duration = interruptedAtS != null ? interruptedAtS : rendered.durationSeconds();
        // Speech the cut came in the middle of, or before, was never fully heard: not missed.
        List<Interval> truth = interruptedAtS == null ? rendered.truth()
                : rendered.truth().stream().filter(t -> t.end() <= duration).toList();
        // Utterances dropped before any of it played (flushed while queued, failed synthesis) were never heard.
        // What the agent did after the cut (finishing the words it was hearing when the run was cut
        // short) is not part of the part played: the report covers that part, on both sides.
        long cutNanos = interruptedAtS == null ? Long.MAX_VALUE : Math.round(interruptedAtS * 1e9);
        List<UtterancePlayed> played = RunLog.copy(log.utterances).stream().filter(u -> u.playedMillis() > 0)
                .filter(u -> u.startNanos() <= cutNanos)
                .sorted(Comparator.comparingLong(UtterancePlayed::startNanos)).toList();
        List<Interval> robotSpeech = played.stream()
                .map(u -> new Interval(seconds(u.startNanos()), seconds(u.endNanos()))).toList();

        List<VoiceSegment> segments = new ArrayList<>();
        for (RunLog.Segment s : RunLog.copy(log.segments)) {
            double start = seconds(s.started.onsetNanos());
            double end = s.stopped == null ? duration : seconds(s.stopped.endNanos());
            double stoppedAt = s.stopped == null ? duration : seconds(s.stopped.detectedNanos());
            String kind;
            if (truth.stream().anyMatch(t -> overlaps(start, end, t.start(), t.end()))) {
                kind = "user";
            } else if (rendered.background().stream().anyMatch(t -> overlaps(start, end, t.start(), t.end()))) {
                kind = "background";
            } else if (robotSpeech.stream().anyMatch(r -> overlaps(start, end, r.start(), r.end() + echoDelay + ECHO_TAIL_S))) {
                kind = "self_interruption";
            } else {
                kind = "false_detection";
            }
            segments.add(new VoiceSegment(round(start), round(end), round(seconds(s.started.detectedNanos())),
                    round(stoppedAt), s.started.duringRobotSpeech(), kind));
        }

        List<Double> onsets = new ArrayList<>();
        List<Double> offsets = new ArrayList<>();
        List<Report.TruthSegment> truthSegments = new ArrayList<>();
        int missed = 0;
        for (int i = 0; i < truth.size(); i++) {
            Interval t = truth.get(i);
            List<VoiceSegment> touching = segments.stream()
                    .filter(v -> overlaps(v.startS(), v.endS(), t.start(), t.end())).toList();
            double covered = 0;
            for (VoiceSegment v : segments) {
                covered += Math.max(0, Math.min(t.end(), v.endS()) - Math.max(t.start(), v.startS()));
            }
            truthSegments.add(new Report.TruthSegment(round(t.start()), round(t.end()), !touching.isEmpty(),
                    round(Math.min(1, covered / (t.end() - t.start())))));
            if (touching.isEmpty()) {
                missed++;
                continue;
            }
            VoiceSegment first = touching.get(0);
            double previousEnd = i == 0 ? Double.NEGATIVE_INFINITY : truth.get(i - 1).end();
            // A segment that began in the previous utterance (words merged) says nothing about this onset.
            if (first.startS() > previousEnd) {
                onsets.add((first.detectedAtS() - t.start()) * 1000);
            }
            Interval next = i + 1 < truth.size() ? truth.get(i + 1) : null;
            VoiceSegment last = touching.get(touching.size() - 1);
            if (next == null || !overlaps(last.startS(), last.endS(), next.start(), next.end())) {
                offsets.add((last.stoppedAtS() - t.end()) * 1000);
            }
        }

        List<RunLog.Stamped<Transcript>> heard = beforeCut(log.transcripts, cutNanos);
        List<RunLog.Stamped<Say>> says = beforeCut(log.says, cutNanos);
        Map<String, Summary> measures = new LinkedHashMap<>();
        measures.put(Measure.VAD_ONSET_MS, Summary.of(millis(onsets)));
        measures.put(Measure.VAD_OFFSET_MS, Summary.of(millis(offsets)));
        measures.put(Measure.VOICE_TO_VOICE_MS, Summary.of(millis(voiceToVoice(truth, played, says))));
        measures.putAll(VoiceToVoiceByTurnEnd.of(truth, played, says, heard));
        List<Report.BargeInEntry> bargeIns = bargeIns(truth, RunLog.copy(log.bargeIns), log, preRollS);
        measures.put(Measure.BARGE_IN_STOP_MS, Summary.of(millis(bargeIns.stream()
                .filter(b -> b.stopMs() != null).map(Report.BargeInEntry::stopMs).toList())));
        measures.put(Measure.ASR_FINAL_MS, Summary.of(millis(asrFinal(truth, heard))));
        measures.put(Measure.TTS_FIRST_AUDIO_MS, Summary.of(millis(ttsFirstAudio(says, played))));

        WatchReport.Result watching = WatchReport.of(watches, RunLog.copy(log.watchUpdates), rendered.videoTruth(),
                played, duration);
        measures.put(Measure.WATCH_LATENCY_MS, Summary.of(watching.latenciesMs()));
        Map<String, Report.EngineFrames> frames = new java.util.TreeMap<>();
        Map<String, List<Double>> computeMs = new java.util.TreeMap<>();
        for (RunLog.EngineRun run : RunLog.copy(log.engineRuns)) {
            frames.merge(run.engine(), new Report.EngineFrames(1), (a, b) -> new Report.EngineFrames(a.frames() + 1));
            computeMs.computeIfAbsent(run.engine(), e -> new ArrayList<>()).add(run.computeNanos() / 1e6);
        }
        Map<String, Summary> visionMs = new java.util.TreeMap<>();
        computeMs.forEach((engine, ms) -> visionMs.put(engine, Summary.of(millis(ms))));

        List<AudioDropped> drops = RunLog.copy(log.drops);
        double droppedMs = drops.stream().mapToDouble(d -> d.durationNanos() / 1e6).sum();
        Report report = new Report(scenario.name(), speed, aec, scenario.respond(), round(duration),
                List.copyOf(segments), truthSegments, spans(robotSpeech), measures,
                LiveMeasures.summarize(RunLog.copy(log.measured).stream().filter(m -> m.atNanos() <= cutNanos).toList()),
                count(segments, "self_interruption"), count(segments, "false_detection"),
                count(segments, "background"), missed, droppedMs,
                log.echoRejections.size(),
                (int) RunLog.copy(log.deadlineMisses).stream().filter(d -> d.unitEndNanos() <= cutNanos).count(),
                heard.stream().map(h -> Report.TranscriptEntry.of(round(seconds(h.atNanos())), h.message())).toList(),
                played.stream().map(u -> new Report.UtteranceEntry(u.utteranceId(), round(seconds(u.startNanos())),
                        round(seconds(u.endNanos())), u.text(), u.playedText(), u.playedMillis(), u.truncated())).toList(),
                beforeCut(log.intents, cutNanos).stream().map(ReportBuilder::intent).toList(),
                bargeIns,
                RunLog.copy(log.errors).stream()
                        .map(e -> new Report.Error(e.component(), e.message(), round(seconds(e.atNanos())))).toList(),
                List.of(), true,
                new Report.Processing(round(wallSeconds), round(duration / Math.max(wallSeconds, 1e-9)),
                        visionMs, dev.vigil.engines.Engines.choices()),
                telemetry, watching.entries(), frames, watching.falseAlarms(),
                telemetry.getOrDefault(dev.vigil.agent.telemetry.Telemetry.FRAMES_DROPPED, 0L),
                interruptedAtS != null, Report.AudioDrop.inOrder(drops));
        return report.withExpectations(scenario.expect().stream().map(e -> check(e, report)).toList());
    }

    /**
     * End of each true user utterance → first sample of the robot's reply: the first utterance the
     * agent said (not a scripted line) that started after it and before the user spoke again.
     */
    private static List<Double> voiceToVoice(List<Interval> truth, List<UtterancePlayed> played,
                                             List<RunLog.Stamped<Say>> says) {
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < truth.size(); i++) {
            double end = truth.get(i).end();
            double nextStart = i + 1 < truth.size() ? truth.get(i + 1).start() : Double.POSITIVE_INFINITY;
            played.stream()
                    .filter(u -> isReply(u, says))
                    .filter(u -> seconds(u.startNanos()) > end && seconds(u.startNanos()) < nextStart)
                    .findFirst()
                    .ifPresent(u -> out.add((seconds(u.startNanos()) - end) * 1000));
        }
        return out;
    }

    private static boolean isReply(UtterancePlayed u, List<RunLog.Stamped<Say>> says) {
        return says.stream().anyMatch(s -> s.message().utteranceId().equals(u.utteranceId()));
    }

    /**
     * True onset of the interrupting speech → last robot sample played before the robot fell silent
     * (paused, or cut): the first "robot speaking" change at or after the barge-in, when it is "off",
     * or after the true onset, when that came first: double talk pauses the robot before the voice
     * model is sure, and the barge-in that follows finds it silent already.
     * When it is "on", the robot was not audible yet (the barge-in held a reply about to play): no stop.
     * A barge-in that no user speech caused (the robot's own voice taken for the user's) has no stop
     * time either: it is a self-interruption, and charging it to speech nearby would invent a latency.
     */
    private static List<Report.BargeInEntry> bargeIns(List<Interval> truth, List<BargeIn> bargeIns, RunLog log,
                                                      double preRollS) {
        var falseOnes = RunLog.copy(log.falseInterruptions);
        List<RobotSpeaking> speaking = RunLog.copy(log.robotSpeaking).stream()
                .sorted(Comparator.comparingLong(RobotSpeaking::atNanos)).toList();
        List<Report.BargeInEntry> out = new ArrayList<>();
        for (BargeIn b : bargeIns) {
            double at = seconds(b.atNanos());
            Optional<Interval> cause = cause(truth, seconds(b.onsetNanos()), preRollS);
            double from = cause.map(c -> Math.min(c.start(), at - 0.1)).orElse(at - 0.1);
            Optional<RobotSpeaking> silent = speaking.stream().filter(r -> seconds(r.atNanos()) >= from).findFirst()
                    .filter(r -> !r.speaking());
            Double stopMs = cause.isPresent() && silent.isPresent()
                    ? Math.round((seconds(silent.get().atNanos()) - cause.get().start()) * 10_000) / 10.0 : null;
            boolean falseInterruption = falseOnes.stream().anyMatch(f -> f.bargeInNanos() == b.atNanos());
            out.add(new Report.BargeInEntry(round(at), stopMs, falseInterruption, b.utteranceId()));
        }
        return out;
    }

    /**
     * The true user speech a voice segment detected at {@code onsetS} began in: the span that holds
     * (within {@link #TOLERANCE_S}) the segment's first speech window, which lies between the onset
     * and the onset plus the pre-roll (less when the pre-roll was cut short by the previous segment).
     * Speech that ended before that window, or began after it, did not cause the segment.
     */
    static Optional<Interval> cause(List<Interval> truth, double onsetS, double preRollS) {
        return truth.stream()
                .filter(t -> onsetS + preRollS >= t.start() - TOLERANCE_S && onsetS <= t.end() + TOLERANCE_S)
                .findFirst();
    }

    /** True end of a user utterance → the final transcript covering it was published. */
    private static List<Double> asrFinal(List<Interval> truth, List<RunLog.Stamped<Transcript>> heard) {
        List<Double> out = new ArrayList<>();
        for (Interval t : truth) {
            heard.stream().filter(h -> h.message().isFinal())
                    .filter(h -> seconds(h.message().endNanos()) >= t.end() - TOLERANCE_S
                            && seconds(h.message().startNanos()) <= t.end())
                    .findFirst()
                    .ifPresent(h -> out.add((seconds(h.atNanos()) - t.end()) * 1000));
        }
        return out;
    }

    /** The decision to say something → its first sample handed to the loudspeaker. */
    private static List<Double> ttsFirstAudio(List<RunLog.Stamped<Say>> says, List<UtterancePlayed> played) {
        List<Double> out = new ArrayList<>();
        for (RunLog.Stamped<Say> say : says) {
            played.stream().filter(u -> u.utteranceId().equals(say.message().utteranceId())).findFirst()
                    .ifPresent(u -> out.add((u.startNanos() - say.atNanos()) / 1e6));
        }
        return out;
    }

    private static Report.IntentEntry intent(RunLog.Stamped<Intent> stamped) {
        Intent i = stamped.message();
        JsonNode data;
        try {
            data = JSON.readTree(i.data());
        } catch (Exception e) {
            data = JSON.getNodeFactory().textNode(i.data());
        }
        return new Report.IntentEntry(i.intent(), data, i.source(), i.modality(), i.priority(), round(i.confidence()),
                round(seconds(stamped.atNanos())));
    }

    static ExpectationResult check(Expectation expectation, Report report) {
        Object actual;
        boolean passed;
        if (expectation instanceof Expectation.Count e) {
            int got = expectation instanceof Expectation.VoiceSegments ? report.voiceSegments().size()
                    : expectation instanceof Expectation.SelfInterruptions ? report.selfInterruptions()
                    : expectation instanceof Expectation.BackgroundDetections ? report.backgroundDetections()
                    : report.missedUserSpeech();
            actual = got;
            passed = got == e.count();
        } else if (expectation instanceof Expectation.MaxVadOnsetMedianMs e) {
            Summary onset = report.measures().get(Measure.VAD_ONSET_MS);
            actual = onset.median();
            passed = onset.count() > 0 && onset.median() <= e.millis();
        } else if (expectation instanceof Expectation.MinSpeechCoverage e) {
            double worst = report.truthSegments().stream().mapToDouble(Report.TruthSegment::coverage).min().orElse(1);
            actual = worst;
            passed = worst >= e.fraction();
        } else if (expectation instanceof Expectation.NoErrors e) {
            actual = report.errors().size();
            passed = !e.required() || report.errors().isEmpty();
        } else if (expectation instanceof Expectation.IntentPublished e) {
            List<Report.IntentEntry> named = report.intents().stream().filter(i -> i.intent().equals(e.intent())).toList();
            passed = named.stream().anyMatch(i -> e.within().map(w -> w.contains(i.tS())).orElse(true)
                    && matches(i.data(), e.data()));
            actual = named.isEmpty() ? "none" : named.stream().map(i -> i.data() + " @" + i.tS()).toList();
        } else if (expectation instanceof Expectation.NoIntent e) {
            long n = report.intents().stream().filter(i -> i.intent().equals(e.intent())).count();
            actual = n;
            passed = n == 0;
        } else if (expectation instanceof Expectation.TranscriptContains e) {
            passed = anyFinalContains(report, e.text(), e.within(), false);
            actual = finalsHeard(report, false);
        } else if (expectation instanceof Expectation.HeardContains e) {
            passed = anyFinalContains(report, e.text(), e.within(), true);
            actual = finalsHeard(report, true);
        } else if (expectation instanceof Expectation.UtteranceContains e) {
            // What a person heard: the words that left the loudspeaker, not the text of a cut utterance.
            passed = report.utterances().stream().anyMatch(u -> contains(u.playedText(), e.text())
                    && e.within().map(w -> w.contains(u.tStartS())).orElse(true));
            actual = report.utterances().stream()
                    .map(u -> u.truncated() ? u.playedText() + " [cut]" : u.playedText()).toList();
        } else if (expectation instanceof Expectation.MaxVoiceToVoiceMs e) {
            Summary v2v = report.measures().get(Measure.VOICE_TO_VOICE_MS);
            actual = v2v.max();
            passed = v2v.count() > 0 && v2v.max() <= e.millis();
        } else if (expectation instanceof Expectation.WatchFired e) {
            List<Report.WatchEntry> named = report.watches().stream()
                    .filter(w -> contains(w.text(), e.text()) && w.firedS() != null)
                    .filter(w -> e.within().map(win -> win.contains(w.firedS())).orElse(true)).toList();
            int times = named.stream().mapToInt(Report.WatchEntry::timesFired).sum();
            passed = e.times().isPresent() ? times == e.times().getAsInt() : times > 0;
            actual = report.watches().stream().filter(w -> w.firedS() != null)
                    .map(w -> w.text() + " @" + w.firedS() + (w.timesFired() > 1 ? " ×" + w.timesFired() : "")).toList();
        } else if (expectation instanceof Expectation.NoWatchFired e) {
            long fired = report.watches().stream().filter(w -> w.firedS() != null).count();
            actual = fired;
            passed = !e.required() || fired == 0;
        } else {
            throw new IllegalStateException("no check for expectation " + expectation.key());
        }
        return new ExpectationResult(expectation.key(), expectation.expected(), actual, passed);
    }

    /**
     * Whether a final transcript in the window contains {@code text}: its text, or with
     * {@code eitherTier} also the open tier's words for the same audio.
     */
    private static boolean anyFinalContains(Report report, String text, Optional<Expectation.Window> within,
                                            boolean eitherTier) {
        return report.transcripts().stream().filter(Report.TranscriptEntry::isFinal)
                .anyMatch(t -> (contains(t.text(), text) || eitherTier && t.openText() != null
                        && contains(t.openText(), text)) && within.map(w -> w.contains(t.tS())).orElse(true));
    }

    /** The finals' words, for a failed expectation's message; with {@code eitherTier}, "grammar / open tier". */
    private static List<String> finalsHeard(Report report, boolean eitherTier) {
        return report.transcripts().stream().filter(Report.TranscriptEntry::isFinal)
                .map(t -> !eitherTier || t.openText() == null || t.openText().equals(t.text()) ? t.text()
                        : t.text() + " / " + t.openText())
                .filter(s -> !s.isBlank()).toList();
    }

    /** Every expected field is in the data with an equal value (numbers compared as numbers). */
    private static boolean matches(JsonNode data, Map<String, Object> expected) {
        for (Map.Entry<String, Object> field : expected.entrySet()) {
            JsonNode got = data == null ? null : data.get(field.getKey());
            if (got == null) {
                return false;
            }
            Object want = field.getValue();
            boolean same = want instanceof Number n ? got.isNumber() && Math.abs(got.asDouble() - n.doubleValue()) < 1e-6
                    : got.asText().equalsIgnoreCase(String.valueOf(want));
            if (!same) {
                return false;
            }
        }
        return true;
    }

    private static boolean contains(String text, String part) {
        return text != null && text.toLowerCase(Locale.ROOT).contains(part.toLowerCase(Locale.ROOT));
    }

    private static int count(List<VoiceSegment> segments, String kind) {
        return (int) segments.stream().filter(v -> v.kind().equals(kind)).count();
    }

    private static boolean overlaps(double start, double end, double spanStart, double spanEnd) {
        return start < spanEnd + TOLERANCE_S && end > spanStart - TOLERANCE_S;
    }

    private static List<Span> spans(List<Interval> intervals) {
        return intervals.stream().map(i -> new Span(round(i.start()), round(i.end()))).toList();
    }

    /** The entries stamped at or before the cut. */
    private static <T> List<RunLog.Stamped<T>> beforeCut(List<RunLog.Stamped<T>> stamped, long cutNanos) {
        return RunLog.copy(stamped).stream().filter(s -> s.atNanos() <= cutNanos).toList();
    }

    /** Milliseconds to 0.1 ms: audio positions are exact, float noise in the last digits is not. */
    private static List<Double> millis(List<Double> values) {
        return values.stream().map(v -> Math.round(v * 10) / 10.0).toList();
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
