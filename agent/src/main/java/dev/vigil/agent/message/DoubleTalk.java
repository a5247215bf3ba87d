package dev.vigil.agent.message;

/**
 * Double talk (control lane): while the robot is audible, a sound at the microphone stands well above
 * both the echo the robot's own voice predicts and the room's quiet floor, for two 32 ms windows,
 * before the voice model has called it speech. It is the onset of "stop" said over the robot: its
 * "s" is such a sound, and the voice model reacts only at the vowel, 150–250 ms later. Floor control
 * pauses the robot at once; a voice onset ({@link VoiceStarted}) by {@code confirmByNanos} makes it
 * a barge-in, and without one (a cough, a door) the robot plays on from where it paused.
 *
 * @param detectedNanos  session time of the audio at which it was seen (end of the deciding window)
 * @param aboveDb        how far the window stood above the predicted echo and the room's floor, dB
 * @param confirmByNanos session time by which the voice model must have started a segment
 */
public record DoubleTalk(long detectedNanos, double aboveDb, long confirmByNanos) {
}
