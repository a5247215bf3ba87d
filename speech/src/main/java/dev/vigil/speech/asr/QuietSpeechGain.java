package dev.vigil.speech.asr;

import dev.vigil.agent.audio.PcmAudio;

/**
 * Gain for quiet speech before the command grammar decodes it: a segment whose speech is quiet is
 * raised to a normal speech level. The grammar's decoders lose words below about −45 dBFS (flite slt's
 * "go forward two meters" came out "go forward zero meters" at −50 dBFS); raised, they hear them
 * ({@code QuietSpeechGainTest}). The gain is taken from the whole segment, so a normal speaker's soft
 * first syllable is not mistaken for a quiet speaker (a gain taken from a segment's onset raised one of
 * {@code commands.yaml}'s by 26.8 dB).
 * <p>
 * Whisper needs none: on the real {@code goforward.raw} it wrote "go forward 10 meters" at every level
 * from −29 to −68 dBFS, with and without this gain.
 * <p>
 * Levels are active speech levels, close to ITU-T P.56's: the mean power of the 32 ms windows within
 * 30 dB of the loudest, in dBFS of 16-bit audio.
 */
final class QuietSpeechGain {

    /** A segment below this active level (dBFS) is quiet speech; normal speakers stood at −13 to −28. */
    static final double QUIET_BELOW_DBFS = -36;
    /** The level a quiet segment is raised to (dBFS): a normal speaker's, ITU-T P.56's nominal −26. */
    static final double TARGET_DBFS = -26;
    /** At most this much gain (dB): below −56 dBFS there is more noise than speech to raise. */
    static final double MAX_GAIN_DB = 30;
    /** The loudest sample is never raised above this (dBFS): no clipping. */
    private static final double PEAK_CEILING_DBFS = -1;
    private static final int WINDOW = 512;
    private static final double ACTIVE_RANGE_DB = 30;

    private QuietSpeechGain() {
    }

    /**
     * The segment at a speech level: {@code pcm} itself when it is not quiet (or silent), else a raised
     * copy.
     *
     * @param pcm 16 kHz mono 16-bit samples
     */
    static short[] raised(short[] pcm) {
        return raised(pcm, gainDb(pcm));
    }

    /**
     * {@code pcm} raised by {@code gainDb} (from {@link #gainDb}, so that a caller that logs the gain
     * measures the segment once); {@code pcm} itself when the gain is not positive.
     */
    static short[] raised(short[] pcm, double gainDb) {
        if (gainDb <= 0) {
            return pcm;
        }
        double gain = Math.pow(10, gainDb / 20);
        short[] out = new short[pcm.length];
        for (int i = 0; i < pcm.length; i++) {
            out[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(pcm[i] * gain)));
        }
        return out;
    }

    /** The gain {@link #raised} applies, dB; 0 for a segment that is not quiet. */
    static double gainDb(short[] pcm) {
        double level = activeLevelDbfs(pcm);
        if (Double.isNaN(level) || level >= QUIET_BELOW_DBFS) {
            return 0;
        }
        int peak = 0;
        for (short s : pcm) {
            peak = Math.max(peak, Math.abs(s));
        }
        double headroom = PEAK_CEILING_DBFS - 20 * Math.log10(peak / 32768.0);
        return Math.max(0, Math.min(Math.min(TARGET_DBFS - level, MAX_GAIN_DB), headroom));
    }

    /** The active speech level of 16-bit samples, dBFS; NaN when shorter than a window or silent. */
    static double activeLevelDbfs(short[] pcm) {
        int windows = pcm.length / WINDOW;
        double[] power = new double[windows];
        double loudest = 0;
        for (int w = 0; w < windows; w++) {
            power[w] = PcmAudio.meanSquare(pcm, w * WINDOW, (w + 1) * WINDOW);
            loudest = Math.max(loudest, power[w]);
        }
        if (loudest == 0) {
            return Double.NaN;
        }
        double floor = loudest * Math.pow(10, -ACTIVE_RANGE_DB / 10);
        double sum = 0;
        int n = 0;
        for (double p : power) {
            if (p >= floor) {
                sum += p;
                n++;
            }
        }
        return 10 * Math.log10(sum / n);
    }
}
