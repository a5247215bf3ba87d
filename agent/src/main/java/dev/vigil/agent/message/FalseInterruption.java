package dev.vigil.agent.message;

/**
 * A barge-in that brought no words (a cough, an "mm-hm") within the window: the robot takes its
 * turn back and plays on the held audio from where it was paused.
 *
 * @param bargeInNanos  when the barge-in happened ({@link BargeIn#atNanos()})
 * @param atNanos       when it was judged false
 * @param utteranceId   the utterance that resumes
 */
public record FalseInterruption(long bargeInNanos, long atNanos, String utteranceId) {
}
