/**
 * Voice activity: the Silero model's per-window speech probability, and the segmenter that turns
 * probabilities into voice-started / voice-stopped decisions with hysteresis.
 */
package dev.vigil.perception.audio.vad;
