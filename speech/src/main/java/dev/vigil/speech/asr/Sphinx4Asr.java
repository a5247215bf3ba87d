package dev.vigil.speech.asr;

import dev.vigil.agent.message.Transcript;
import dev.vigil.agent.runtime.ThreadPriority;
import dev.vigil.agent.vocabulary.Vocabulary;
import edu.cmu.sphinx.api.AbstractSpeechRecognizer;
import edu.cmu.sphinx.api.Configuration;
import edu.cmu.sphinx.api.Context;
import edu.cmu.sphinx.api.SpeechResult;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * CMU Sphinx4 (pure Java) with a JSGF grammar and the en-US acoustic model. Decoding runs on its own
 * threads while audio is fed, so at the end of an utterance only the last few hundred milliseconds are
 * left to decode.
 * <p>
 * <b>Out-of-grammar speech.</b> A grammar forces every sound onto some sentence of it, so speech
 * outside the domain would come out as a command. Sphinx4's flat linguist has an out-of-grammar branch
 * (a phone loop) whose default prior (1e-30) almost never wins. Measured here (24 commands × 3 flite
 * voices, 4 out-of-domain sentences × 2–3 voices, and the demo and commands scenarios): with the
 * default prior 5 of 12 out-of-domain sentences came out as commands ("walk to the left eleven point
 * eight feet"); with out-of-grammar / phone-loop priors of 1e-6, 12/12 were rejected but a single
 * "stop" said in the running agent was rejected too; at 1e-7 "stop" is heard but "what is the weather
 * like today" came out once as "would you spin left a little please".
 * <p>
 * So two decoders run on the same audio, each on its own thread: a <i>permissive</i> one (1e-7), whose
 * result is the transcript, and a <i>strict</i> one (1e-6), which must agree before a motion command,
 * or the part of one said after a pause ("ten meters"), is trusted. A motion command the strict decoder rejected keeps its words but gets confidence 0.3,
 * which the intent policy turns into a question, unless the open tier (Whisper) heard the same act:
 * a second witness that shares nothing with the grammar; "stop" and the other non-motion
 * turns are never held back. An open word loop in the grammar was tried too: it rejected
 * out-of-domain speech but decoded 5× slower.
 * <p>
 * Confidence: Sphinx4's word posteriors come out as 0 in this build, so confidence is coarse: 0.9 when
 * both decoders agree (or the turn is not a motion command), 0.3 for a motion command only the
 * permissive decoder heard, 0 for nothing. The full n-gram language model is too slow for the live
 * path (2–9 s per short utterance here) and is not offered. Each decoder's configuration is
 * Sphinx4's own default with the priors changed (and results every 300 ms for partials, monitors
 * off), written to a temporary file at start-up.
 */
public final class Sphinx4Asr implements Asr {

    static final String PERMISSIVE_PRIOR = "1e-7";
    static final String STRICT_PRIOR = "1e-6";
    private static final Logger LOG = Logger.getLogger(Sphinx4Asr.class.getName());
    /**
     * Sphinx4's loggers: its unit manager alone prints some 40 INFO lines as each decoder loads. Held
     * here because java.util.logging keeps loggers weakly: a level set on one nobody holds is lost
     * with it at the next collection (it was, and the lines came back).
     */
    private static final Logger SPHINX = Logger.getLogger("edu.cmu.sphinx");
    /** The loggers named after each configuration file, held for the same reason. */
    private static final List<Logger> CONFIGURATION_LOGGERS = new java.util.concurrent.CopyOnWriteArrayList<>();
    private static final Set<String> STOP_WORDS = Set.of("stop", "halt", "freeze");
    private static final String UNKNOWN = "<unk>";
    private static final int MAX_QUEUED_CHUNKS = 4096;
    private static final byte[] END = new byte[0];

    /** Words that make a transcript a motion command of the robot grammar: its verbs. */
    private final Set<String> motionWords;
    /**
     * Words that give a motion command its roles. The rest of a command said after a pause ("ten
     * meters", "to the left", "the kitchen") has no verb, but moves the robot once joined to its first
     * part, so the strict decoder must agree on it too.
     */
    private final Set<String> roleWords;
    private final Decoder permissive;
    private final Decoder strict;
    private final StopWordSpotter stopWords;
    private Stream open;

