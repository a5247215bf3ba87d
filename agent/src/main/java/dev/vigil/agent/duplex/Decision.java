package dev.vigil.agent.duplex;

/** What the model wants after a unit: keep listening, or speak. */
public sealed interface Decision permits Decision.Listen, Decision.Speak {

    Listen LISTEN = new Listen();

    /** Keep the floor with the user. */
    record Listen() implements Decision {
    }

    /**
     * Say {@code text}. An omni model may bring its own waveform; a cascade leaves audio to TTS.
     *
     * @param audio24k  the model's own 24 kHz waveform, or null to synthesize {@code text}
     * @param endOfTurn the robot yields the floor after this
     */
    record Speak(String text, float[] audio24k, boolean endOfTurn) implements Decision {
        public Speak(String text) {
            this(text, null, true);
        }
    }
}
