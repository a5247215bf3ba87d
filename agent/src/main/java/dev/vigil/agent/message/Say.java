package dev.vigil.agent.message;

/**
 * Ask the speech side to say something (control lane). Synthesis streams into the loudspeaker
 * chunk by chunk; {@link PauseSpeaking} holds it, {@link StopSpeaking} cuts it.
 *
 * @param utteranceId unique per utterance; playback reports and history refer to it
 * @param text        what to say (with {@code audio24k}: what the audio says, for history and
 *                    truncation)
 * @param atNanos     session time of the decision
 * @param audio24k    the waveform to play as it is (an omni model's own voice), mono, 24 kHz,
 *                    −1..1; null to synthesize {@code text}. Shared by reference, never mutated.
 */
public record Say(String utteranceId, String text, long atNanos, float[] audio24k) {

    /** Sample rate of {@link #audio24k()}: MiniCPM-o's output rate. */
    public static final int AUDIO_RATE = 24_000;

    /** Say {@code text} with the robot's synthesizer. */
    public Say(String utteranceId, String text, long atNanos) {
        this(utteranceId, text, atNanos, null);
    }
}
