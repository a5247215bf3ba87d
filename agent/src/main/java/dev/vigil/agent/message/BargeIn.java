package dev.vigil.agent.message;

/**
 * The user started speaking while the robot spoke (or was about to), and the robot yielded the
 * floor: its audio is paused until words confirm the interruption (then it is dropped) or none come
 * (then it resumes, see {@link FalseInterruption}).
 *
 * @param onsetNanos   the user's voice onset as detected
 * @param atNanos      when the pause was decided
 * @param utteranceId  the robot utterance that was cut (playing, or queued to play next); empty when
 *                     the loudspeaker played something the duplex core did not say and did not name
 */
public record BargeIn(long onsetNanos, long atNanos, String utteranceId) {
}
