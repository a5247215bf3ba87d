package dev.vigil.perception.audio.frontend;

import dev.vigil.agent.runtime.ThreadPriority;

import dev.vigil.agent.bus.Addresses;
import dev.vigil.agent.clock.WorkInFlight;
import dev.vigil.agent.message.AudioDropped;
import dev.vigil.agent.message.AudioFrame;
import dev.vigil.agent.message.AudioProcessed;
import dev.vigil.agent.message.ComponentError;
import dev.vigil.agent.message.EchoRejected;
import dev.vigil.agent.message.Transcript;
import dev.vigil.agent.message.VoiceStarted;
import dev.vigil.agent.message.VoicePaused;
import dev.vigil.agent.message.VoiceStopped;
import dev.vigil.agent.telemetry.Telemetry;
import dev.vigil.agent.audio.PcmAudio;
import dev.vigil.agent.audio.Resampler;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.eventbus.EventBus;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Puts the {@link AudioFrontEnd} on the event bus. Microphone frames are taken on the event loop and
 * processed in order on a thread of the front end's own ({@value #WORKER_POOL}), not a shared worker
 * pool: recognition, synthesis and vision never delay it, and it runs at a better OS scheduling
 * priority ({@link ThreadPriority}, nice {@value ThreadPriority#AUDIO_NICE}) where the process may raise it, so that a busy
 * CPU makes recognition lag rather than the microphone drop. At most {@code maxQueueMillis} of audio
 * waits there; anything beyond is dropped, counted, reported on the bus, and announced once in the
 * log. Loudspeaker frames only fill the reference buffer and are taken on the event loop. Decisions
 * go out on the control lanes as soon as they are made.
 */
public final class FrontEndVerticle extends AbstractVerticle {

    public static final String WORKER_POOL = "vigil-audio-frontend";
    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(FrontEndVerticle.class.getName());

    private final Function<AudioFrontEnd.Listener, AudioFrontEnd> factory;
    private final Telemetry telemetry;
    private final WorkInFlight work;
    private final long maxQueueNanos;
    private final AtomicLong queuedNanos = new AtomicLong();
    /** {@code vigil.audio.queued}: what {@link #queuedNanos} holds, read as it is kept. */
    private AutoCloseable queuedGauge;
    private AudioFrontEnd frontEnd;
    private java.util.concurrent.ExecutorService worker;
    private final java.util.concurrent.atomic.AtomicBoolean warnedDrop = new java.util.concurrent.atomic.AtomicBoolean();
    private Resampler micResampler;
    private Resampler speakerResampler;

    /**
     * @param frontEnds makes the front end around the listener that publishes on the bus; called once,
     *                  on the worker, at deployment (loading models is blocking work)
     */
    public FrontEndVerticle(FrontEndSettings settings, Function<AudioFrontEnd.Listener, AudioFrontEnd> frontEnds,
                            Telemetry telemetry, WorkInFlight work) {
        this.telemetry = telemetry;
        this.work = work;
        this.maxQueueNanos = settings.maxQueueMillis() * 1_000_000L;
        this.factory = frontEnds;
    }

    @Override
    public void start(Promise<Void> started) {
        EventBus bus = vertx.eventBus();
        queuedGauge = telemetry.gauge(Telemetry.AUDIO_QUEUED, "ms",
                "microphone audio waiting for the front end", () -> queuedNanos.get() / 1_000_000);
        worker = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(() -> {
                ThreadPriority.setNice(ThreadPriority.AUDIO_NICE);
                r.run();
            }, WORKER_POOL);
            t.setDaemon(true);
            return t;
        });
        // Consumers are registered back on this verticle's event loop, where their handlers belong.
        onWorker(() -> factory.apply(new BusListener(bus, telemetry))).onComplete(made -> context.runOnContext(v -> {
            if (made.failed()) {
                started.fail(made.cause());
                return;
            }
            frontEnd = made.result();
            bus.<AudioFrame>localConsumer(Addresses.MIC_AUDIO, message -> microphone(message.body()));
            bus.<AudioFrame>localConsumer(Addresses.SPEAKER_AUDIO, message -> speaker(message.body()));
            bus.<Transcript>localConsumer(Addresses.TRANSCRIPTS, message -> transcript(message.body()));
            started.complete();
        }));
    }

    /**
     * A frame the loudspeaker played, for the echo canceller's reference; queued on the front-end
     * thread in call order. Thread-safe.
     */
    public void speaker(AudioFrame frame) {
        work.begin();
        onWorker(() -> {
            try {
                short[] samples = frame.sampleRate() == AudioFrontEnd.SAMPLE_RATE ? frame.samples()
                        : resample(frame, speakerResampler = resamplerFor(speakerResampler, frame.sampleRate()));
                frontEnd.speaker(AudioFrontEnd.sampleIndex(frame.captureNanos()), samples);
            } finally {
                work.end();
            }
            return null;
        });
    }

    /**
     * A microphone frame; queued on the front-end thread in call order, or dropped and counted when
     * {@code maxQueueMillis} of audio already waits. Thread-safe.
     */
    public void microphone(AudioFrame frame) {
        long duration = frame.durationNanos();
        if (queuedNanos.get() + duration > maxQueueNanos) {
            if (warnedDrop.compareAndSet(false, true)) {
                LOG.warning("the audio front end cannot keep up (more than " + maxQueueNanos / 1_000_000
                        + " ms of microphone audio waiting): dropping audio; the CPU is too busy for this agent");
            }
            telemetry.audioDropped(Addresses.MIC_AUDIO, duration / 1_000_000);
            vertx.eventBus().publish(Addresses.AUDIO_DROPPED,
                    new AudioDropped(Addresses.MIC_AUDIO, frame.captureNanos(), duration));
            return;
        }
        queuedNanos.addAndGet(duration);
        work.begin();
        onWorker(() -> {
            try {
                short[] samples = frame.sampleRate() == AudioFrontEnd.SAMPLE_RATE ? frame.samples()
                        : resample(frame, micResampler = resamplerFor(micResampler, frame.sampleRate()));
                frontEnd.microphone(AudioFrontEnd.sampleIndex(frame.captureNanos()), samples);
                var cleaned = frontEnd.takeCleaned();
                if (cleaned != null) {
                    vertx.eventBus().publish(Addresses.VOICE_AUDIO, cleaned);
                }
                telemetry.audioProcessed(duration / 1_000_000);
            } catch (RuntimeException e) {
                telemetry.error("audio-frontend");
                vertx.eventBus().publish(Addresses.ERRORS, new ComponentError("audio-frontend",
                        "microphone frame at " + frame.captureNanos() / 1_000_000 + " ms not processed: "
                                + ComponentError.oneLine(e), frame.captureNanos()));
            } finally {
                queuedNanos.addAndGet(-duration);
            }
            vertx.eventBus().publish(Addresses.AUDIO_PROCESSED, new AudioProcessed(Addresses.MIC_AUDIO, frame.endNanos()));
            work.end();
            return null;
        });
    }

    /**
     * A final transcript with words is the user taking a turn: the front end learns their level, and
     * for a while a voice much fainter is background ({@link BackgroundSettings}). Queued on the
     * front-end thread in order with the audio.
     */
    public void transcript(Transcript transcript) {
        if (!transcript.isFinal() || transcript.text().isBlank()) {
            return;
        }
        work.begin();
        onWorker(() -> {
            try {
                frontEnd.userTurn(transcript.startNanos());
            } finally {
                work.end();
            }
            return null;
        });
    }

    /** The echo path changed (a device came back): echo cancellation and the guard start over, in order with the audio. */
    public void echoPathChanged() {
        onWorker(() -> {
            frontEnd.echoPathChanged();
            return null;
        });
    }

    /** Ends the open voice segment, after every queued frame. */
    public Future<Void> finish() {
        return onWorker(() -> {
            frontEnd.finish();
            return null;
        });
    }

    /** Runs {@code task} on the front-end thread, in order; the future completes on that thread. */
    private <T> Future<T> onWorker(java.util.concurrent.Callable<T> task) {
        io.vertx.core.Promise<T> done = io.vertx.core.Promise.promise();
        try {
            worker.execute(() -> {
                try {
                    done.complete(task.call());
                } catch (Throwable e) {
                    done.fail(e);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            done.fail(new IllegalStateException("the audio front end is stopped"));
        }
        return done.future();
    }

    private static Resampler resamplerFor(Resampler current, int rate) {
        return current != null && current.inRate() == rate ? current : new Resampler(rate, AudioFrontEnd.SAMPLE_RATE);
    }

    private static short[] resample(AudioFrame frame, Resampler resampler) {
        float[] in = PcmAudio.ofPcm16(frame.samples(), frame.sampleRate()).samples();
        return new PcmAudio(AudioFrontEnd.SAMPLE_RATE, 1, resampler.process(in, 0, in.length)).toPcm16();
    }

    @Override
    public void stop() throws Exception {
        if (queuedGauge != null) {
            queuedGauge.close();
        }
        if (worker != null) {
            onWorker(() -> {
                if (frontEnd != null) {
                    frontEnd.close();
                }
                return null;
            });
            worker.shutdown();
        }
    }

    /** Publishes the front end's decisions; safe from the worker thread. */
    private record BusListener(EventBus bus, Telemetry telemetry) implements AudioFrontEnd.Listener {

        @Override
        public void voiceStarted(VoiceStarted event) {
            telemetry.voiceSegment();
            bus.publish(Addresses.VOICE_STARTED, event);
        }

        @Override
        public void voiceStopped(VoiceStopped event) {
            bus.publish(Addresses.VOICE_STOPPED, event);
        }

        @Override
        public void doubleTalk(dev.vigil.agent.message.DoubleTalk event) {
            bus.publish(Addresses.DOUBLE_TALK, event);
        }

        @Override
        public void voicePaused(VoicePaused event) {
            bus.publish(Addresses.VOICE_PAUSED, event);
        }

        @Override
        public void backgroundRejected(long atNanos) {
            telemetry.backgroundRejected();
        }

        @Override
        public void echoRejected(EchoRejected event) {
            telemetry.echoRejected();
            bus.publish(Addresses.ECHO_REJECTED, event);
        }

        @Override
        public void error(ComponentError error) {
            telemetry.error(error.component());
            bus.publish(Addresses.ERRORS, error);
        }
    }
}
