package dev.vigil.speech.asr;

import dev.vigil.agent.message.Transcript;
import edu.cmu.sphinx.api.Configuration;
import edu.cmu.sphinx.api.SpeechResult;
import edu.cmu.sphinx.api.AbstractSpeechRecognizer;
import edu.cmu.sphinx.api.Context;
import edu.cmu.sphinx.result.Result;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * CMU Sphinx4 (pure Java) with a JSGF grammar and the en-US acoustic model. Decoding runs on its own
 * thread while audio is fed, so at the end of an utterance only the last few hundred milliseconds are
 * left to decode.
 * <p>
 * A grammar forces every sound onto some sentence of it, so speech outside the domain would come out
 * as a command. Sphinx4's flat linguist has an out-of-grammar branch (a phone loop) for that; its
 * default prior (1e-30) almost never wins. Measured here on 24 commands × 3 flite voices and 4
 * out-of-domain sentences × 3 voices: with the default prior, 5 of 12 out-of-domain sentences came
 * out as commands ("walk to the left eleven point eight feet"); with out-of-grammar / phone-loop
 * priors of 1e-6 / 1e-6, 67/72 commands exact (1 rejected) and 12/12 out-of-domain sentences
 * rejected as {@code <unk>}; at 1e-9 / 1e-8 "what is the weather like today" came out as "would you
 * spin left a little please". (A "stop" said over the robot's echo was first rejected too: the
 * recognition verticle now puts 300 ms of silence before every utterance, which Sphinx4's endpointer
 * needs to find the start of speech.) An open word loop in the grammar also rejected out-of-domain
 * speech but decoded 5× slower. The tuned configuration is Sphinx4's own default with those values
 * changed (and partial results every 300 ms of audio, monitors off), written to a temporary file at
 * start-up.
 * <p>
 * Confidence: Sphinx4's word posteriors come out as 0 in this build, so confidence is coarse and says
 * only what it knows: 0.9 for a sentence of the grammar, 0.3 when part of it was rejected, 0 for
 * nothing. The full n-gram language model is too slow for the live path (2–9 s per short utterance
 * here) and is not offered.
 */
public final class Sphinx4Asr implements Asr {

    private static final int MAX_QUEUED_CHUNKS = 4096;
    private static final byte[] END = new byte[0];

    /** Out-of-grammar and phone-loop priors (see the class comment for how they were chosen). */
    static final String OUT_OF_GRAMMAR_PROBABILITY = "1e-6";
    static final String PHONE_LOOP_PROBABILITY = "1e-6";
    private static final String UNKNOWN = "<unk>";

