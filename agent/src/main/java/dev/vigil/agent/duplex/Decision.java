package dev.vigil.agent.duplex;

/** What the model wants after a unit: keep listening, or speak. */
public sealed interface Decision permits Decision.Listen, Decision.Speak {

    Listen LISTEN = new Listen();

    /** Keep the floor with the user. */
    record Listen() implements Decision {
    }

    /**
     * Say {@code text}. An omni model may bring its own waveform, which is played as given (resampled
     * to the loudspeaker, never re-synthesized); a cascade leaves audio to TTS.
     *
     * @param text      what is said; with {@code audio24k}, what the audio says (history, truncation)
     * @param audio24k  the model's own waveform, mono, 24 kHz, −1..1, or null to synthesize {@code text}
     * @param endOfTurn the robot yields the floor after this
     */
    record Speak(String text, float[] audio24k, boolean endOfTurn) implements Decision {
        public Speak(String text) {
            this(text, null, true);
        }

        /** Whether there is anything to play. */
        public boolean audible() {
            return audio24k != null ? audio24k.length > 0 : text != null && !text.isBlank();
        }
    }
}
