/**
 * Intent recognition: from a final transcript to an {@link dev.vigil.agent.message.Intent} with
 * ROS4HRI's fields, and the words the robot answers with.
 *
 * <p>{@link dev.vigil.policy.intent.IntentRecognizer} combines a sentence embedding (which kind of
 * intent) with rules (which roles), and prefers asking back to moving on a doubtful command. Its
 * {@code isStop} check runs on partial transcripts, ahead of everything else.
 *
 * <p>Intents and their {@code data}: {@code stop}, {@code cancel}, {@code repeat},
 * {@code what_can_you_do}, {@code what_are_you_doing}, {@code where_are_you_going} with {@code {}}
 * (the dialogue answers the last three from its own state); {@code greet} and {@code follow_me} with
 * {@code recipient}, {@code come_here} with {@code goal}, each the speaker's id (by default
 * {@code __unknown_agent__}); {@code move} with {@code direction} (forward, backward, left, right)
 * and, when said, {@code distance} in metres whatever unit was spoken; {@code turn} with
 * {@code direction} (left, right, around) and, when said, {@code angle} in degrees; {@code go_to}
 * with {@code goal}, a {@link dev.vigil.policy.intent.Place} id in lower snake case such as
 * {@code meeting_room}.
 */
package dev.vigil.policy.intent;
