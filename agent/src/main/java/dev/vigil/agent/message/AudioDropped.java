package dev.vigil.agent.message;

/**
 * Audio that was not processed because the consumer fell behind and its bounded queue was full.
 *
 * @param lane          the address whose audio was dropped
 * @param captureNanos  session time of the first dropped sample
 * @param durationNanos how much audio was dropped
 */
public record AudioDropped(String lane, long captureNanos, long durationNanos) {
}
