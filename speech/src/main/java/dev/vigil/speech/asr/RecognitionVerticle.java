package dev.vigil.speech.asr;

import dev.vigil.agent.bus.Addresses;
import dev.vigil.agent.clock.WorkInFlight;
import dev.vigil.agent.message.AudioFrame;
import dev.vigil.agent.message.BargeIn;
import dev.vigil.agent.message.ComponentError;
import dev.vigil.agent.message.Transcript;
import dev.vigil.agent.message.VoicePaused;
import dev.vigil.agent.message.VoiceStarted;
import dev.vigil.agent.message.VoiceStopped;
import dev.vigil.agent.runtime.ThreadPriority;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.eventbus.EventBus;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Recognition on the bus. At voice onset an utterance opens on the recogniser and gets the
 * echo-cancelled audio from the segment's (pre-rolled) onset, which a short ring has kept; audio
 * follows while the user speaks (the engine decodes on its own thread and publishes partials); at
 * voice end the final result is awaited and published — always, even when empty, so the dialogue
 * knows the turn is over. An engine failure is reported and the turn yields an empty final.
 * <p>
 * <b>Stop over the robot.</b> A segment that interrupted the robot (a {@code BargeIn} with its onset)
 * and in which the recogniser found no words is scored against "stop"
 * ({@link Asr#spotStop}): "stop" said over the robot's voice, in its echo residue, was lost by the
 * command decoder, and the robot took it for a cough and resumed. When the spotter's confidence is at
 * or above {@code stopConfidence}, the final transcript is the stop word (confidence
 * {@value #STOP_CHECK_CONFIDENCE}), and the stop fast path and floor control act on it as on any
 * "stop"; below it the final stays empty (a false interruption). Every check is logged (DEBUG). Only the first {@value #MAX_SPOT_SECONDS} s of a segment are scored.
 * <p>
 * <b>Two tiers.</b> With an open-vocabulary recogniser beside the grammar (Whisper tiny,
 * {@link OpenTier}), it hears every segment too, its decode started early at the segment's pause. The
 * final transcript is the grammar's, carrying the open tier's words for the same audio
 * ({@link Transcript#openText()}) so the policy can check a command against them; when the grammar has
 * no words ("tell me everything you can do", outside its phrasings), the open tier's words are the
 * final ({@link Transcript.Tier#OPEN}). Over the robot, a segment the grammar found no words in stays
 * without: Whisper writes words on a cough or an "mm hmm" ("MMA Chamber"), where the grammar's
 * silence and the stop check are the better judges. An open tier that fails is reported and the
 * grammar's result stands.
 * <p>
 * Every step (keep audio, open, feed, finish) runs in order on one worker ({@value #WORKER_POOL}):
 * the recogniser's state is never shared between threads, and an utterance never opens before the
 * previous one is finished. The event-loop handlers only queue those steps.
 */
public final class RecognitionVerticle extends AbstractVerticle {

    public static final String WORKER_POOL = "vigil-asr";
    /** Enough for the pre-roll plus the detection delay, with room to spare. */
    private static final long RING_NANOS = 1_500_000_000L;
    /**
     * The confidence of a stop only the stop check heard, on the recogniser's coarse scale (0.9 both
     * decoders, 0.3 a motion command only the permissive one heard): words to floor control.
     */
    static final float STOP_CHECK_CONFIDENCE = 0.5f;
    /** A lone stop word is short; a longer segment's start is where it would be. */
    static final int MAX_SPOT_SECONDS = 3;
    private static final int MAX_SPOT_SAMPLES = MAX_SPOT_SECONDS * 16_000;
    /** A quiet segment up to this long (10 s: a long request) is decoded again raised ({@link #raisedIfQuiet}). */
    static final int MAX_KEPT_SECONDS = 10;
    /** How long a quiet segment's gain is carried to the next one: the engaged user's 30 s. */
    static final long CARRY_NANOS = 30_000_000_000L;
    /** How far the gain a segment needs may be from the one it was streamed at, and the stream still serve. */
    static final double CARRY_TOLERANCE_DB = 6;
    private static final System.Logger LOG = System.getLogger(RecognitionVerticle.class.getName());

    private final Asr asr;
    /** The open-vocabulary tier, or null. */
    private final OpenTier openTier;
    /** Whether a segment's two-tier final is worth a second, thorough listen; null: never. */
    private final Predicate<Transcript> worthAnotherListen;
    private final WorkInFlight work;
    private final float stopConfidence;
    private WorkerExecutor worker;
    private EventBus bus;

    // Worker-only state.
    private final Deque<AudioFrame> ring = new ArrayDeque<>();
    private AsrStream stream;
    private long streamStart;
    /**
     * What the open stream was fed (lead-in first), as captured (before {@link TailGate}), up to
     * {@value #MAX_KEPT_SECONDS} s: for the stop check, a quiet segment's second decode, and a
     * barge-in's stream started again.
     */
    private final short[] segment = new short[MAX_KEPT_SECONDS * 16_000];
    private int segmentFill;
    /** Onset of the latest barge-in: the segment that starts there interrupted the robot. */
    private long bargeInOnset = Long.MIN_VALUE;
    /**
     * The gain the last quiet segment needed (dB; 0: none), carried to the next segment that starts
     * by {@link #carriedUntilNanos}: the same quiet person is then streamed raised from the onset, and
     * its final needs no second decode ({@link #raisedIfQuiet}).
     */
    private double carriedGainDb;
    private long carriedUntilNanos = Long.MIN_VALUE;
    /** The gain the open grammar stream is fed at (dB; 0: as captured). */
    private double streamGainDb;
    /** The open segment's end as the grammar hears it: a background talking on after the user silenced. */
    private TailGate tail = new TailGate();

    /**
     * @param stopConfidence least {@link SpottedStop#confidence()} for a segment that interrupted the
     *                       robot and brought no words to count as its stop word (0–1; above 1: never)
     */
    public RecognitionVerticle(Asr asr, WorkInFlight work, float stopConfidence) {
        this(asr, null, work, stopConfidence);
    }

    /**
     * @param openTier the open-vocabulary recogniser (see the class comment), or null for the grammar
     *                 alone; not closed here (its maker may share it between agents: Whisper takes
     *                 1–2 s to load)
     */
    public RecognitionVerticle(Asr asr, Asr openTier, WorkInFlight work, float stopConfidence) {
        this(asr, openTier, null, work, stopConfidence);
    }

    /**
     * @param worthAnotherListen whether the policy could not use a segment's final (see
     *                           {@link #listenAgain}); the open tier then decodes the segment again,
     *                           thoroughly, where its recogniser has such a mode. Null: never. Called
     *                           on the recognition worker.
     */
    public RecognitionVerticle(Asr asr, Asr openTier, Predicate<Transcript> worthAnotherListen, WorkInFlight work,
                               float stopConfidence) {
        this.asr = asr;
        this.openTier = openTier == null ? null : new OpenTier(openTier);
        this.worthAnotherListen = worthAnotherListen;
        this.work = work;
        this.stopConfidence = stopConfidence;
    }

    @Override
    public void start() {
        bus = vertx.eventBus();
        worker = vertx.createSharedWorkerExecutor(WORKER_POOL, 1);
        bus.<AudioFrame>localConsumer(Addresses.VOICE_AUDIO, m -> onWorker(() -> keep(m.body())));
        bus.<VoiceStarted>localConsumer(Addresses.VOICE_STARTED, m -> onWorker(() -> open(m.body())));
        bus.<VoiceStopped>localConsumer(Addresses.VOICE_STOPPED, m -> onWorker(() -> finish(m.body())));
        bus.<VoicePaused>localConsumer(Addresses.VOICE_PAUSED, m -> onWorker(() -> paused(m.body())));
        bus.<BargeIn>localConsumer(Addresses.BARGE_IN, m -> onWorker(() -> bargedIn(m.body())));
    }

    private void keep(AudioFrame frame) {
        ring.addLast(frame);
        while (!ring.isEmpty() && frame.endNanos() - ring.peekFirst().endNanos() > RING_NANOS) {
            ring.removeFirst();
        }
        if (stream != null) {
            feed(frame);
        }
    }

    private void open(VoiceStarted started) {
        if (stream != null) {
            stream.cancel();
        }
        streamStart = started.onsetNanos();
        streamGainDb = streamStart <= carriedUntilNanos ? carriedGainDb : 0;
        if (openTier != null) {
            openTier.begin(streamStart);
        }
        if (!openStream(started.detectedNanos())) {
            return;
        }
        segmentFill = 0;
        tail = new TailGate();
        for (AudioFrame f : ring) {
            if (f.endNanos() > streamStart) {
                feed(f);
            }
        }
    }

    private boolean openStream(long atNanos) {
        try {
            stream = asr.open(streamStart, partial -> bus.publish(Addresses.TRANSCRIPTS, partial));
            return true;
        } catch (RuntimeException e) {
            fail("cannot start recognition: " + ComponentError.oneLine(e), atNanos);
            stream = null;
            return false;
        }
    }

    /**
     * A barge-in: its segment is over the robot, where a quiet segment is as often the echo's
     * residual, so a stream that was fed raised starts again from the onset as captured.
     */
    private void bargedIn(BargeIn bargeIn) {
        bargeInOnset = bargeIn.onsetNanos();
        if (stream == null || streamStart != bargeInOnset || streamGainDb <= 0) {
            return;
        }
        stream.cancel();
        streamGainDb = 0;
        if (openStream(bargeIn.atNanos())) {
            streamed(Arrays.copyOf(segment, segmentFill), bargeIn.atNanos());
        }
    }

    private void feed(AudioFrame frame) {
        short[] samples = frame.samples();
        if (frame.captureNanos() < streamStart) {
            // Only the part from the onset on.
            int skip = (int) ((streamStart - frame.captureNanos()) * frame.sampleRate() / 1_000_000_000L);
            samples = Arrays.copyOfRange(samples, Math.min(skip, samples.length), samples.length);
        }
        if (openTier != null) {
            openTier.accept(samples);
        }
        // The grammar hears the segment's tail gated (TailGate); the rest, the segment as captured.
        short[] heard = tail.gate(samples);
        if (streamed(streamGainDb > 0 ? QuietSpeechGain.raised(heard, streamGainDb) : heard, frame.endNanos())) {
            keepSegment(samples);
        }
    }

    /** Feeds the open stream; on failure reports it and drops the stream. Whether it took the samples. */
    private boolean streamed(short[] samples, long atNanos) {
        try {
            stream.accept(samples);
            return true;
        } catch (RuntimeException e) {
            fail("recognition failed: " + ComponentError.oneLine(e), atNanos);
            stream.cancel();
            stream = null;
            return false;
        }
    }

    private void paused(VoicePaused paused) {
        if (openTier != null && stream != null && paused.onsetNanos() == streamStart) {
            openTier.paused(paused.lastSpeechEndNanos());
        }
    }

    /**
     * The two tiers' result for the segment: a grammar final without words, in a segment that did not
     * interrupt the robot, becomes the open tier's words ({@link Transcript.Tier#OPEN}); one with words
     * carries the open tier's words for the policy to check them against. Over the robot, a segment
     * without words stays without: Whisper writes words on coughs and backchannels.
     */
    private Transcript withOpenTier(Transcript grammar, VoiceStopped stopped) {
        if (openTier == null || grammar.text().isBlank() && streamStart == bargeInOnset) {
            return grammar;
        }
        Transcript heard;
        try {
            heard = openTier.heard(stopped.endNanos());
        } catch (RuntimeException e) {
            fail("open-vocabulary recognition failed: " + ComponentError.oneLine(e), stopped.detectedNanos());
            return grammar;
        }
        if (worthAnotherListen == null) {
            return twoTiers(grammar, heard);
        }
        return listenAgain(grammar, heard, worthAnotherListen, () -> {
            try {
                return openTier.heardAgain();
            } catch (RuntimeException e) {
                fail("open-vocabulary recognition failed on a second listen: " + ComponentError.oneLine(e),
                        stopped.detectedNanos());
                return List.of();
            }
        });
    }

    /**
     * The two tiers' final, listened to again where the first was of no use: when {@code worth} says
     * the policy cannot use {@link #twoTiers twoTiers(grammar, heard)} (a misheard command: "cut your
     * old flower down out 3 meters"), {@code again} decodes the segment once more, thoroughly, and the
     * first of its readings the policy can use is taken. Whisper's own reference decoder retries a
     * failed decode the same way (at higher temperatures); the graph here offers a wider beam instead.
     * <ul>
     *   <li>The best reading is read with the grammar's words, as the first was.
     *   <li>The beam's other readings ("pivot to your right" second to "give it to your right") are
     *       read alone, as the open tier's words without the grammar's: a motion in them is asked
     *       about, never acted on, since no other witness heard it.
     * </ul>
     *
     * @param again the open tier's second decode of the same audio, its readings best first; empty
     *              when it has none
     */
    public static Transcript listenAgain(Transcript grammar, Transcript heard, Predicate<Transcript> worth,
                                         Supplier<List<Transcript>> again) {
        Transcript first = twoTiers(grammar, heard);
        if (!worth.test(first)) {
            return first;
        }
        List<Transcript> readings = again.get();
        for (int i = 0; i < readings.size(); i++) {
            Transcript reading = readings.get(i);
            if (reading.text().isBlank() || reading.text().equals(heard.text())) {
                continue;
            }
            Transcript reread = i == 0 ? twoTiers(grammar, reading) : openOnly(grammar, reading);
            if (!worth.test(reread)) {
                LOG.log(System.Logger.Level.DEBUG, "second listen, reading {0}: \"{1}\" → \"{2}\"", i + 1,
                        heard.text(), reading.text());
                return reread;
            }
        }
        return first;
    }

    /**
     * One segment's final from both tiers, outside the robot's speech: the grammar's words carrying
     * the open tier's ({@link Transcript#openText}) for the policy's cross-check, a lone word that
     * sounds like the grammar's read as it ({@link SoundsAlike}); or, when the grammar found none, the
     * open tier's words ({@link Transcript.Tier#OPEN}); empty when neither found any.
     *
     * @param grammar the command grammar's final transcript
     * @param heard   the open tier's transcript of the same audio
     */
    public static Transcript twoTiers(Transcript grammar, Transcript heard) {
        if (!grammar.text().isBlank()) {
            return grammar.withOpenText(SoundsAlike.heardAs(grammar.text(), heard.text()));
        }
        return heard.text().isBlank() ? grammar : openOnly(grammar, heard);
    }

    /** The open tier's words alone, over the grammar's segment: {@link Transcript.Tier#OPEN}, no grammar words. */
    private static Transcript openOnly(Transcript grammar, Transcript heard) {
        return new Transcript(heard.text(), true, heard.confidence(), grammar.startNanos(), grammar.endNanos(),
                heard.language(), Transcript.Tier.OPEN);
    }

    private void finish(VoiceStopped stopped) {
        Transcript result = new Transcript("", true, 0f, streamStart, stopped.endNanos(), asr.language());
        if (stream != null) {
            try {
                result = stream.finish(stopped.endNanos());
            } catch (RuntimeException e) {
                fail("recognition failed: " + ComponentError.oneLine(e), stopped.detectedNanos());
            }
            stream = null;
            if (streamStart != bargeInOnset) {
                result = raisedIfQuiet(result, stopped);
            }
            if (result.text().isBlank() && streamStart == bargeInOnset && stopConfidence <= 1) {
                result = stopCheck(result);
            }
            result = withOpenTier(result, stopped);
        }
        bus.publish(Addresses.TRANSCRIPTS, result);
    }

    /**
     * The grammar's final for a quiet segment ({@link QuietSpeechGain}: below −36 dBFS), from a second
     * decode of its audio raised to a speech level; {@code streamed} for any other, and for one longer
     * than {@value #MAX_KEPT_SECONDS} s. The grammar's decoders lose words in quiet speech: flite slt's
     * "go forward two meters" came out "go forward zero meters" at −50 dBFS and "forward zero meters"
     * at −56, and right when raised. The segment's level is known only at its end, and a gain taken
     * from its onset would also raise a normal speaker's soft first syllable; hence a second decode,
     * which costs a quiet segment's final the grammar's decode time (1.7 s median voice to voice in
     * quiet-speech.yaml, real time). The gain is carried to a segment that starts within
     * {@value #CARRY_NANOS} ns, which is streamed raised from its onset: when it needs about the same
     * gain (within {@value #CARRY_TOLERANCE_DB} dB) its streamed final serves; otherwise (another,
     * louder person) it is decoded again at the gain it needs, none included, and its partials were
     * of the raised audio. Not over the robot: there a quiet segment is as often the echo's residual,
     * and raised it could become words.
     */
    private Transcript raisedIfQuiet(Transcript streamed, VoiceStopped stopped) {
        if (segmentFill == segment.length) {
            return streamed;
        }
        short[] kept = Arrays.copyOf(segment, segmentFill);
        double gainDb = QuietSpeechGain.gainDb(kept);
        carriedGainDb = gainDb;
        carriedUntilNanos = stopped.endNanos() + CARRY_NANOS;
        boolean streamServes = streamGainDb > 0
                ? gainDb > 0 && Math.abs(gainDb - streamGainDb) <= CARRY_TOLERANCE_DB
                : gainDb <= 0;
        if (streamServes) {
            return streamed;
        }
        // Quiet and streamed as captured, or streamed raised (the last segment was quiet) and this
        // one needs another gain, or none: decoded again at the gain it needs.
        short[] raised = QuietSpeechGain.raised(kept, gainDb);
        try {
            AsrStream again = asr.open(streamStart, partial -> { });
            again.accept(raised);
            Transcript heard = again.finish(stopped.endNanos());
            LOG.log(System.Logger.Level.DEBUG, "quiet segment raised {0,number,0.0} dB: \"{1}\" → \"{2}\"",
                    gainDb, streamed.text(), heard.text());
            return heard;
        } catch (RuntimeException e) {
            fail("recognition failed on a quiet segment raised: " + ComponentError.oneLine(e), stopped.detectedNanos());
            return streamed;
        }
    }

    private void keepSegment(short[] samples) {
        int n = Math.min(samples.length, segment.length - segmentFill);
        System.arraycopy(samples, 0, segment, segmentFill, n);
        segmentFill += n;
    }

    /** The stop word, if the segment that interrupted the robot said one; else {@code empty} as it is. */
    private Transcript stopCheck(Transcript empty) {
        Optional<SpottedStop> spotted;
        try {
            spotted = asr.spotStop(Arrays.copyOf(segment, Math.min(segmentFill, MAX_SPOT_SAMPLES)));
        } catch (RuntimeException e) {
            fail("stop check failed: " + ComponentError.oneLine(e), empty.endNanos());
            return empty;
        }
        if (spotted.isEmpty()) {
            return empty;
        }
        SpottedStop stop = spotted.get();
        boolean said = stop.confidence() >= stopConfidence;
        LOG.log(System.Logger.Level.DEBUG, "stop check {0,number,0.000}-{1,number,0.000} s: \"{2}\" {3,number,0.000}"
                        + " over {4} frames: {5}", empty.startNanos() / 1e9, empty.endNanos() / 1e9, stop.word(),
                stop.confidence(), stop.frames(), said ? "stop" : "no words");
        return said ? new Transcript(stop.word(), true, STOP_CHECK_CONFIDENCE, empty.startNanos(), empty.endNanos(),
                empty.language()) : empty;
    }

    /** Queues a step on the worker, counted as work in flight until it has run (and published). */
    private void onWorker(Runnable step) {
        work.begin();
        Callable<Void> task = () -> {
            // The decoders wait on what this worker feeds them: starved, it made them lag too.
            ThreadPriority.ensureNice(ThreadPriority.DECISION_NICE);
            try {
                step.run();
            } catch (RuntimeException e) {
                fail("recognition step failed: " + ComponentError.oneLine(e), 0);
            } finally {
                work.end();
            }
            return null;
        };
        worker.executeBlocking(task, true);
    }

    private void fail(String message, long atNanos) {
        bus.publish(Addresses.ERRORS, new ComponentError("asr", message, atNanos));
    }


    @Override
    public void stop() {
        if (worker != null) {
            worker.close();
        }
        if (openTier != null) {
            openTier.close();
        }
        asr.close();
    }
}
