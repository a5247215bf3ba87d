package dev.vigil.agent.duplex;

import dev.vigil.agent.clock.Clock;
import dev.vigil.agent.message.Intent;

/**
 * The model behind the loop, with the shape of MiniCPM-o 4.5's duplex API: {@code prepare} once,
 * then per unit {@code prefill} and {@code generate}; {@code interrupt} forces listening (their
 * {@code set_break}); {@code reset} forgets the session. Implementations: the cascade (VAD + ASR +
 * policy + TTS, small CPU engines) today; an omni model served by llama.cpp-omni later.
 * <p>
 * <b>Threads.</b> {@code prepare}, {@code prefill}, {@code generate}, {@code reset} and {@code close}
 * are called from one worker, one at a time, never from an event loop: they may take as long as
 * inference takes. {@link #interrupt()} is the exception: it comes from the duplex core's event
 * loop, at once, possibly while {@code prefill} or {@code generate} runs on the worker — a barge-in
 * must not wait behind the model's current step. It must therefore be thread-safe and must not
 * block (a remote backend sends its break asynchronously).
 */
public interface DuplexModel extends AutoCloseable {

    /** What the model may do besides deciding: publish intents, read the clock and settings. */
    interface Session {
        void publish(Intent intent);

        /** Session time of the audio heard so far, nanoseconds. */
        long nanos();

        /** The robot's last utterance as it was really played (for "say that again"), or empty. */
        String lastPlayedText();

        /** The session's clock: the model's own timeouts are timers on it. */
        Clock clock();

        /** The turn-taking settings the session runs with. */
        FloorSettings settings();
    }

    void prepare(Session session);

    void prefill(Unit unit);

    Decision generate();

    /**
     * The user took the floor: drop any answer in preparation, including one that a
     * {@code generate} running now would return. Thread-safe and non-blocking; see the class comment.
     */
    void interrupt();

    /** Forget the session: at its end, and when the user asks the robot to forget. */
    void reset();

    @Override
    void close();
}
