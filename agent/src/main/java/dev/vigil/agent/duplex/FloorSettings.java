package dev.vigil.agent.duplex;

import java.util.Set;

/**
 * Turn-taking settings, in one place.
 *
 * @param unitMillis             length of a perception unit (MiniCPM-o decides once per 1 s unit)
 * @param falseInterruptionMillis a barge-in whose speech ends within this time of its onset without
 *                               any word recognised is a false interruption (cough, "mm-hm"): the
 *                               robot restates what it had not said yet
 * @param minWordConfidence      recognised words below this confidence do not count as words
 * @param fillers                words that are not a turn ("uh", "mm-hm", …)
 */
public record FloorSettings(int unitMillis, int falseInterruptionMillis, float minWordConfidence, Set<String> fillers) {

    public static FloorSettings defaults() {
        return new FloorSettings(1000, 2000, 0.3f,
                Set.of("uh", "um", "er", "ah", "oh", "hm", "hmm", "mm", "mhm", "mm-hm", "uh-huh", "huh"));
    }
}
