/**
 * The audio front end: microphone in, decisions out. Echo cancellation against what the loudspeaker
 * played, voice activity on the cleaned signal, and the echo-aware guard that keeps the robot's own
 * voice from ever counting as the user speaking. {@link dev.vigil.perception.audio.frontend.AudioFrontEnd}
 * is the synchronous core; {@link dev.vigil.perception.audio.frontend.FrontEndVerticle} puts it on the
 * event bus with a worker and a bounded queue.
 */
package dev.vigil.perception.audio.frontend;
