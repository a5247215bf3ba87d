/**
 * Acoustic echo cancellation: removes the robot's own voice from the microphone signal, using what
 * the loudspeaker played as the reference. Speex's adaptive filter (libspeexdsp, through JNA) plus its
 * residual-echo suppressor.
 */
package dev.vigil.perception.audio.aec;
