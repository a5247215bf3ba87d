package dev.vigil.agent.message;

/**
 * Forget the session (control lane): the model's state and the robot's conversation history, e.g.
 * when the user asks the robot to forget. What is being said is not stopped.
 *
 * @param reason  who or what asked, in a few words
 * @param atNanos session time of the request
 */
public record ResetSession(String reason, long atNanos) {
}
