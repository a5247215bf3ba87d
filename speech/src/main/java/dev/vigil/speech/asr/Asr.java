package dev.vigil.speech.asr;

import dev.vigil.agent.message.Transcript;

import java.util.Optional;
import java.util.function.Consumer;

/**
 * A speech recogniser. Stronger engines (Whisper, Riva, an omni model) plug in here. One utterance
 * at a time: {@link #open} a stream when the user starts speaking, feed it while they speak, and
 * {@link AsrStream#finish} it when they stop.
 */
public interface Asr extends AutoCloseable {

    /** BCP-47 tag of the language recognised, e.g. {@code en-US}. */
    String language();

    /**
     * Starts an utterance. At most one stream is open at a time; opening a new one cancels the old.
     *
     * @param startNanos session time of the first sample that will be fed
     * @param partials   receives partial results as the decoder goes, on the decoder's thread
     */
    AsrStream open(long startNanos, Consumer<Transcript> partials);

    /**
     * Scores a whole segment against the stop word, for one that interrupted the robot and in which
     * {@link #open recognition} found no words. Blocking; call it on the recognition worker, between
     * utterances.
     *
     * @param pcm16k the segment as it was fed to its stream, 16 kHz mono
     * @return the stop word and its confidence; empty when the engine cannot tell (the default)
     */
    default Optional<SpottedStop> spotStop(short[] pcm16k) {
        return Optional.empty();
    }

    /**
     * The same recogniser decoding more thoroughly and more slowly (a wider beam search), for a second
     * listen to a segment whose first transcript the policy could not use; empty when the engine has
     * no such mode (the default). The view shares this recogniser's model: closing it does nothing.
     */
    default Optional<Asr> thorough() {
        return Optional.empty();
    }

    /**
     * Another listener on this recogniser's loaded model, for another agent in the same process (a
     * demo's warm-up and its run, replays in one JVM): its own one open stream and thorough view, the
     * model shared. One listener's new stream must not cancel another's (see {@link #open}). Closing
     * it does nothing; this recogniser closes the model. Empty when the engine is not shared that way
     * (the default): such an engine is made once per agent.
     */
    default Optional<Asr> anotherListener() {
        return Optional.empty();
    }

    @Override
    void close();
}
