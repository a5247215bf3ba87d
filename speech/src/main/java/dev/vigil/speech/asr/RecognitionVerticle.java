package dev.vigil.speech.asr;

import dev.vigil.agent.bus.Addresses;
import dev.vigil.agent.clock.WorkInFlight;
import dev.vigil.agent.message.AudioFrame;
import dev.vigil.agent.message.ComponentError;
import dev.vigil.agent.message.Transcript;
import dev.vigil.agent.message.VoiceStarted;
import dev.vigil.agent.message.VoiceStopped;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.eventbus.EventBus;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Recognition on the bus. At voice onset a stream opens and gets the echo-cancelled audio from the
 * segment's (pre-rolled) onset, which a short ring has kept; audio follows while the user speaks (the
 * engine decodes as it goes, partials are published as they come); at voice end the final result is
 * awaited on a worker ({@value #WORKER_POOL}) and published — always, even when empty, so the dialogue
 * knows the turn is over. An engine failure is reported and the turn yields an empty final.
 */
public final class RecognitionVerticle extends AbstractVerticle {

    public static final String WORKER_POOL = "vigil-asr";
    /** Enough for the pre-roll plus the detection delay, with room to spare. */
    private static final long RING_NANOS = 1_500_000_000L;
    /**
     * Sphinx4's endpointer needs some background before speech to find where speech starts: every
     * utterance is preceded by this much silence (the isolated clips it is accurate on start that way).
     */
    private static final short[] LEAD_IN = new short[16_000 * 3 / 10];

    private final Asr asr;
    private final WorkInFlight work;
    private final Deque<AudioFrame> ring = new ArrayDeque<>();
    private WorkerExecutor worker;
    private EventBus bus;
    private AsrStream stream;
    private long streamStart;

    public RecognitionVerticle(Asr asr, WorkInFlight work) {
        this.asr = asr;
        this.work = work;
    }

    @Override
    public void start() {
        bus = vertx.eventBus();
        worker = vertx.createSharedWorkerExecutor(WORKER_POOL, 1);
        bus.<AudioFrame>localConsumer(Addresses.VOICE_AUDIO, m -> onAudio(m.body()));
        bus.<VoiceStarted>localConsumer(Addresses.VOICE_STARTED, m -> onStarted(m.body()));
        bus.<VoiceStopped>localConsumer(Addresses.VOICE_STOPPED, m -> onStopped(m.body()));
    }

    private void onAudio(AudioFrame frame) {
        ring.addLast(frame);
        while (!ring.isEmpty() && frame.endNanos() - ring.peekFirst().endNanos() > RING_NANOS) {
            ring.removeFirst();
        }
        if (stream != null) {
            feed(frame);
        }
    }

    private void onStarted(VoiceStarted started) {
        if (stream != null) {
            stream.cancel();
        }
        streamStart = started.onsetNanos();
        try {
            stream = asr.open(streamStart, partial -> bus.publish(Addresses.TRANSCRIPTS, partial));
        } catch (RuntimeException e) {
            fail("cannot start recognition: " + oneLine(e), started.detectedNanos());
            stream = null;
            return;
        }
        stream.accept(LEAD_IN);
        for (AudioFrame f : ring) {
            if (f.endNanos() > streamStart) {
                feed(f);
            }
        }
    }

    private void feed(AudioFrame frame) {
        short[] samples = frame.samples();
        if (frame.captureNanos() < streamStart) {
            // Only the part from the onset on.
            int skip = (int) ((streamStart - frame.captureNanos()) * frame.sampleRate() / 1_000_000_000L);
            samples = java.util.Arrays.copyOfRange(samples, Math.min(skip, samples.length), samples.length);
        }
        try {
            stream.accept(samples);
        } catch (RuntimeException e) {
            fail("recognition failed: " + oneLine(e), frame.endNanos());
            stream.cancel();
            stream = null;
        }
    }

    private void onStopped(VoiceStopped stopped) {
        AsrStream finishing = stream;
        stream = null;
        long start = streamStart;
        work.begin();
        worker.executeBlocking(() -> {
            Transcript result;
            try {
                result = finishing == null ? empty(start, stopped.endNanos()) : finishing.finish(stopped.endNanos());
            } catch (RuntimeException e) {
                fail("recognition failed: " + oneLine(e), stopped.detectedNanos());
                result = empty(start, stopped.endNanos());
            }
            bus.publish(Addresses.TRANSCRIPTS, result);
            work.end();
            return null;
        }, true);
    }

    private Transcript empty(long start, long end) {
        return new Transcript("", true, 0f, start, end, asr.language());
    }

    private void fail(String message, long atNanos) {
        bus.publish(Addresses.ERRORS, new ComponentError("asr", message, atNanos));
    }

    private static String oneLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.lines().findFirst().orElse(m).strip();
    }

    @Override
    public void stop() {
        if (stream != null) {
            stream.cancel();
        }
        if (worker != null) {
            worker.close();
        }
    }
}
