package dev.vigil.speech.tts;

import dev.vigil.speech.tts.engine.EspeakSynthesizer;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * Speech from the {@code espeak-ng} program, for languages flite cannot speak; Mandarin by default.
 *
 * <p>espeak-ng does not stream, so each chunk is one process run (~50 ms for a short sentence)
 * and a cancel takes effect between chunks, or at once when the worker is blocked on the process,
 * which is then killed.
 */
public final class EspeakTts implements Tts {

    public static final String DEFAULT_VOICE = "cmn";

    private final String voice;
    private final String language;
    private final ChunkedSpeaker speaker;

    /** Mandarin ({@code cmn}, language {@code zh}) from {@code espeak-ng} on the PATH. */
    public EspeakTts(Executor executor) {
        this(new EspeakSynthesizer(), DEFAULT_VOICE, "zh", executor);
    }

    /**
     * @param voice    an espeak-ng voice such as {@code cmn} or {@code en-us+f3}
     * @param language the BCP 47 tag that voice speaks, reported by {@link #language()}
     * @param executor a bounded worker pool the caller owns; see {@link Tts}
     * @throws IllegalArgumentException for a malformed voice name (espeak-ng 1.51 speaks a
     *     well-formed but unknown one with its default voice, without an error)
     */
    public EspeakTts(EspeakSynthesizer espeak, String voice, String language, Executor executor) {
        Objects.requireNonNull(espeak, "espeak");
        // Blank text checks the voice name without starting the program.
        espeak.synthesize("", voice);
        this.voice = voice;
        this.language = Objects.requireNonNull(language, "language");
        this.speaker = new ChunkedSpeaker("EspeakTts",
                (chunk, keepGoing) -> espeak.synthesize(chunk, this.voice), TextChunker.DEFAULT.forLanguage(language),
                executor);
    }

    @Override
    public String language() {
        return language;
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
    }
}
