package dev.vigil.speech.asr;

/**
 * A stop word scored in a whole segment (see {@link Asr#spotStop}).
 *
 * @param word       the stop word scored, lower case ("stop")
 * @param confidence 0–1: how well the word explains the segment's speech compared with free phones;
 *                   engines define the measure (Sphinx4: {@link StopWordSpotter})
 * @param frames     10 ms frames the word took
 */
public record SpottedStop(String word, float confidence, int frames) {
}
