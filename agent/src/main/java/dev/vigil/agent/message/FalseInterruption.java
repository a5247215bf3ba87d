package dev.vigil.agent.message;

/**
 * A barge-in that brought no words (a cough, an "mm-hm") within the window: the robot takes its
 * turn back and restates what it had not said yet.
 *
 * @param bargeInNanos  when the barge-in happened
 * @param atNanos       when it was judged false
 * @param utteranceId   the utterance that resumes
 */
public record FalseInterruption(long bargeInNanos, long atNanos, String utteranceId) {
}
