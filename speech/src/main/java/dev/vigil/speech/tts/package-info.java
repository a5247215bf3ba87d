/**
 * Streaming text-to-speech: the {@link dev.vigil.speech.tts.Tts} SPI the dialogue core speaks
 * through, and its flite (English) and espeak-ng (Mandarin) implementations.
 *
 * <p>An answer is cut by {@link dev.vigil.speech.tts.TextChunker} into a short first chunk and
 * then sentences or clauses, each synthesized and handed to the listener as soon as it exists, so
 * the loudspeaker can start on the first words while the rest is made. Synthesis runs on a worker
 * pool the caller owns, never on the caller's thread, and stops within the current chunk on
 * {@link dev.vigil.speech.tts.Synthesis#cancel()} so barge-in is heard at once.
 */
package dev.vigil.speech.tts;
