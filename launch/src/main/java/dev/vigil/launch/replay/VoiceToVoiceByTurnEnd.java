package dev.vigil.launch.replay;

import dev.vigil.agent.measure.Measure;
import dev.vigil.agent.measure.Summary;
import dev.vigil.agent.message.Say;
import dev.vigil.agent.message.Transcript;
import dev.vigil.agent.message.UtterancePlayed;
import dev.vigil.launch.scenario.Scenario.Interval;
import dev.vigil.policy.intent.CommandReader;
import dev.vigil.policy.intent.Completeness;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Voice-to-voice latency by how the user's turn ended ({@link Completeness} of its words): a command
 * that cannot grow is answered at once, one that could grow ("turn left") after the extension window,
 * unfinished words ("go to the") after the wait for their rest. The pairs are those of
 * {@code voice_to_voice_ms}: the end of a true user utterance and the first reply (not a scripted line)
 * that starts after it and before the user speaks again. The words of that turn are the final
 * transcripts heard after the robot's previous reply was decided, up to this reply's decision, joined
 * (a command said in two parts is one turn).
 */
final class VoiceToVoiceByTurnEnd {

    private static final Map<Completeness, String> NAMES = Map.of(
            Completeness.FINAL, Measure.VOICE_TO_VOICE_FINAL_MS,
            Completeness.EXTENDABLE, Measure.VOICE_TO_VOICE_EXTENDABLE_MS,
            Completeness.INCOMPLETE, Measure.VOICE_TO_VOICE_INCOMPLETE_MS);

    private VoiceToVoiceByTurnEnd() {
    }

    /**
     * @param truth  true user utterances, seconds, in order
     * @param played robot utterances that played, by start
     * @param says   the agent's decisions to speak, stamped when published
     * @param heard  transcripts, stamped when published
     * @return the three measures, in milliseconds, each present (count 0 when no turn ended that way)
     */
    static Map<String, Summary> of(List<Interval> truth, List<UtterancePlayed> played, List<RunLog.Stamped<Say>> says,
                                   List<RunLog.Stamped<Transcript>> heard) {
        Map<Completeness, List<Double>> latencies = new EnumMap<>(Completeness.class);
        for (Completeness c : Completeness.values()) {
            latencies.put(c, new ArrayList<>());
        }
        int u = 0;
        for (int i = 0; i < truth.size(); i++) {
            double spokeUntil = truth.get(i).end();
            double spokeAgain = i + 1 < truth.size() ? truth.get(i + 1).start() : Double.POSITIVE_INFINITY;
            while (u < played.size() && (seconds(played.get(u).startNanos()) <= spokeUntil || decision(played.get(u), says) == null)) {
                u++;
            }
            if (u == played.size() || seconds(played.get(u).startNanos()) >= spokeAgain) {
                continue;
            }
            UtterancePlayed reply = played.get(u);
            Completeness kind = CommandReader.builtIn().completeness(wordsBefore(decision(reply, says), says, heard));
            latencies.get(kind).add(Math.round((seconds(reply.startNanos()) - spokeUntil) * 10_000) / 10.0);
        }
        Map<String, Summary> out = new LinkedHashMap<>();
        for (Completeness c : List.of(Completeness.FINAL, Completeness.EXTENDABLE, Completeness.INCOMPLETE)) {
            out.put(NAMES.get(c), Summary.of(latencies.get(c)));
        }
        return out;
    }

    /** The decision that made {@code u} play, or null for a scripted line. */
    private static RunLog.Stamped<Say> decision(UtterancePlayed u, List<RunLog.Stamped<Say>> says) {
        for (RunLog.Stamped<Say> say : says) {
            if (say.message().utteranceId().equals(u.utteranceId())) {
                return say;
            }
        }
        return null;
    }

    /** The final transcripts' words published after the decision before {@code reply} and up to it. */
    private static String wordsBefore(RunLog.Stamped<Say> reply, List<RunLog.Stamped<Say>> says,
                                      List<RunLog.Stamped<Transcript>> heard) {
        long after = Long.MIN_VALUE;
        for (RunLog.Stamped<Say> say : says) {
            if (say.atNanos() < reply.atNanos()) {
                after = Math.max(after, say.atNanos());
            }
        }
        StringBuilder words = new StringBuilder();
        for (RunLog.Stamped<Transcript> t : heard) {
            if (t.message().isFinal() && t.atNanos() > after && t.atNanos() <= reply.atNanos()) {
                words.append(' ').append(t.message().text());
            }
        }
        return words.toString().trim();
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
