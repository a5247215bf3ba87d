package dev.vigil.agent.message;

/**
 * The robot started or stopped talking (control lane; ROS: {@code std_msgs/Bool} on
 * {@code /robot_speaking}). Published by whatever drives the loudspeaker, so other nodes can gate
 * themselves on it. A barge-in's pause makes the robot silent, so it reads false while paused and
 * true again when the held audio resumes.
 *
 * @param speaking  true from the first sample played to the last
 * @param atNanos   session time of that sample
 * @param text      what is being said, when known (empty otherwise)
 */
public record RobotSpeaking(boolean speaking, long atNanos, String text) {
}
