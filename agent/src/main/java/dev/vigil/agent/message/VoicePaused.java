package dev.vigil.agent.message;

/**
 * The user's voice went quiet inside a segment (control lane): the first window without speech after
 * speech. The segment goes on; it ends with {@link VoiceStopped} only once the silence has lasted the
 * hangover (300 ms by default), and more speech before that continues it. Work that needs the whole
 * utterance and takes longer than the rest of the hangover (the open tier's decode) may start here
 * on the audio so far, and is used if the segment ends at {@code lastSpeechEndNanos}.
 *
 * @param onsetNanos         the onset of the segment (matches {@link VoiceStarted#onsetNanos()})
 * @param lastSpeechEndNanos end of the last speech window before the quiet
 * @param detectedNanos      session time of the audio at which the quiet was seen
 */
public record VoicePaused(long onsetNanos, long lastSpeechEndNanos, long detectedNanos) {
}
