package dev.vigil.agent.message;

/**
 * The user stopped speaking (control lane).
 *
 * @param onsetNanos    the onset of the segment that ended (matches {@link VoiceStarted#onsetNanos()})
 * @param endNanos      end of the last speech window
 * @param detectedNanos session time of the audio at which the silence was long enough to decide
 */
public record VoiceStopped(long onsetNanos, long endNanos, long detectedNanos) {
}
