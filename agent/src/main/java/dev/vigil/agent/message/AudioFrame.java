package dev.vigil.agent.message;

/**
 * A run of mono 16-bit PCM samples.
 *
 * @param captureNanos session time of the first sample: when it was captured (microphone) or when it
 *                     reached the loudspeaker (speaker reference)
 * @param sampleRate   samples per second
 * @param samples      the samples; owned by the message once sent, never mutated
 */
public record AudioFrame(long captureNanos, int sampleRate, short[] samples) {

    public AudioFrame {
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sample rate must be positive, was " + sampleRate);
        }
    }

    public long durationNanos() {
        return samples.length * 1_000_000_000L / sampleRate;
    }

    public long endNanos() {
        return captureNanos + durationNanos();
    }
}
