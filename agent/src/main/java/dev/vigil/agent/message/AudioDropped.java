package dev.vigil.agent.message;

/**
 * Audio that was lost on its way in: a consumer fell behind and its bounded queue was full, or the
 * microphone device itself lost audio it had captured (its buffer overran).
 *
 * @param lane          the address whose audio was dropped, or {@value #MICROPHONE_DEVICE}
 * @param captureNanos  session time of the first dropped sample
 * @param durationNanos how much audio was dropped
 */
public record AudioDropped(String lane, long captureNanos, long durationNanos) {

    /** The lane of audio the microphone device lost before the agent received it. */
    public static final String MICROPHONE_DEVICE = "device:microphone";
}