    private final Recognizer recognizer;
    private final ExecutorService decoder = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "vigil-asr-decoder");
        t.setDaemon(true);
        return t;
    });
    private Stream open;

    public Sphinx4Asr(AsrGrammar grammar) {
        Logger.getLogger("edu.cmu.sphinx").setLevel(Level.WARNING);
        Configuration configuration = new Configuration();
        configuration.setAcousticModelPath("resource:/edu/cmu/sphinx/models/en-us/en-us");
        configuration.setDictionaryPath("resource:/edu/cmu/sphinx/models/en-us/cmudict-en-us.dict");
        configuration.setGrammarPath(grammar.location());
        configuration.setGrammarName(grammar.name());
        configuration.setUseGrammar(true);
        try {
            Context context = new Context(tunedConfiguration(), configuration);
            recognizer = new Recognizer(context);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("cannot load the recognizer with grammar '" + grammar.name() + "' from "
                    + grammar.location() + ": " + firstLine(e), e);
        }
    }

    /** Sphinx4's default configuration with the out-of-grammar priors raised; a file URL Sphinx4 can read. */
    private static String tunedConfiguration() throws IOException {
        String xml;
        try (InputStream in = Configuration.class.getResourceAsStream("/edu/cmu/sphinx/api/default.config.xml")) {
            if (in == null) {
                throw new IOException("Sphinx4's default.config.xml is missing from the classpath");
            }
            xml = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        String tuned = xml
                .replace("<property name=\"oogProbability\" value=\"1e-30\"/>",
                        "<property name=\"oogProbability\" value=\"" + OUT_OF_GRAMMAR_PROBABILITY + "\"/>")
                .replace("<property name=\"oogLoopProbability\" value=\"1e-10\"/>",
                        "<property name=\"oogLoopProbability\" value=\"" + PHONE_LOOP_PROBABILITY + "\"/>")
                // Results every 30 frames (300 ms) become partial transcripts; the default waits for the end.
                .replace("<property name=\"searchManager\" value=\"wordPruningLookaheadSearchManager\"/>",
                        "<property name=\"searchManager\" value=\"wordPruningLookaheadSearchManager\"/>"
                                + "<property name=\"featureBlockSize\" value=\"30\"/>")
                .replace("<property name=\"logLevel\" value=\"INFO\"/>", "<property name=\"logLevel\" value=\"WARNING\"/>")
                // The speed and memory monitors only log.
                .replaceAll("(?s)<propertylist name=\"monitors\">.*?</propertylist>", "");
        if (tuned.equals(xml)) {
            throw new IOException("Sphinx4's default.config.xml changed: the out-of-grammar priors were not found");
        }
        java.nio.file.Path file = java.nio.file.Files.createTempFile("vigil-sphinx4-", ".config.xml");
        file.toFile().deleteOnExit();
        java.nio.file.Files.writeString(file, tuned);
        return file.toUri().toString();
    }

    /** Sphinx4's streaming recognizer on our own context. */
    private static final class Recognizer extends AbstractSpeechRecognizer {
        Recognizer(Context context) throws IOException {
            super(context);
        }

        void start(InputStream audio) {
            recognizer.allocate();
            context.setSpeechSource(audio);
        }

        void stop() {
            recognizer.deallocate();
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

    @Override
    public synchronized AsrStream open(long startNanos, Consumer<Transcript> partials) {
        if (open != null) {
            open.cancel();
        }
        open = new Stream(startNanos, partials);
        return open;
    }

    /** One utterance: audio queued for the decoder thread, which reads it as a stream of 16-bit LE bytes. */
    private final class Stream implements AsrStream {
        private final long startNanos;
        private final BlockingQueue<byte[]> audio = new ArrayBlockingQueue<>(MAX_QUEUED_CHUNKS);
        private final CompletableFuture<Heard> result;
        private volatile boolean cancelled;
        private long samples;

        Stream(long startNanos, Consumer<Transcript> partials) {
            this.startNanos = startNanos;
            this.result = CompletableFuture.supplyAsync(() -> decode(new QueueStream(audio), words -> {
                if (!cancelled) {
                    partials.accept(new Transcript(words, false, 0.9f, startNanos, startNanos + samples * 62_500L,
                            language()));
                }
            }), decoder);
        }

        @Override
        public void accept(short[] pcm16k) {
            if (cancelled || pcm16k.length == 0) {
                return;
            }
            byte[] bytes = new byte[pcm16k.length * 2];
            for (int i = 0; i < pcm16k.length; i++) {
                bytes[2 * i] = (byte) pcm16k[i];
                bytes[2 * i + 1] = (byte) (pcm16k[i] >> 8);
            }
            samples += pcm16k.length;
            if (!audio.offer(bytes)) {
                throw new IllegalStateException("recognizer fell behind: more than " + MAX_QUEUED_CHUNKS + " chunks queued");
            }
        }

        @Override
        public Transcript finish(long endNanos) {
            try {
                audio.put(END);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while finishing recognition");
            }
            try {
                Heard heard = result.get(30, TimeUnit.SECONDS);
                return new Transcript(heard.text(), true, heard.confidence(), startNanos, endNanos, language());
            } catch (Exception e) {
                throw new IllegalStateException("recognition did not finish: " + firstLine(e), e);
            }
        }

        @Override
        public void cancel() {
            // Whatever is not decoded yet is dropped; the decoder sees the end at once.
            cancelled = true;
            audio.clear();
            audio.offer(END);
        }
    }

    private record Heard(String text, float confidence) {
    }

    /**
     * Decodes until the stream ends. Sphinx4's own endpointer closes a phrase at each pause; every
     * phrase closed before the end goes out as a partial result with the words so far.
     */
    private Heard decode(InputStream audio, Consumer<String> partials) {
        List<String> words = new ArrayList<>();
        boolean rejected = false;
        recognizer.start(audio);
        try {
            SpeechResult r;
            while ((r = recognizer.getResult()) != null) {
                for (String word : r.getHypothesis().split("\\s+")) {
                    if (word.equals(UNKNOWN)) {
                        rejected = true;
                    } else if (!word.isBlank()) {
                        words.add(word);
                    }
                }
                if (!words.isEmpty()) {
                    partials.accept(clean(String.join(" ", words)));
                }
            }
        } finally {
            recognizer.stop();
        }
        String text = clean(String.join(" ", words));
        float confidence = text.isEmpty() ? 0f : rejected ? 0.3f : 0.9f;
        return new Heard(text, confidence);
    }

    private static String clean(String text) {
        return text == null ? "" : text.replaceAll("<[^>]*>|\\[[^]]*]", " ").replaceAll("\\s+", " ").trim()
                .toLowerCase(Locale.ROOT);
    }

    /** The queued chunks as one byte stream; {@code END} ends it. */
    private static final class QueueStream extends InputStream {
        private final BlockingQueue<byte[]> queue;
        private byte[] current = new byte[0];
        private int position;
        private boolean ended;

        QueueStream(BlockingQueue<byte[]> queue) {
            this.queue = queue;
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
                    current = queue.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted");
                }
                position = 0;
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
        decoder.shutdownNow();
    }
}
