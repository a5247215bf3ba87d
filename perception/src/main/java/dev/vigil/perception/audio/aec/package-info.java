/**
 * Acoustic echo cancellation: removes the robot's own voice from the microphone signal, using what
 * the loudspeaker played as the reference. Speex's adaptive filter (libspeexdsp, through JNA) plus its
 * residual-echo suppressor, and the tracker that measures how late the echo arrives and how that
 * drifts, so the reference can be kept aligned with it.
 */
package dev.vigil.perception.audio.aec;
