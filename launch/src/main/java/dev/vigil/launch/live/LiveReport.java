package dev.vigil.launch.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.agent.measure.LiveMeasures;
import dev.vigil.agent.measure.Summary;
import dev.vigil.agent.message.BargeIn;
import dev.vigil.agent.message.FalseInterruption;
import dev.vigil.agent.message.Intent;
import dev.vigil.agent.message.UtterancePlayed;
import dev.vigil.launch.replay.Report;
import dev.vigil.launch.replay.Report.TranscriptEntry;
import dev.vigil.launch.replay.RunLog;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * What {@code vigil run --out DIR} writes as {@code report.json}: the replay report's fields that do
 * not need scenario ground truth (docs/report.md, "Live runs"). Its measures come from the agent's
 * own timestamps: a user turn ends at the end of the voice segment (VAD), not at a true end of speech.
 *
 * @param startedAt       ISO-8601 wall time the agent started listening
 * @param durationS       session seconds from start to stop
 * @param stopReason      why the run ended ({@code SIGINT}, {@code SIGTERM}, ...)
 * @param microphone      the microphone's description
 * @param speaker         the loudspeaker's description
 * @param speakerLatencyMs the output latency measured on the loudspeaker device
 * @param aec             echo cancellation on
 * @param voiceSegments   detected voice segments
 * @param measures        the agent's live measures ({@link LiveMeasures}): {@code voice_to_voice_ms},
 *                        {@code end_of_turn_ms}, {@code asr_final_ms}, {@code tts_first_audio_ms},
 *                        {@code barge_in_stop_ms}; only those that occurred
 * @param droppedAudioMs  microphone audio dropped because the front end fell behind
 * @param audioDrops      each drop (its time, length and lane), for the report page
 */
public record LiveReport(
        String startedAt,
        double durationS,
        String stopReason,
        String microphone,
        String speaker,
        double speakerLatencyMs,
        boolean aec,
        List<Segment> voiceSegments,
        Map<String, Summary> measures,
        double droppedAudioMs,
        int echoRejectedWindows,
        List<TranscriptEntry> transcripts,
        List<UtteranceEntry> utterances,
        List<IntentEntry> intents,
        List<BargeInEntry> bargeIns,
        List<ErrorEntry> errors,
        Processing processing,
        Map<String, Long> telemetry,
        List<Report.AudioDrop> audioDrops) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A detected voice segment (seconds of session time). */
    public record Segment(double startS, double endS, double detectedAtS, double stoppedAtS,
                          boolean duringRobotSpeech) {
    }

    public record UtteranceEntry(String id, double tStartS, double tEndS, String text, String playedText,
                                 long playedMs, boolean truncated) {
    }

    public record IntentEntry(String intent, JsonNode data, String source, String modality, int priority,
                              double confidence, double tS) {
    }

    /** @param stopMs voice onset → last robot sample of the utterance it cut (null if none was cut) */
    public record BargeInEntry(double tS, String utteranceId, Double stopMs, boolean falseInterruption) {
    }

    public record ErrorEntry(String component, String message, double tS) {
    }

    /** @param wallS wall-clock seconds the run took */
    /**
     * What the run cost, and what it ran on.
     *
     * @param engines the backend each model was opened on, and why the ones before it were skipped
     *                ({@link dev.vigil.engines.Engines#choices()}), by model
     */
    public record Processing(double wallS, List<dev.vigil.engines.BackendChoice> engines) {
        public Processing {
            engines = List.copyOf(engines);
        }
    }

    /** Everything the run log saw, summarised. */
    public static LiveReport build(RunLog log, String startedAt, double durationS, String stopReason,
                                   String microphone, String speaker, double speakerLatencyMs, boolean aec,
                                   double wallS, Map<String, Long> telemetry) {
        List<Segment> segments = new ArrayList<>();
        for (RunLog.Segment s : RunLog.copy(log.segments)) {
            double end = s.stopped == null ? durationS : seconds(s.stopped.endNanos());
            double stoppedAt = s.stopped == null ? durationS : seconds(s.stopped.detectedNanos());
            segments.add(new Segment(round(seconds(s.started.onsetNanos())), round(end),
                    round(seconds(s.started.detectedNanos())), round(stoppedAt), s.started.duringRobotSpeech()));
        }
        List<UtterancePlayed> played = RunLog.copy(log.utterances).stream()
                .sorted(Comparator.comparingLong(UtterancePlayed::startNanos)).toList();
        List<FalseInterruption> falses = RunLog.copy(log.falseInterruptions);

        List<BargeInEntry> bargeIns = new ArrayList<>();
        for (BargeIn b : RunLog.copy(log.bargeIns)) {
            double onset = seconds(b.onsetNanos());
            Double stop = played.stream()
                    .filter(UtterancePlayed::truncated)
                    .filter(u -> b.utteranceId().isEmpty() || u.utteranceId().equals(b.utteranceId()))
                    .map(u -> seconds(u.endNanos()))
                    .filter(end -> end >= onset - 0.05)
                    .findFirst()
                    .map(end -> (double) Math.round(Math.max(0, end - onset) * 1000))
                    .orElse(null);
            boolean falseInterruption = falses.stream().anyMatch(f -> f.bargeInNanos() == b.atNanos());
            bargeIns.add(new BargeInEntry(round(seconds(b.atNanos())), b.utteranceId(), stop, falseInterruption));
        }
        Map<String, Summary> measures = LiveMeasures.summarize(RunLog.copy(log.measured));

        return new LiveReport(startedAt, round(durationS), stopReason, microphone, speaker, round(speakerLatencyMs), aec,
                segments, measures,
                RunLog.copy(log.drops).stream().mapToDouble(d -> d.durationNanos() / 1e6).sum(),
                log.echoRejections.size(),
                RunLog.copy(log.transcripts).stream().map(t -> TranscriptEntry.of(round(seconds(t.atNanos())),
                        t.message())).toList(),
                played.stream().map(u -> new UtteranceEntry(u.utteranceId(), round(seconds(u.startNanos())),
                        round(seconds(u.endNanos())), u.text(), u.playedText(), u.playedMillis(), u.truncated())).toList(),
                RunLog.copy(log.intents).stream().map(s -> intent(s.message(), s.atNanos())).toList(),
                bargeIns,
                RunLog.copy(log.errors).stream()
                        .map(e -> new ErrorEntry(e.component(), e.message(), round(seconds(e.atNanos())))).toList(),
                new Processing(round(wallS), dev.vigil.engines.Engines.choices()),
                telemetry,
                Report.AudioDrop.inOrder(RunLog.copy(log.drops)));
    }

    private static IntentEntry intent(Intent i, long atNanos) {
        JsonNode data;
        try {
            data = JSON.readTree(i.data() == null || i.data().isBlank() ? "{}" : i.data());
        } catch (Exception e) {
            data = JSON.getNodeFactory().textNode(i.data());
        }
        return new IntentEntry(i.intent(), data, i.source(), i.modality(), i.priority(), round(i.confidence()),
                round(seconds(atNanos)));
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
