/**
 * Bindings to the speech-synthesis engines the robot talks with.
 *
 * <p>{@link dev.vigil.speech.tts.engine.FliteSynthesizer} runs flite in-process through JNA so the
 * first audio leaves without a process start; {@link dev.vigil.speech.tts.engine.EspeakSynthesizer}
 * runs the {@code espeak-ng} program for languages flite cannot speak (Mandarin), and because
 * espeak-ng is GPL-3 it is only ever executed, never linked. Both return
 * {@link dev.vigil.speech.tts.engine.SynthesizedAudio}: mono 16-bit PCM at the engine's own rate;
 * resampling belongs to the audio output stage, not here.
 */
package dev.vigil.speech.tts.engine;