    public Sphinx4Asr(AsrGrammar grammar) {
        SPHINX.setLevel(Level.WARNING);
        Vocabulary v = grammar.vocabulary();
        // The verbs of the grammar's own phrases ("take me to", "come here", "follow me") too.
        Set<String> motion = new HashSet<>(Set.of("take", "bring", "lead", "come", "follow"));
        motion.addAll(v.grammarVerbs());
        motionWords = Set.copyOf(motion);
        Set<String> roles = new HashSet<>(v.grammarRoleWords());
        roles.add("straight");   // "straight ahead", a phrase of the grammar's shape
        roleWords = Set.copyOf(roles);
        permissive = new Decoder(grammar, PERMISSIVE_PRIOR, "vigil-asr-permissive");
        strict = new Decoder(grammar, STRICT_PRIOR, "vigil-asr-strict");
        stopWords = new StopWordSpotter();
    }

    /**
     * One Sphinx4 recognizer with its priors and its own thread, allocated once: Sphinx4's stream API
     * allocates per utterance, which parses the grammar and compiles its search graph (with the
     * out-of-grammar phone loop) again every time. Measured in the demo: about 150 MB of graph per
     * utterance and decoder, promoted by the collector and freed later, young-collection pauses of
     * 100–280 ms every 1–3 s (every thread of the agent stops then, the audio path included), and the
     * compile's CPU spent on the decoder thread just as the user starts to speak.
     */
    private static final class Decoder {
        final Recognizer recognizer;
        final ExecutorService thread;

        Decoder(AsrGrammar grammar, String prior, String threadName) {
            Configuration configuration = new Configuration();
            configuration.setAcousticModelPath("resource:/edu/cmu/sphinx/models/en-us/en-us");
            configuration.setDictionaryPath("resource:/edu/cmu/sphinx/models/en-us/cmudict-en-us.dict");
            configuration.setGrammarPath(grammar.location());
            configuration.setGrammarName(grammar.name());
            configuration.setUseGrammar(true);
            thread = Executors.newSingleThreadExecutor(r -> {
                // Decoding is what a reply waits for: favoured over other work on a shared CPU.
                Thread t = new Thread(() -> {
                    ThreadPriority.setNice(ThreadPriority.DECISION_NICE);
                    r.run();
                }, threadName);
                t.setDaemon(true);
                return t;
            });
            try {
                recognizer = new Recognizer(new Context(tunedConfiguration(prior), configuration));
                // On the decoder's own thread: whatever Sphinx4 starts there inherits its priority.
                thread.submit(() -> {
                    recognizer.allocate();
                    return null;
                }).get();
            } catch (IOException | RuntimeException | ExecutionException e) {
                thread.shutdownNow();
                Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
                throw new IllegalStateException("cannot load the recognizer with grammar '" + grammar.name() + "' from "
                        + grammar.location() + ": " + firstLine(cause), cause);
            } catch (InterruptedException e) {
                thread.shutdownNow();
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while loading the recognizer");
            }
        }

        /** Stops the thread (a decode still running is interrupted); the graph goes with the recognizer. */
        void close() {
            thread.shutdownNow();
        }
    }

    /** Sphinx4's default configuration with the out-of-grammar priors set; a file URL Sphinx4 can read. */
    private static String tunedConfiguration(String prior) throws IOException {
        String tuned = defaultConfiguration()
                .replace("<property name=\"oogProbability\" value=\"1e-30\"/>",
                        "<property name=\"oogProbability\" value=\"" + prior + "\"/>")
                .replace("<property name=\"oogLoopProbability\" value=\"1e-10\"/>",
                        "<property name=\"oogLoopProbability\" value=\"" + prior + "\"/>")
                // Results every 30 frames (300 ms); the default waits for the end of the audio.
                .replace("<property name=\"searchManager\" value=\"wordPruningLookaheadSearchManager\"/>",
                        "<property name=\"searchManager\" value=\"wordPruningLookaheadSearchManager\"/>"
                                + "<property name=\"featureBlockSize\" value=\"30\"/>")
                .replace("<property name=\"logLevel\" value=\"INFO\"/>", "<property name=\"logLevel\" value=\"WARNING\"/>")
                // The speed and memory monitors only log.
                .replaceAll("(?s)<propertylist name=\"monitors\">.*?</propertylist>", "");
        if (!tuned.contains("value=\"" + prior + "\"")) {
            throw new IOException("Sphinx4's default.config.xml changed: the out-of-grammar priors were not found");
        }
        return configurationFile(tuned);
    }

