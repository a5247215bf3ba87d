package dev.vigil.launch.replay;

import dev.vigil.agent.message.Box;
import dev.vigil.agent.message.Observation;
import dev.vigil.agent.message.UtterancePlayed;
import dev.vigil.agent.message.WatchUpdate;
import dev.vigil.launch.video.Shown;
import dev.vigil.policy.watch.Condition;
import dev.vigil.policy.watch.Watch;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The watches of a run against the video's ground truth: when each was made, fired, expired or was
 * taken back, its latency (the first moment the truth shows its condition, not before the watch was
 * made → the first sample of its alert played) and whether its firing was a false alarm (the truth
 * never showed the condition between the watch's making and its firing). Judged only for conditions
 * a video's truth can speak for (text shown, a light's colour) and only when the video has truth.
 */
final class WatchReport {

    /** The watch entries, the latencies (ms) and the number of false alarms. */
    record Result(List<Report.WatchEntry> entries, List<Double> latenciesMs, int falseAlarms) {
    }

    private WatchReport() {
    }

    static Result of(List<Watch> watches, List<WatchUpdate> updates, List<Shown> truth, List<UtterancePlayed> played,
                     double endS) {
        List<Report.WatchEntry> entries = new ArrayList<>();
        List<Double> latencies = new ArrayList<>();
        int falseAlarms = 0;
        for (Watch w : watches) {
            List<Double> fired = times(updates, w, WatchUpdate.FIRED);
            Double expired = times(updates, w, WatchUpdate.EXPIRED).stream().findFirst().orElse(null);
            Double cancelled = times(updates, w, WatchUpdate.CANCELLED).stream().findFirst().orElse(null);
            double created = w.createdNanos() / 1e9;
            Optional<Observation.Kind> kind = w.condition().truthKind();
            Double latency = null;
            Boolean falseAlarm = null;
            if (kind.isPresent() && !truth.isEmpty() && !fired.isEmpty()) {
                double firstFired = fired.get(0);
                OptionalDouble holds = firstHolds(w.condition(), kind.get(), truth, created, endS);
                falseAlarm = holds.isEmpty() || holds.getAsDouble() > firstFired;
                if (falseAlarm) {
                    falseAlarms++;
                } else {
                    Optional<UtterancePlayed> alert = played.stream()
                            .filter(u -> u.text().equals(w.alert()) && u.startNanos() / 1e9 >= firstFired - 1e-9)
                            .findFirst();
                    if (alert.isPresent()) {
                        latency = Math.round((alert.get().startNanos() / 1e9 - holds.getAsDouble()) * 10_000) / 10.0;
                        latencies.add(latency);
                    }
                }
            }
            entries.add(new Report.WatchEntry(w.id(), w.text(), w.condition().describe(), ReportBuilder.round(created),
                    fired.isEmpty() ? null : ReportBuilder.round(fired.get(0)), fired.size(), expired, cancelled, latency,
                    falseAlarm));
        }
        return new Result(entries, latencies, falseAlarms);
    }

    private static List<Double> times(List<WatchUpdate> updates, Watch w, String change) {
        return updates.stream().filter(u -> u.id().equals(w.id()) && u.change().equals(change))
                .map(u -> ReportBuilder.round(u.atNanos() / 1e9)).toList();
    }

    /** The first moment at or after {@code fromS} the truth shows what {@code condition} waits for. */
    static OptionalDouble firstHolds(Condition condition, Observation.Kind kind, List<Shown> truth, double fromS,
                                     double endS) {
        for (int i = 0; i < truth.size(); i++) {
            double until = i + 1 < truth.size() ? truth.get(i + 1).atS() : endS;
            if (until <= fromS) {
                continue;
            }
            List<Observation> shown = List.of(new Observation(kind, truth.get(i).what(), 1, Box.WHOLE_FRAME));
            if (condition.holds(shown, 0) > 0) {
                return OptionalDouble.of(Math.max(fromS, truth.get(i).atS()));
            }
        }
        return OptionalDouble.empty();
    }
}
