package dev.vigil.speech.tts.engine;

import com.sun.jna.Function;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import dev.vigil.speech.tts.engine.FliteStructs.CstAudioStreamingInfo;
import dev.vigil.speech.tts.engine.FliteStructs.CstVoice;
import dev.vigil.speech.tts.engine.FliteStructs.CstWave;
import dev.vigil.speech.tts.engine.FliteStructs.StreamCallback;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * English speech from flite, synthesized in-process through JNA.
 *
 * <p>In-process because the robot's first audio must leave fast: a process per utterance costs
 * more than flite needs to synthesize a short sentence.
 *
 * <p><b>Threading.</b> flite's C code is not thread-safe (shared lexicon caches, voice feature
 * tables that streaming mutates), so every native call in the JVM goes through one process-wide
 * lock, whichever instance makes it. Concurrent callers queue; they never overlap inside flite.
 * Voices are registered lazily, once per process, and kept: their unit databases are static data
 * in the voice libraries, so there is nothing worth giving back on {@link #close()}.
 *
 * <p><b>Determinism.</b> The clustergen voices ({@code slt}, {@code rms}, {@code awb}) excite
 * unvoiced sounds with noise from libc's {@code rand()}, so the same text would differ sample by
 * sample from call to call. Every synthesis first reseeds it with {@code srand}, making output a
 * pure function of text and voice (cacheable, testable). The cost is that libc's process-wide
 * {@code rand()} sequence is reset; nothing in the JVM itself draws from it.
 *
 * <p><b>What flite is given.</b> See {@link #speakableText(String)}: text is reduced to what flite's
 * English front end can say before it crosses into native code.
 */
public final class FliteSynthesizer implements AutoCloseable {

    /**
     * Longest speakable text accepted in one call. A call holds the native lock for roughly 1 s per
     * 1,000 characters with the clustergen voices, stalling every other speaker; longer text should be
     * split into sentences first.
     */
    public static final int MAX_TEXT_CHARS = 20_000;

    /**
     * Longer "words" are dropped: flite spells them letter by letter, so a 5,000-character hash or
     * URL would become minutes of audio.
     */
    public static final int MAX_WORD_CHARS = 50;

    // Nominal rates, only used to label empty audio without loading a voice; real audio carries
    // the rate flite reports.
    private static final Map<String, Integer> NOMINAL_RATES = nominalRates();
    private static final List<String> VOICES = List.copyOf(NOMINAL_RATES.keySet());

    private static final String KEPT_PUNCTUATION = ".,;:!?'\"()-/%$&+@";

    private static final int RAND_SEED = 1; // glibc's own default seed

    private static final int STREAM_CONTINUE = 0; // CST_AUDIO_STREAM_CONT
    private static final int STREAM_STOP = -1; // CST_AUDIO_STREAM_STOP

    private static final ReentrantLock NATIVE_LOCK = new ReentrantLock();
    private static final Map<String, Pointer> REGISTERED_VOICES = new HashMap<>(); // NATIVE_LOCK
    // A cst_voice points into its library's static data. JNA closes a NativeLibrary (dlclose) once
    // nothing references it and the GC runs, which turns those pointers into a crash: keep them open.
    private static final List<NativeLibrary> VOICE_LIBRARIES = new java.util.ArrayList<>(); // NATIVE_LOCK
    private static boolean fliteInitialized; // NATIVE_LOCK
    private static Stream activeStream; // NATIVE_LOCK; the streaming call in progress, if any

    private volatile boolean closed;

    /** @throws SynthesisException if the flite libraries cannot be loaded */
    public FliteSynthesizer() {
        Optional<String> reason = unavailableReason();
        if (reason.isPresent()) {
            throw new SynthesisException(reason.get());
        }
    }

    /** Whether flite and all its voices load on this machine. */
    public static boolean available() {
        return unavailableReason().isEmpty();
    }

    /** Why flite cannot be used here, as one line fit to show a user; empty when it can. */
    public static Optional<String> unavailableReason() {
        return Optional.ofNullable(Natives.UNAVAILABLE_REASON);
    }

    /** Voice names accepted by {@link #synthesize}: the 16 kHz voices, then 8 kHz {@code kal}. */
    public List<String> voices() {
        return VOICES;
    }

    /**
     * Synthesizes {@code text} with one of {@link #voices()}.
     *
     * @return audio at the voice's own rate (8 kHz for {@code kal}, 16 kHz for the others); empty
     *     when nothing in the text is speakable, without calling flite
     * @throws IllegalArgumentException for an unknown voice or text over {@link #MAX_TEXT_CHARS}
     */
    public SynthesizedAudio synthesize(String text, String voice) {
        return synthesize(text, voice, null);
    }

    /**
     * Synthesizes like {@link #synthesize(String, String)} but hands audio to {@code listener} in
     * chunks (256 samples or more, except the last) while flite produces it.
     *
     * <p>flite streams only its last stage (waveform generation), after it has analysed the whole
     * text, so first-chunk latency grows with text length: give it a clause at a time. The listener
     * runs on the calling thread while the native lock is held; it must be quick and must not call
     * back into a {@code FliteSynthesizer}. An exception it throws stops synthesis and is rethrown.
     *
     * @return the audio delivered to the listener, which is all of it unless the listener stopped
     *     early
     */
    public SynthesizedAudio synthesizeStreaming(String text, String voice, SpeechChunkListener listener) {
        if (listener == null) {
            throw new IllegalArgumentException("streaming listener must not be null");
        }
        return synthesize(text, voice, listener);
    }

    @Override
    public void close() {
        closed = true;
    }

    /**
     * The text flite will actually be given. The rule, applied in order:
     *
     * <ol>
     *   <li>Unicode compatibility decomposition, then combining marks dropped, so accented and
     *       full-width Latin letters become plain ASCII ({@code café} → {@code cafe}); a few letters
     *       without a decomposition are spelled out ({@code ß} → {@code ss}).
     *   <li>Typographic quotes and dashes become their ASCII forms.
     *   <li>Kept: ASCII letters and digits, and the punctuation {@code . , ; : ! ? ' " ( ) - / % $ & + @}
     *       which flite either reads as words or uses for phrasing.
     *   <li>Everything else becomes a space: control characters, markup symbols
     *       ({@code * # _ = < > [ ] { } | \ ~ ^ `}), and all non-Latin scripts and emoji, which
     *       flite's English front end would only spell out byte by byte or skip.
     *   <li>Words longer than {@link #MAX_WORD_CHARS} are dropped and whitespace is collapsed.
     *   <li>If no letter or digit is left, the result is empty: there is nothing to say.
     * </ol>
     */
    public static String speakableText(String text) {
        if (text == null || text.isBlank()) {
            return "";
        }
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFKD);
        StringBuilder kept = new StringBuilder(decomposed.length());
        decomposed.codePoints().forEach(c -> appendSpeakable(kept, c));

        StringBuilder result = new StringBuilder(kept.length());
        boolean hasLetterOrDigit = false;
        for (String word : kept.toString().split(" +")) {
            if (word.isEmpty() || word.length() > MAX_WORD_CHARS) {
                continue;
            }
            if (result.length() > 0) {
                result.append(' ');
            }
            result.append(word);
            hasLetterOrDigit |= word.chars().anyMatch(FliteSynthesizer::isAsciiLetterOrDigit);
        }
        return hasLetterOrDigit ? result.toString() : "";
    }

    private static void appendSpeakable(StringBuilder out, int c) {
        int type = Character.getType(c);
        if (type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK) {
            return;
        }
        if (isAsciiLetterOrDigit(c) || (c < 128 && KEPT_PUNCTUATION.indexOf(c) >= 0)) {
            out.appendCodePoint(c);
            return;
        }
        switch (c) {
            case '\u2018', '\u2019', '\u201A', '\u201B', '\u2032' -> out.append('\'');
            case '\u201C', '\u201D', '\u201E', '\u201F', '\u2033', '\u00AB', '\u00BB' -> out.append('"');
            case '\u2010', '\u2012', '\u2013', '\u2014', '\u2015', '\u2212' -> out.append('-');
            case '\u00DF' -> out.append("ss");
            case '\u00E6' -> out.append("ae");
            case '\u00C6' -> out.append("AE");
            case '\u0153' -> out.append("oe");
            case '\u0152' -> out.append("OE");
            case '\u00F8' -> out.append('o');
            case '\u00D8' -> out.append('O');
            case '\u0142' -> out.append('l');
            case '\u0141' -> out.append('L');
            default -> out.append(' ');
        }
    }

    private static boolean isAsciiLetterOrDigit(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    private SynthesizedAudio synthesize(String text, String voice, SpeechChunkListener listener) {
        if (closed) {
            throw new IllegalStateException("FliteSynthesizer is closed");
        }
        Integer nominalRate = voice == null ? null : NOMINAL_RATES.get(voice);
        if (nominalRate == null) {
            throw new IllegalArgumentException(
                    "unknown flite voice '" + voice + "' (available: " + String.join(", ", VOICES) + ")");
        }
        String speakable = speakableText(text);
        if (speakable.isEmpty()) {
            return SynthesizedAudio.empty(nominalRate);
        }
        if (speakable.length() > MAX_TEXT_CHARS) {
            throw new IllegalArgumentException("text too long for one flite call: " + speakable.length()
                    + " speakable characters (max " + MAX_TEXT_CHARS + "); split it into sentences");
        }
        // Pure ASCII by construction, so the bytes are exactly what flite's front end expects.
        byte[] cText = (speakable + '\0').getBytes(StandardCharsets.US_ASCII);

        if (NATIVE_LOCK.isHeldByCurrentThread()) {
            // The lock is reentrant, so only this check keeps a listener from re-entering flite.
            throw new IllegalStateException("FliteSynthesizer cannot be called from inside a streaming listener");
        }
        NATIVE_LOCK.lock();
        try {
            Pointer cstVoice = registeredVoice(voice);
            return listener == null
                    ? synthesizeWhole(cText, cstVoice)
                    : synthesizeStreamed(cText, cstVoice, listener, nominalRate);
        } finally {
            NATIVE_LOCK.unlock();
        }
    }

    private static SynthesizedAudio synthesizeWhole(byte[] cText, Pointer cstVoice) {
        Pointer handle = Natives.FLITE.flite_text_to_wave(cText, cstVoice);
        if (handle == null) {
            throw new SynthesisException("flite returned no audio for a non-empty text");
        }
        try {
            CstWave wave = new CstWave(handle);
            if (wave.num_channels != 1) {
                throw new SynthesisException("flite produced " + wave.num_channels + "-channel audio; expected mono");
            }
            return new SynthesizedAudio(wave.samples(0, wave.num_samples), wave.sample_rate);
        } finally {
            Natives.FLITE.delete_wave(handle);
        }
    }

    private static SynthesizedAudio synthesizeStreamed(
            byte[] cText, Pointer cstVoice, SpeechChunkListener listener, int nominalRate) {
        Pointer features = new CstVoice(cstVoice).features;
        CstAudioStreamingInfo info = new CstAudioStreamingInfo(Natives.FLITE.new_audio_streaming_info());
        info.asc = Natives.STREAM_CALLBACK;
        info.writeField("asc"); // the rest keeps flite's defaults
        // The voice's feature table takes ownership of the info and frees it on removal.
        Natives.FLITE.feat_set(features, "streaming_info", Natives.FLITE.audio_streaming_info_val(info.getPointer()));
        Stream stream = new Stream(listener, nominalRate);
        activeStream = stream;
        try {
            Pointer wave = Natives.FLITE.flite_text_to_wave(cText, cstVoice);
            if (wave != null) {
                // The listener already has every sample; a stopped synthesis leaves this wave empty.
                Natives.FLITE.delete_wave(wave);
            }
        } finally {
            activeStream = null;
            // Plain synthesize() calls must not stream.
            Natives.FLITE.feat_remove(features, "streaming_info");
        }
        if (stream.failure != null) {
            if (stream.failure instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (stream.failure instanceof Error error) {
                throw error;
            }
            throw new SynthesisException("streaming listener failed: " + stream.failure, stream.failure);
        }
        return new SynthesizedAudio(Arrays.copyOf(stream.samples, stream.count), stream.sampleRate);
    }

    /** The voice, registered on first use, with the noise generator reseeded for this call. */
    private static Pointer registeredVoice(String voice) {
        if (!fliteInitialized) {
            Natives.FLITE.flite_init();
            fliteInitialized = true;
        }
        Natives.SRAND.invokeVoid(new Object[] {RAND_SEED});
        Pointer cstVoice = REGISTERED_VOICES.get(voice);
        if (cstVoice == null) {
            NativeLibrary library = NativeLibrary.getInstance(voiceLibrary(voice));
            // voxdir is only read by voices loaded from files; these are compiled in.
            cstVoice = library.getFunction("register_cmu_us_" + voice).invokePointer(new Object[] {null});
            if (cstVoice == null) {
                throw new SynthesisException("flite could not register voice '" + voice + "'");
            }
            VOICE_LIBRARIES.add(library);
            REGISTERED_VOICES.put(voice, cstVoice);
        }
        return cstVoice;
    }

    private static String voiceLibrary(String voice) {
        return "libflite_cmu_us_" + voice + ".so.1";
    }

    private static Map<String, Integer> nominalRates() {
        Map<String, Integer> rates = new LinkedHashMap<>();
        rates.put("slt", 16_000);
        rates.put("rms", 16_000);
        rates.put("awb", 16_000);
        rates.put("kal16", 16_000);
        rates.put("kal", 8_000);
        return rates;
    }

    /** One streaming synthesis in progress; only touched under the native lock. */
    private static final class Stream {
        final SpeechChunkListener listener;
        short[] samples = new short[16_384];
        int count;
        int sampleRate;
        Throwable failure;

        Stream(SpeechChunkListener listener, int nominalRate) {
            this.listener = listener;
            this.sampleRate = nominalRate;
        }

        int accept(Pointer handle, int start, int size, boolean last) {
            if (failure != null) {
                return STREAM_STOP;
            }
            try {
                CstWave wave = new CstWave(handle);
                sampleRate = wave.sample_rate;
                short[] chunk = wave.samples(start, size);
                if (count + chunk.length > samples.length) {
                    samples = Arrays.copyOf(samples, Math.max(samples.length * 2, count + chunk.length));
                }
                System.arraycopy(chunk, 0, samples, count, chunk.length);
                count += chunk.length;
                return listener.onChunk(chunk.clone(), sampleRate, last) ? STREAM_CONTINUE : STREAM_STOP;
            } catch (Throwable t) {
                // Letting it unwind into flite's C frames would crash the JVM or be swallowed by JNA.
                failure = t;
                return STREAM_STOP;
            }
        }
    }

    private interface FliteLibrary extends Library {
        void flite_init();

        Pointer flite_text_to_wave(byte[] text, Pointer voice);

        void delete_wave(Pointer wave);

        Pointer new_audio_streaming_info();

        Pointer audio_streaming_info_val(Pointer info);

        void feat_set(Pointer features, String name, Pointer value);

        int feat_remove(Pointer features, String name);
    }

    /** Loads the libraries on first use, so merely referencing the class never throws. */
    private static final class Natives {
        static final FliteLibrary FLITE;
        static final Function SRAND;
        static final String UNAVAILABLE_REASON;
        // One callback for the process: JNA allocates a native trampoline per callback object.
        static final StreamCallback STREAM_CALLBACK = (wave, start, size, last, info) -> {
            Stream stream = activeStream;
            return stream == null ? STREAM_CONTINUE : stream.accept(wave, start, size, last != 0);
        };

        static {
            FliteLibrary flite = null;
            Function srand = null;
            String reason = null;
            String library = "libflite.so.1";
            try {
                flite = Native.load(library, FliteLibrary.class);
                srand = NativeLibrary.getInstance(Platform.C_LIBRARY_NAME).getFunction("srand");
                for (String voice : VOICES) {
                    library = voiceLibrary(voice);
                    NativeLibrary.getInstance(library);
                }
            } catch (UnsatisfiedLinkError e) {
                flite = null;
                reason = "flite is not installed: cannot load " + library
                        + " (install the Debian package libflite1)";
            }
            FLITE = flite;
            SRAND = srand;
            UNAVAILABLE_REASON = reason;
        }

        private Natives() {}
    }
}
