/**
 * Speech recognition: the {@link dev.vigil.speech.asr.Asr} SPI (one utterance at a time, audio fed as
 * it is captured, partial results while it decodes, the final one at the end), the Sphinx4 engine
 * with a grammar, and the verticle that puts it on the bus; Whisper (open vocabulary) in
 * {@code whisper}; and the measures of a recogniser on recorded speech ({@link dev.vigil.speech.asr.WordErrorRate},
 * {@link dev.vigil.speech.asr.SpeechCorpus}).
 */
package dev.vigil.speech.asr;
