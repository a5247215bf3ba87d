package dev.vigil.agent.duplex;

import dev.vigil.agent.message.Intent;

/**
 * The model behind the loop, with the shape of MiniCPM-o 4.5's duplex API: {@code prepare} once,
 * then per unit {@code prefill} and {@code generate}; {@code interrupt} forces listening (their
 * {@code set_break}); {@code reset} forgets the session. Implementations: the cascade (VAD + ASR +
 * policy + TTS, small CPU engines) today; an omni model served by llama.cpp-omni later.
 * <p>
 * Called from one worker at a time, never from an event loop: a call may take as long as inference
 * takes.
 */
public interface DuplexModel extends AutoCloseable {

    /** What the model may do besides deciding: publish intents, read the clock. */
    interface Session {
        void publish(Intent intent);

        long nanos();

        /** The robot's last utterance as it was really played (for "say that again"), or empty. */
        String lastPlayedText();
    }

    void prepare(Session session);

    void prefill(Unit unit);

    Decision generate();

    /** The user took the floor: drop any answer in preparation. */
    void interrupt();

    void reset();

    @Override
    void close();
}
