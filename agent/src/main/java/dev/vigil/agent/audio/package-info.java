/**
 * Audio clips in memory and on disk: {@link dev.vigil.agent.audio.PcmAudio} is the one
 * in-memory shape every stage exchanges, {@link dev.vigil.agent.audio.WavFile} reads the WAV
 * variants that recorders, TTS engines and test fixtures actually produce, and
 * {@link dev.vigil.agent.audio.WavWriter} records arbitrarily long sessions with bounded memory.
 *
 * <p>JDK only on purpose: every module reads fixtures through this package, so it must not
 * drag a codec library into them. Failures surface as one-line
 * {@link dev.vigil.agent.audio.AudioFormatException} messages that are shown to users verbatim.
 */
package dev.vigil.agent.audio;
