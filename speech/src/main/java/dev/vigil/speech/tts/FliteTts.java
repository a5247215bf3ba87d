package dev.vigil.speech.tts;

import dev.vigil.speech.tts.engine.FliteSynthesizer;
import java.util.concurrent.Executor;

/**
 * English speech from flite, in-process. Each chunk is synthesized through flite's streaming call
 * so that a cancel stops it between two ~16 ms pieces rather than at the end of the chunk; the
 * pieces are still delivered as one {@code audio} call per chunk, because the first chunk is short
 * enough (~20 ms to make) that forwarding them would gain a few milliseconds and cost the caller
 * knowing exactly which text was played when it is cut off.
 *
 * <p>flite serialises all native calls in the process, so several {@code FliteTts} instances
 * take turns chunk by chunk rather than running in parallel.
 */
public final class FliteTts implements Tts {

    public static final String DEFAULT_VOICE = "slt";

    private final FliteSynthesizer flite;
    private final String voice;
    private final ChunkedSpeaker speaker;

    /** The {@link #DEFAULT_VOICE}; see {@link Tts} for what the executor must be. */
    public FliteTts(Executor executor) {
        this(DEFAULT_VOICE, executor);
    }

    /**
     * @param voice    one of {@code slt rms awb kal16} (16 kHz) or {@code kal} (8 kHz)
     * @param executor a bounded worker pool the caller owns; see {@link Tts}
     * @throws IllegalArgumentException for an unknown voice
     * @throws dev.vigil.speech.tts.engine.SynthesisException if flite is not installed
     */
    public FliteTts(String voice, Executor executor) {
        FliteSynthesizer synthesizer = new FliteSynthesizer();
        if (!synthesizer.voices().contains(voice)) {
            synthesizer.close();
            throw new IllegalArgumentException("unknown flite voice '" + voice + "' (available: "
                    + String.join(", ", synthesizer.voices()) + ")");
        }
        this.flite = synthesizer;
        this.voice = voice;
        this.speaker = new ChunkedSpeaker("FliteTts", (chunk, keepGoing) -> flite.synthesizeStreaming(
                chunk, this.voice, (samples, sampleRate, last) -> keepGoing.getAsBoolean()),
                TextChunker.DEFAULT, executor);
    }

    @Override
    public String language() {
        return "en";
    }

    public String voice() {
        return voice;
    }

    @Override
    public Synthesis speak(String utteranceId, String text, TtsListener listener) {
        return speaker.speak(utteranceId, text, listener);
    }

    @Override
    public void close() {
        speaker.close();
        flite.close();
    }
}
