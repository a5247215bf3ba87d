package dev.vigil.speech.tts;

import java.util.Locale;
import java.util.concurrent.Executor;

/**
 * Speaks text in one language, streaming audio to a listener as it is made. Engines (flite,
 * espeak-ng, and later Piper, Riva or an omni model's audio) plug in here.
 *
 * <p><b>Threads.</b> {@link #speak} never blocks and never runs the engine on the caller's thread:
 * an event loop may call it. Synthesis and every listener call run on the {@link Executor} the
 * implementation is built with, which the caller owns and passes as a bounded worker pool (not a
 * direct or caller-runs executor, which would synthesize on the caller's thread). One utterance is
 * synthesized at a time per instance.
 *
 * <p><b>A second {@code speak}</b> while one is running queues behind it rather than cutting it
 * off: dropping speech the caller did not ask to drop would lose words silently, and the dialogue
 * core cancels explicitly on barge-in before it speaks again.
 *
 * <p><b>Failures</b> of the engine, and a pool that rejects the work, reach the listener's
 * {@link TtsListener#failed}, never the caller as an exception, and the instance stays usable for
 * the next utterance.
 */
public interface Tts extends AutoCloseable {

    /** The BCP 47 tag of the language this instance speaks, e.g. {@code en} or {@code zh}. */
    String language();

    /**
     * Queues {@code text} to be spoken and returns at once.
     *
     * @param utteranceId the caller's name for this utterance, passed back in every listener call
     * @return the handle that cancels it
     * @throws NullPointerException  if an argument is null
     * @throws IllegalStateException if this instance is closed
     */
    Synthesis speak(String utteranceId, String text, TtsListener listener);

    /**
     * Cancels the running and queued utterances (their listeners still get {@code done(id, true)}
     * on the worker pool) and refuses new ones. Returns without waiting; leaves the executor,
     * which the caller owns, running.
     */
    @Override
    void close();

    /**
     * The engine for a BCP 47 language tag: {@code en*} speaks with flite ({@link FliteTts}),
     * {@code zh*} and {@code cmn*} with espeak-ng's Mandarin voice ({@link EspeakTts}).
     *
     * @param executor a bounded worker pool; see the class comment
     * @throws IllegalArgumentException for another language, naming the supported ones
     * @throws dev.vigil.speech.tts.engine.SynthesisException if flite is not installed
     */
    static Tts forLanguage(String bcp47, Executor executor) {
        String tag = bcp47 == null ? "" : bcp47.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        String primary = tag.contains("-") ? tag.substring(0, tag.indexOf('-')) : tag;
        return switch (primary) {
            case "en", "eng" -> new FliteTts(executor);
            case "zh", "zho", "chi", "cmn" -> new EspeakTts(executor);
            default -> throw new IllegalArgumentException("no text-to-speech for language '" + bcp47
                    + "' (supported: en via flite, zh/cmn via espeak-ng)");
        };
    }
}
