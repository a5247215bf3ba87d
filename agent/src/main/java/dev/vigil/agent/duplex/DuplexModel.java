package dev.vigil.agent.duplex;

import dev.vigil.agent.clock.Clock;
import dev.vigil.agent.message.Intent;
import dev.vigil.agent.message.Transcript;

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

        /**
         * Ends the user's turn at {@code atNanos} (session time, a timer on {@link #clock()}) unless
         * the user is speaking again by then, or their words are still being recognised: a unit then
         * closes with {@code endOfTurn} set and no final transcript, so that {@code prefill} and
         * {@code generate} run at once. For a model that waits, after a pause, for the rest of a
         * command; when the user does speak again, the final transcript of that speech ends the turn
         * as usual. Thread-safe.
         *
         * @return the timer; cancelling it takes the request back
         */
        Clock.Timer endTurnAt(long atNanos);
    }

    void prepare(Session session);

    void prefill(Unit unit);

    Decision generate();

    /**
     * The user took the floor: drop any answer in preparation, including one that a
     * {@code generate} running now would return. Thread-safe and non-blocking; see the class comment.
     */
    void interrupt();

    /**
     * Whether {@code heard}, words heard while the robot holds the floor, take it: a barge-in with
     * these words stops the robot for good, one without resumes it (a false interruption). The duplex
     * core has already ruled out silence, fillers and low confidence; the model judges meaning (the
     * cascade: a lone role of a command, "ten meters", does not; a backchannel, "okay", does not unless
     * it answers the robot's question). Called on the duplex core's event loop for partial and final
     * transcripts, so cheap, non-blocking and thread-safe. Default: any words do.
     *
     * @param heard a transcript, partial or final, as the recogniser gave it (the open tier's words
     *              for the same audio in {@link Transcript#openText()} when it has them)
     */
    default boolean interrupts(Transcript heard) {
        return true;
    }

    /** Forget the session: at its end, and when the user asks the robot to forget. */
    void reset();

    @Override
    void close();
}
