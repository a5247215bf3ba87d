package dev.vigil.agent.audio;

import java.util.Arrays;
import java.util.Objects;

/**
 * A clip of linear PCM audio: interleaved float samples, nominally in [-1, 1].
 *
 * <p>The sample array is shared, not copied: clips can be minutes long and are passed
 * between pipeline stages that never mutate them. Float sources may exceed [-1, 1]; they are
 * kept as they are and only clipped when converted to integer PCM.
 *
 * @param sampleRate frames per second, at least 1
 * @param channels   samples per frame, at least 1
 * @param samples    interleaved samples, a whole number of frames
 */
public record PcmAudio(int sampleRate, int channels, float[] samples) {

    public PcmAudio {
        if (sampleRate < 1) {
            throw new IllegalArgumentException("sample rate must be positive, got " + sampleRate);
        }
        if (channels < 1) {
            throw new IllegalArgumentException("channel count must be positive, got " + channels);
        }
        Objects.requireNonNull(samples, "samples");
        if (samples.length % channels != 0) {
            throw new IllegalArgumentException(samples.length + " samples is not a whole number of "
                    + channels + "-channel frames");
        }
    }

    /**
     * The mean square of 16-bit samples {@code [from, to)}, full scale 1 (a full-scale sine gives 0.5):
     * the power that levels in dBFS are taken from ({@code 10 log10}); 0 for an empty range.
     */
    public static double meanSquare(short[] samples, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            double v = samples[i] / 32768.0;
            sum += v * v;
        }
        return to > from ? sum / (to - from) : 0;
    }

    /** Wraps 16-bit mono PCM, the format of most speech models and raw captures. */
    public static PcmAudio ofPcm16(short[] mono, int sampleRate) {
        float[] out = new float[mono.length];
        for (int i = 0; i < mono.length; i++) {
            out[i] = mono[i] / 32768f;
        }
        return new PcmAudio(sampleRate, 1, out);
    }

    public int frames() {
        return samples.length / channels;
    }

    public double durationSeconds() {
        return frames() / (double) sampleRate;
    }

    /** Down-mixes by averaging the channels; returns this clip when it is already mono. */
    public PcmAudio mono() {
        if (channels == 1) {
            return this;
        }
        int frames = frames();
        float[] out = new float[frames];
        for (int f = 0, i = 0; f < frames; f++) {
            double sum = 0;
            for (int c = 0; c < channels; c++) {
                sum += samples[i++];
            }
            out[f] = (float) (sum / channels);
        }
        return new PcmAudio(sampleRate, 1, out);
    }

    /** Interleaved 16-bit samples, clipped to the representable range and rounded. */
    public short[] toPcm16() {
        short[] out = new short[samples.length];
        for (int i = 0; i < samples.length; i++) {
            out[i] = pcm16(samples[i]);
        }
        return out;
    }

    // Scaling by 32768 (not 32767) makes ofPcm16 -> toPcm16 the identity; +1.0 clips to 32767.
    static short pcm16(float sample) {
        int v = Math.round(sample * 32768f); // NaN rounds to 0
        return (short) Math.max(-32768, Math.min(32767, v));
    }

    // Records compare arrays by reference; clips are values, so compare contents.
    @Override
    public boolean equals(Object o) {
        return o instanceof PcmAudio other
                && sampleRate == other.sampleRate
                && channels == other.channels
                && Arrays.equals(samples, other.samples);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * sampleRate + channels) + Arrays.hashCode(samples);
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "PcmAudio[%d Hz, %d ch, %d frames, %.3f s]",
                sampleRate, channels, frames(), durationSeconds());
    }
}
