package dev.vigil.speech.asr;

/**
 * Automatic gain for a quiet speaker, one segment at a time, applied to what both recognition tiers
 * and the stop check are given (never to the recordings or the voice-activity detector).
 * <p>
 * A person a few metres away, or a microphone with little gain, arrives at −50 dBFS: the voice-activity
 * detector hears it, but the grammar decoder, whose front end adds a fixed dither, found no words, and
 * Whisper tiny wrote "don't worry we're doing these" for "go forward two meters"
 * ({@code scenarios/quiet-speaker.yaml}). At the segment's start, the loudest
 * {@value #WINDOW_SAMPLES}-sample (32 ms) window of the audio from its onset to its detection (one or
 * more syllables: the detector needs 100–250 ms of speech) gives its level; below
 * {@value #QUIET_DBFS} dBFS the segment is quiet, and its samples are raised so that window would be at
 * {@value #TARGET_DBFS} dBFS, by at most the configured maximum. Speech at a normal level is never
 * touched, so neither are its figures.
 * <p>
 * The gain can only come down within a segment: when a later 32 ms stretch, raised, would pass
 * {@value #CEILING_DBFS} dBFS (the speaker raised their voice after a soft start), the gain drops so
 * it lands there, and a sample is never clipped. Segments that start while the robot speaks are not
 * raised: there, what is quiet is mostly the echo canceller's residue of the robot's voice.
 * <p>
 * Not thread-safe: used from the recognition worker only.
 */
final class QuietSpeechGain {

    /** 32 ms at 16 kHz: the voice-activity detector's window. */
    static final int WINDOW_SAMPLES = 512;
    /** A segment whose loudest window is below this is a quiet speaker's. */
    static final double QUIET_DBFS = -42;
    /** Where a quiet segment's loudest window is raised to: the level of a normal speaker here. */
    static final double TARGET_DBFS = -20;
    /** No raised 32 ms stretch goes above this. */
    static final double CEILING_DBFS = -12;

    private final double maxGainDb;
    private double gain = 1;

    /** @param maxGainDb the most a segment is raised, dB, 0–60; 0 turns the gain off */
    QuietSpeechGain(double maxGainDb) {
        if (!(maxGainDb >= 0 && maxGainDb <= 60)) {
            throw new IllegalArgumentException("the most a quiet segment is raised must be 0–60 dB, was " + maxGainDb);
        }
        this.maxGainDb = maxGainDb;
    }

    /**
     * A new segment: its gain from {@code onset}, the audio from its onset to its detection (16 kHz).
     *
     * @param overRobot the segment started while the robot was speaking: never raised
     * @return the gain chosen, dB (0 when the segment is not quiet)
     */
    double begin(short[] onset, boolean overRobot) {
        gain = 1;
        if (overRobot || maxGainDb == 0 || onset.length == 0) {
            return 0;
        }
        double loudest = loudestWindowDbfs(onset);
        if (loudest < QUIET_DBFS) {
            gain = Math.pow(10, Math.min(maxGainDb, TARGET_DBFS - loudest) / 20);
        }
        return gainDb();
    }

    /** The gain now, dB. */
    double gainDb() {
        return 20 * Math.log10(gain);
    }

    /**
     * {@code samples} raised by the segment's gain: the same array when there is none, else a new
     * one. Lowers the gain first if these samples, raised, would pass the ceiling or clip.
     */
    short[] apply(short[] samples) {
        if (gain == 1 || samples.length == 0) {
            return samples;
        }
        double ceiling = Math.pow(10, CEILING_DBFS / 20);
        double loudest = Math.pow(10, loudestWindowDbfs(samples) / 20);
        int peak = 0;
        for (short s : samples) {
            peak = Math.max(peak, Math.abs(s));
        }
        gain = Math.max(1, Math.min(gain, Math.min(ceiling / Math.max(loudest, 1e-9), 32_767.0 / Math.max(peak, 1))));
        short[] raised = new short[samples.length];
        for (int i = 0; i < samples.length; i++) {
            raised[i] = (short) Math.max(-32_768, Math.min(32_767, Math.round(samples[i] * gain)));
        }
        return raised;
    }

    /** The RMS level of the loudest 32 ms window (the whole of a shorter input), dBFS; −120 for silence. */
    static double loudestWindowDbfs(short[] samples) {
        int window = Math.min(WINDOW_SAMPLES, samples.length);
        if (window == 0) {
            return -120;
        }
        double loudest = 0;
        // Half-window hops: a syllable's loudest stretch is not cut in two by the window grid.
        for (int start = 0; start + window <= samples.length; start += Math.max(1, window / 2)) {
            double sum = 0;
            for (int i = start; i < start + window; i++) {
                sum += (double) samples[i] * samples[i];
            }
            loudest = Math.max(loudest, sum / window);
        }
        double rms = Math.sqrt(loudest) / 32_768.0;
        return rms <= 1e-6 ? -120 : 20 * Math.log10(rms);
    }
}
