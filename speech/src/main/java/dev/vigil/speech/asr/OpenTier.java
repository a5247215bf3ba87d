package dev.vigil.speech.asr;

import dev.vigil.agent.message.Transcript;
import dev.vigil.agent.runtime.ThreadPriority;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The open tier of recognition for one segment at a time: keeps the segment's audio (16 kHz, at most
 * {@value #MAX_SECONDS} s, as Whisper's window) and decodes it with the open-vocabulary {@link Asr} on
 * a thread of its own.
 * <p>
 * <b>Early decode.</b> Whisper decodes a whole utterance at once, 0.3–0.8 s on two cores (it encodes a
 * padded 30 s window). At a pause (the first quiet window after speech) the audio up to the pause
 * starts decoding at once, while the voice-activity hangover (300 ms) decides whether the segment
 * ends there; if it does, {@link #heard} takes that decode instead of starting one, so the hangover
 * pays for most of it. More speech makes it void: a later pause starts another, and a void decode
 * still queued is skipped.
 * <p>
 * <b>Context.</b> A segment starting within {@link #CONTEXT_GAP_NANOS} of the last one's end is
 * decoded after the last one's audio and the silence between them, and its words are what follows
 * the last one's: the rest of a command after a pause ("left") is heard as part of the command.
 * <p>
 * All methods but the constructor are called from the recognition worker, one at a time. The
 * decoding thread runs at the decision priority, like the grammar's decoders, below the audio path:
 * at the process's own priority it took 390–510 ms beside them, at theirs 350–440 ms (a 2 s
 * utterance, two intra-op threads, two cores).
 */
final class OpenTier implements AutoCloseable {

    static final int MAX_SECONDS = 30;
    private static final int RATE = 16_000;
    private static final int MAX_SAMPLES = MAX_SECONDS * RATE;
    /**
     * A segment that starts this soon (1.5 s) after the last one ends is decoded with the last one's
     * audio before it: the rest of a command said after a pause ("turn to the … left") is one word or
     * two, and Whisper alone on a lone "left" wrote "lift". 1.5 s covers the policy's wait for the rest
     * of an unfinished command (1.2 s by default).
     */
    static final long CONTEXT_GAP_NANOS = 1_500_000_000L;
    /** At most this much of the last segment is given as context (its end, 5 s). */
    private static final int MAX_CONTEXT_SAMPLES = 5 * RATE;
    /** No decode of a few seconds of speech takes this long; a stuck one is given up. */
    private static final long DECODE_TIMEOUT_SECONDS = 30;

    private final Asr asr;
    private final ExecutorService decoder;
    private short[] audio = new short[4 * RATE];
    private int fill;
    private long startNanos;
    /** The end of speech of the latest pause whose audio has not all arrived yet, or -1. */
    private long pendingPauseNanos = -1;
    private CompletableFuture<Transcript> early;
    private int earlySamples;
    /** The latest decode asked for: one still queued behind it is skipped, nobody will read it. */
    private final AtomicLong latest = new AtomicLong();
    /** Decodes asked for and not done: {@link #close} ends them, or their waiters would wait out the timeout. */
    private final java.util.Set<CompletableFuture<?>> pending = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** The last segment decoded: its audio, end and words, the context of a segment soon after it. */
    private short[] lastAudio;
    private long lastEndNanos;
    private String lastWords = "";
    /** Audio decoded before this segment's (the last segment and the silence since), and its words. */
    private short[] context = new short[0];
    private String contextWords = "";
    /** The last segment {@link #heard} decoded, whole, for {@link #heardAgain}; null before any. */
    private short[] heardSegment;
    private long heardEndNanos;

    /** @param asr the open-vocabulary recogniser; not closed here (its maker may share it) */
    OpenTier(Asr asr) {
        this.asr = asr;
        this.decoder = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "vigil-asr-open");
            t.setDaemon(true);
            return t;
        });
    }

    /** A new segment starts at {@code startNanos}: what was kept of the last one is dropped. */
    void begin(long startNanos) {
        this.startNanos = startNanos;
        fill = 0;
        pendingPauseNanos = -1;
        heardSegment = null;
        early = null;
        long gap = startNanos - lastEndNanos;
        if (lastAudio != null && gap >= 0 && gap <= CONTEXT_GAP_NANOS) {
            int silence = (int) Math.round(gap * (double) RATE / 1e9);
            context = Arrays.copyOf(lastAudio, lastAudio.length + silence);
            contextWords = lastWords;
        } else {
            context = new short[0];
            contextWords = "";
        }
    }

    /** The segment's next samples, in order from its start. */
    void accept(short[] samples) {
        int n = Math.min(samples.length, MAX_SAMPLES - fill);
        if (n > 0) {
            if (fill + n > audio.length) {
                audio = Arrays.copyOf(audio, Math.min(MAX_SAMPLES, Math.max(audio.length * 2, fill + n)));
            }
            System.arraycopy(samples, 0, audio, fill, n);
            fill += n;
        }
        startEarlyWhenDue();
    }

    /** The voice went quiet after speech ending at {@code lastSpeechEndNanos}: decode up to there now. */
    void paused(long lastSpeechEndNanos) {
        pendingPauseNanos = lastSpeechEndNanos;
        startEarlyWhenDue();
    }

    private void startEarlyWhenDue() {
        if (pendingPauseNanos < 0) {
            return;
        }
        int upTo = samplesTo(pendingPauseNanos);
        if (fill >= upTo) {
            early = decode(asr, Arrays.copyOf(audio, upTo), pendingPauseNanos);
            earlySamples = upTo;
            pendingPauseNanos = -1;
        }
    }

    /**
     * What the open tier heard in the segment up to {@code endNanos} (its last speech), blocking until
     * decoded: the early decode when it covers exactly that audio, else a decode started now.
     *
     * @throws IllegalStateException the recogniser failed or took longer than 30 s (one line)
     */
    Transcript heard(long endNanos) {
        int upTo = Math.min(fill, samplesTo(endNanos));
        short[] segment = Arrays.copyOf(audio, upTo);
        CompletableFuture<Transcript> decoding = early != null && earlySamples == upTo ? early
                : decode(asr, segment, endNanos);
        early = null;
        heardSegment = segment;
        heardEndNanos = endNanos;
        // Whatever comes of it, this segment is the next one's context.
        lastAudio = segment.length > MAX_CONTEXT_SAMPLES
                ? Arrays.copyOfRange(segment, segment.length - MAX_CONTEXT_SAMPLES, segment.length) : segment;
        lastEndNanos = endNanos;
        lastWords = "";
        Transcript heard = await(decoding);
        lastWords = heard.text();
        return heard;
    }

    /**
     * The segment {@link #heard} last decoded, decoded again by the recogniser's {@link Asr#thorough()
     * thorough} mode (with the same context), blocking: its readings, best first
     * ({@link AsrStream#finishWithAlternatives}); empty when it has none or nothing was heard yet.
     * Costs about twice the first decode: for a segment whose first words the policy could not use.
     *
     * @throws IllegalStateException the recogniser failed or took longer than 30 s (one line)
     */
    List<Transcript> heardAgain() {
        Optional<Asr> thorough = asr.thorough();
        if (thorough.isEmpty() || heardSegment == null) {
            return List.of();
        }
        return await(decodeReadings(thorough.get(), heardSegment, heardEndNanos));
    }

    private static <T> T await(CompletableFuture<T> decoding) {
        try {
            return decoding.get(DECODE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the open tier");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new IllegalStateException(cause.getMessage() == null ? cause.toString() : cause.getMessage(), cause);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the open tier took more than " + DECODE_TIMEOUT_SECONDS + " s");
        }
    }

    private CompletableFuture<Transcript> decode(Asr asr, short[] segment, long endNanos) {
        return decodeReadings(asr, segment, endNanos).thenApply(readings -> readings == null ? null : readings.get(0));
    }

    /** The segment's readings, best first, each without the context's words; null when superseded. */
    private CompletableFuture<List<Transcript>> decodeReadings(Asr asr, short[] segment, long endNanos) {
        long start = startNanos;
        long id = latest.incrementAndGet();
        // Context only where it leaves the whole segment inside Whisper's 30 s window.
        boolean withContext = context.length > 0 && context.length + segment.length <= MAX_SAMPLES;
        short[] pcm = withContext ? concat(context, segment) : segment;
        String before = withContext ? contextWords : "";
        CompletableFuture<List<Transcript>> decoding = CompletableFuture.supplyAsync(() -> {
            if (latest.get() != id) {
                // Speech went on after its pause (or a new segment began): only the latest is awaited.
                return null;
            }
            ThreadPriority.ensureNice(ThreadPriority.DECISION_NICE);
            AsrStream stream = asr.open(start, partial -> { });
            stream.accept(pcm);
            return stream.finishWithAlternatives(endNanos).stream()
                    .map(heard -> new Transcript(withoutContext(heard.text(), before), true, heard.confidence(), start,
                            endNanos, heard.language(), heard.tier())).toList();
        }, decoder);
        pending.add(decoding);
        decoding.whenComplete((readings, failure) -> pending.remove(decoding));
        return decoding;
    }

    private static short[] concat(short[] a, short[] b) {
        short[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /**
     * The words of {@code heard} after as many words as the context had: the context's own words as
     * heard alone, which in context usually come out the same ("turn to the" + "turn to the left").
     */
    static String withoutContext(String heard, String contextWords) {
        if (contextWords.isBlank()) {
            return heard;
        }
        String[] words = heard.isBlank() ? new String[0] : heard.trim().split("\\s+");
        String[] before = contextWords.trim().split("\\s+");
        int skip = Math.min(before.length, words.length);
        return String.join(" ", Arrays.copyOfRange(words, skip, words.length));
    }

    private int samplesTo(long nanos) {
        long samples = Math.round((nanos - startNanos) * (double) RATE / 1e9);
        return (int) Math.max(0, Math.min(MAX_SAMPLES, samples));
    }

    /**
     * Stops the decoding thread; a decode under way finishes on its own and is not used. Decodes still
     * waited for end at once with an error ("the open tier was closed"): a decode still queued is
     * dropped with the thread, and whoever waits on it (the segment's final, as an agent stops) would
     * otherwise wait out the 30 s timeout, twice with a second listen.
     */
    @Override
    public void close() {
        decoder.shutdownNow();
        pending.forEach(decoding -> decoding.completeExceptionally(new IllegalStateException("the open tier was closed")));
    }
}
