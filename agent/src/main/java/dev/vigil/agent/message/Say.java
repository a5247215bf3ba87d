package dev.vigil.agent.message;

/**
 * Ask the speech side to say something (control lane). Synthesis streams into the loudspeaker
 * chunk by chunk; {@link StopSpeaking} cuts it.
 *
 * @param utteranceId unique per utterance; playback reports and history refer to it
 * @param text        what to say
 * @param atNanos     session time of the decision
 */
public record Say(String utteranceId, String text, long atNanos) {
}
