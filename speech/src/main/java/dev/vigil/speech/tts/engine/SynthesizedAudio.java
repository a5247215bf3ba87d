package dev.vigil.speech.tts.engine;

import java.util.Arrays;
import java.util.Objects;

/**
 * Mono 16-bit PCM as an engine produced it.
 *
 * <p>The sample array is shared, not copied: utterances run to megabytes and are handed straight to
 * the audio output, so callers must treat it as read-only. Equality compares the samples.
 */
public record SynthesizedAudio(short[] samples, int sampleRate) {

    public SynthesizedAudio {
        Objects.requireNonNull(samples, "samples");
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sample rate must be positive, got " + sampleRate);
        }
    }

    /** Silence of zero length, for text with nothing speakable in it. */
    public static SynthesizedAudio empty(int sampleRate) {
        return new SynthesizedAudio(new short[0], sampleRate);
    }

    public boolean isEmpty() {
        return samples.length == 0;
    }

    public long durationMillis() {
        return samples.length * 1000L / sampleRate;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SynthesizedAudio that
                && sampleRate == that.sampleRate
                && Arrays.equals(samples, that.samples);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(samples) + sampleRate;
    }

    @Override
    public String toString() {
        // Printing the samples would flood logs with megabytes of numbers.
        return "SynthesizedAudio[" + samples.length + " samples @ " + sampleRate + " Hz, "
                + durationMillis() + " ms]";
    }
}