    /** Sphinx4's own default configuration (XML), from its jar. */
    static String defaultConfiguration() throws IOException {
        try (InputStream in = Configuration.class.getResourceAsStream("/edu/cmu/sphinx/api/default.config.xml")) {
            if (in == null) {
                throw new IOException("Sphinx4's default.config.xml is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** A configuration written to a temporary file, as the URL Sphinx4 reads it from. */
    static String configurationFile(String xml) throws IOException {
        Path file = Files.createTempFile("vigil-sphinx4-", ".config.xml");
        file.toFile().deleteOnExit();
        // Sphinx4 names its components' loggers after the configuration file ("vigil-sphinx4-….config.
        // edu.cmu.sphinx…") and sets the level (WARNING, from logLevel) on that prefix logger without
        // holding it: collected, the level went with it and the unit manager printed ~40 INFO lines.
        Logger prefix = Logger.getLogger(file.getFileName().toString().replaceAll("\\.xml$", ""));
        prefix.setLevel(Level.WARNING);
        CONFIGURATION_LOGGERS.add(prefix);
        Files.writeString(file, xml);
        return file.toUri().toString();
    }

    /**
     * Sphinx4 keeps shared static state (unit manager, grammar loading): two recognizers allocating at
     * the same moment sometimes failed with "Allocation of search manager resources failed".
     */
    static final Object ALLOCATION = new Object();

    /** Sphinx4's streaming recognizer on our own context, allocated once and fed one utterance at a time. */
    private static final class Recognizer extends AbstractSpeechRecognizer {
        Recognizer(Context context) throws IOException {
            super(context);
        }

        void allocate() {
            synchronized (ALLOCATION) {
                recognizer.allocate();
            }
        }

        /** A new utterance: the front end starts afresh on it; the search graph stays. */
        void start(InputStream audio) {
            context.setSpeechSource(audio);
        }
    }

    /** Decodes a short synthetic utterance so the first real one is not slowed by the JIT. */
    public Sphinx4Asr warmUp(short[] speech16k) {
        AsrStream s = open(0, t -> { });
        s.accept(speech16k);
        s.finish(0);
        return this;
    }

    @Override
    public String language() {
        return "en-US";
    }

    /** {@link StopWordSpotter}: a keyword decode and a phone-loop decode of the segment, without the endpointer. */
    @Override
    public Optional<SpottedStop> spotStop(short[] pcm16k) {
        short[] led = java.util.Arrays.copyOf(LEAD_IN, LEAD_IN.length + pcm16k.length);
        System.arraycopy(pcm16k, 0, led, LEAD_IN.length, pcm16k.length);
        return stopWords.spot(led);
    }

    @Override
    public synchronized AsrStream open(long startNanos, Consumer<Transcript> partials) {
        if (open != null) {
            open.cancel();
        }
        open = new Stream(startNanos, partials);
        return open;
    }

    /**
     * Sphinx4's endpointer needs some background before speech to find where speech starts: every
     * utterance and every stop check is preceded by this much silence (the isolated clips it is
     * accurate on start that way). Without it, a "stop" said over the robot's voice came out as
     * nothing. It is not the utterance's audio: partial results are timed without it.
     */
    private static final short[] LEAD_IN = leadIn();

    /** 300 ms of a faint, fixed noise floor (±3 of 32768): digital silence is unlike any room. */
    private static short[] leadIn() {
        java.util.Random random = new java.util.Random(16_000);
        short[] s = new short[16_000 * 3 / 10];
        for (int i = 0; i < s.length; i++) {
            s[i] = (short) (random.nextInt(7) - 3);
        }
        return s;
    }

    /** One utterance: the same audio queued for both decoders, each reading it as 16-bit LE bytes. */
    private final class Stream implements AsrStream {
        private final long startNanos;
        private final BlockingQueue<byte[]> permissiveAudio = new ArrayBlockingQueue<>(MAX_QUEUED_CHUNKS);
        private final BlockingQueue<byte[]> strictAudio = new ArrayBlockingQueue<>(MAX_QUEUED_CHUNKS);
        private final QueueStream permissiveReader = new QueueStream(permissiveAudio);
        /** Chunks queued for the permissive decoder; only {@link #accept} (one thread at a time) writes it. */
        private long offered;
        private final CompletableFuture<Heard> permissiveResult;
        private final CompletableFuture<Heard> strictResult;
        private volatile boolean cancelled;
        private volatile long samples;
        /**
         * Exact zeros become a faint noise floor (±3 of 32768), as in any room: Sphinx4 loses a short
         * word followed by digital silence (measured: flite's rms "stop" and 100 ms of zeros gave
         * nothing). A replayed room, or a front end whose noise suppression zeroes a silent input,
         * produces such silence after every utterance.
         */
        private final java.util.Random noiseFloor = new java.util.Random(16_000);

        /** The recognizer closed: a finish still waiting returns at once, as a failure. */
        void abandon() {
            IllegalStateException closed = new IllegalStateException("the recognizer was closed");
            permissiveResult.completeExceptionally(closed);
            strictResult.completeExceptionally(closed);
        }

        Stream(long startNanos, Consumer<Transcript> partials) {
            this.startNanos = startNanos;
            permissiveResult = CompletableFuture.supplyAsync(() -> decode(permissive.recognizer,
                    permissiveReader, words -> {
                        if (!cancelled) {
                            partials.accept(new Transcript(words, false, 0.9f, startNanos,
                                    startNanos + Math.max(0, samples - LEAD_IN.length) * 62_500L, language()));
                        }
                    }), permissive.thread);
            strictResult = CompletableFuture.supplyAsync(() -> decode(strict.recognizer, new QueueStream(strictAudio),
                    words -> { }), strict.thread);
            // A decoder that failed or was cancelled takes no more audio: nobody may wait for it to.
            permissiveResult.whenComplete((heard, failure) -> permissiveReader.stopped());
            accept(LEAD_IN);
        }

        @Override
        public void accept(short[] pcm16k) {
            if (cancelled || pcm16k.length == 0) {
                return;
            }
            byte[] bytes = new byte[pcm16k.length * 2];
            for (int i = 0; i < pcm16k.length; i++) {
                short sample = pcm16k[i] != 0 ? pcm16k[i] : (short) (noiseFloor.nextInt(7) - 3);
                bytes[2 * i] = (byte) sample;
                bytes[2 * i + 1] = (byte) (sample >> 8);
            }
            samples += pcm16k.length;
            if (!permissiveAudio.offer(bytes) || !strictAudio.offer(bytes)) {
                throw new IllegalStateException("recognizer fell behind: more than " + MAX_QUEUED_CHUNKS + " chunks queued");
            }
            offered++;
        }

        /**
         * The permissive decoder (the one whose partials go out) has come back for more audio after
         * taking every chunk accepted so far. The strict one publishes nothing before {@link #finish}.
         */
        @Override
        public void awaitDecoded() {
            try {
                permissiveReader.awaitIdleAfter(offered);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the decoder");
            }
        }

        @Override
        public Transcript finish(long endNanos) {
            try {
                permissiveAudio.put(END);
                strictAudio.put(END);
                Heard heard = permissiveResult.get(30, TimeUnit.SECONDS);
                Heard checked = strictResult.get(30, TimeUnit.SECONDS);
                LOG.log(Level.FINE, "permissive decoder \"{0}\", strict \"{1}\"", new Object[] {heard.text(), checked.text()});
                float confidence = heard.text().isEmpty() ? 0f
                        : isMotion(heard.text()) && !heard.text().equals(checked.text()) ? 0.3f : 0.9f;
                return new Transcript(heard.text(), true, confidence, startNanos, endNanos, language());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while finishing recognition");
            } catch (Exception e) {
                throw new IllegalStateException("recognition did not finish: " + firstLine(e), e);
            }
        }

        @Override
        public void cancel() {
            // Whatever is not decoded yet is dropped; the decoders see the end at once.
            cancelled = true;
            permissiveAudio.clear();
            strictAudio.clear();
            permissiveAudio.offer(END);
            strictAudio.offer(END);
        }
    }

    /** A motion command, or part of one; "stop right there" is not. */
    boolean isMotion(String text) {
        String[] words = text.split(" ");
        if (STOP_WORDS.contains(words[0])) {
            return false;
        }
        for (String word : words) {
            if (motionWords.contains(word) || roleWords.contains(word)) {
                return true;
            }
        }
        return false;
    }

    private record Heard(String text) {
    }

    /**
     * Decodes until the stream ends. Sphinx4's own endpointer closes a phrase at each pause; every
     * phrase closed before the end goes out as a partial result with the words so far.
     */
    private static Heard decode(Recognizer recognizer, InputStream audio, Consumer<String> partials) {
        List<String> words = new ArrayList<>();
        recognizer.start(audio);
        SpeechResult r;
        while ((r = recognizer.getResult()) != null) {
            for (String word : r.getHypothesis().split("\\s+")) {
                if (!word.isBlank() && !word.equals(UNKNOWN)) {
                    words.add(word);
                }
            }
            if (!words.isEmpty()) {
                partials.accept(clean(String.join(" ", words)));
            }
        }
        return new Heard(clean(String.join(" ", words)));
    }

    private static String clean(String text) {
        return text == null ? "" : text.replaceAll("<[^>]*>|\\[[^]]*]", " ").replaceAll("\\s+", " ").trim()
                .toLowerCase(Locale.ROOT);
    }

    /**
     * The queued chunks as one byte stream; {@code END} ends it. It also tells, for
     * {@link AsrStream#awaitDecoded}, when the decoder reading it has come back for more audio after a
     * given number of chunks: it has then done everything those chunks allow.
     */
    private static final class QueueStream extends InputStream {
        private final BlockingQueue<byte[]> queue;
        private byte[] current = new byte[0];
        private int position;
        private boolean ended;
        private final Object progress = new Object();
        /** Chunks taken from the queue, END included. */
        private long taken; // progress
        /** {@link #taken} when the reader last found the queue empty and began to wait. */
        private long idleAfter = -1; // progress
        /** The reader will take no more: END taken, or its decoder stopped. */
        private boolean done; // progress

        QueueStream(BlockingQueue<byte[]> queue) {
            this.queue = queue;
        }

        /** Waits until the reader has taken {@code chunks} chunks and then waited for more, or has stopped. */
        void awaitIdleAfter(long chunks) throws InterruptedException {
            synchronized (progress) {
                while (!done && idleAfter < chunks) {
                    progress.wait();
                }
            }
        }

        void stopped() {
            synchronized (progress) {
                done = true;
                progress.notifyAll();
            }
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] into, int offset, int length) throws IOException {
            while (!ended && position >= current.length) {
                try {
                    byte[] next = queue.poll();
                    if (next == null) {
                        synchronized (progress) {
                            idleAfter = taken;
                            progress.notifyAll();
                        }
                        next = queue.take();
                    }
                    current = next;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted");
                }
                position = 0;
                synchronized (progress) {
                    taken++;
                    if (current == END) {
                        done = true;
                        progress.notifyAll();
                    }
                }
                if (current == END) {
                    ended = true;
                }
            }
            if (ended) {
                return -1;
            }
            int n = Math.min(length, current.length - position);
            System.arraycopy(current, position, into, offset, n);
            position += n;
            return n;
        }
    }

    private static String firstLine(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getMessage() == null) {
            root = root.getCause();
        }
        String m = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return m.lines().findFirst().orElse(m).strip();
    }

    @Override
    public void close() {
        stopWords.close();
        permissive.close();
        strict.close();
        Stream last;
        synchronized (this) {
            last = open;
        }
        if (last != null) {
            // shutdownNow drops a decode still queued (behind the last utterance's), and its result
            // would never come: a finish waiting on it would sit out both 30 s timeouts, a minute
            // before an agent stopped while a segment ended could exit. Found by reading the code
            // (the SIGINT failures in CI had another cause: SIGINT ignored, see the vigil launcher).
            last.abandon();
        }
    }
}
