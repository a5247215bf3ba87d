/**
 * Sample-rate conversion between capture, model and playback rates (8-48 kHz microphones and
 * TTS voices to 16 kHz models, and back).
 *
 * <p>Outputs stay time-aligned with their inputs because latency is measured in milliseconds
 * against ground truth downstream; a converter that shifted audio by its filter delay would
 * show up as phantom latency.
 */
package dev.vigil.perception.audio.resample;
