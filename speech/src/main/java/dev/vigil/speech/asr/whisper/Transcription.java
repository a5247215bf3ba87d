package dev.vigil.speech.asr.whisper;

/**
 * One utterance as Whisper wrote it and as the rest of Vigil reads it.
 *
 * @param raw          Whisper's own text, trimmed: capitals, punctuation, digits ("Go forward 10 meters.")
 * @param text         {@link WhisperText#normalise normalised}: lower case, words only ("go forward 10 meters");
 *                     empty when the decode looped
 * @param looped       the decode repeated itself ({@link WhisperText#compressionRatio} above
 *                     {@value WhisperAsr#LOOP_COMPRESSION_RATIO}): {@code raw} is a loop, not speech
 * @param audioSeconds audio decoded, at most {@link WhisperAsr#MAX_AUDIO_SECONDS}
 * @param droppedSeconds audio fed beyond the cap and not decoded; 0 for any utterance under 30 s
 * @param decodeNanos  wall time of the model run (mel, beam search and detokenizer together)
 */
public record Transcription(String raw, String text, boolean looped, double audioSeconds, double droppedSeconds, long decodeNanos) {
}
