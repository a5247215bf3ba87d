package dev.vigil.perception.audio.frontend;

import dev.vigil.agent.bus.Addresses;
import dev.vigil.agent.clock.WorkInFlight;
import dev.vigil.agent.message.AudioDropped;
import dev.vigil.agent.message.AudioFrame;
import dev.vigil.agent.message.AudioProcessed;
import dev.vigil.agent.message.ComponentError;
import dev.vigil.agent.message.EchoRejected;
import dev.vigil.agent.message.VoiceStarted;
import dev.vigil.agent.message.VoiceStopped;
import dev.vigil.agent.telemetry.Telemetry;
import dev.vigil.agent.audio.PcmAudio;
import dev.vigil.agent.audio.Resampler;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.eventbus.EventBus;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Puts the {@link AudioFrontEnd} on the event bus. Microphone frames are taken on the event loop and
 * processed in order on a one-thread worker pool ({@value #WORKER_POOL}); at most
 * {@code maxQueueMillis} of audio waits there, and anything beyond is dropped, counted and reported
 * rather than letting memory grow. Loudspeaker frames only fill the reference buffer and are taken
 * on the event loop. Decisions go out on the control lanes as soon as they are made.
 */
public final class FrontEndVerticle extends AbstractVerticle {

    public static final String WORKER_POOL = "vigil-audio-frontend";

    private final Function<AudioFrontEnd.Listener, AudioFrontEnd> factory;
    private final Telemetry telemetry;
    private final WorkInFlight work;
    private final long maxQueueNanos;
    private final AtomicLong queuedNanos = new AtomicLong();
    private AudioFrontEnd frontEnd;
    private WorkerExecutor worker;
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
        worker = vertx.createSharedWorkerExecutor(WORKER_POOL, 1);
        worker.executeBlocking(() -> factory.apply(new BusListener(bus, telemetry)), true)
                .onSuccess(made -> {
                    frontEnd = made;
                    bus.<AudioFrame>localConsumer(Addresses.MIC_AUDIO, message -> onMicrophone(message.body()));
                    bus.<AudioFrame>localConsumer(Addresses.SPEAKER_AUDIO, message -> onSpeaker(message.body()));
                    started.complete();
                })
                .onFailure(started::fail);
    }

    private void onSpeaker(AudioFrame frame) {
        short[] samples = frame.sampleRate() == AudioFrontEnd.SAMPLE_RATE ? frame.samples()
                : resample(frame, speakerResampler = resamplerFor(speakerResampler, frame.sampleRate()));
        frontEnd.speaker(AudioFrontEnd.sampleIndex(frame.captureNanos()), samples);
    }

    private void onMicrophone(AudioFrame frame) {
        long duration = frame.durationNanos();
        if (queuedNanos.get() + duration > maxQueueNanos) {
            telemetry.audioDropped(Addresses.MIC_AUDIO, duration / 1_000_000);
            vertx.eventBus().publish(Addresses.AUDIO_DROPPED,
                    new AudioDropped(Addresses.MIC_AUDIO, frame.captureNanos(), duration));
            return;
        }
        queuedNanos.addAndGet(duration);
        work.begin();
        worker.executeBlocking(() -> {
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
        }, true);
    }

    /** Ends the open voice segment, after every queued frame. */
    public Future<Void> finish() {
        return worker.executeBlocking(() -> {
            frontEnd.finish();
            return null;
        }, true);
    }

    private static Resampler resamplerFor(Resampler current, int rate) {
        return current != null && current.inRate() == rate ? current : new Resampler(rate, AudioFrontEnd.SAMPLE_RATE);
    }

    private static short[] resample(AudioFrame frame, Resampler resampler) {
        float[] in = PcmAudio.ofPcm16(frame.samples(), frame.sampleRate()).samples();
        return new PcmAudio(AudioFrontEnd.SAMPLE_RATE, 1, resampler.process(in, 0, in.length)).toPcm16();
    }

    @Override
    public void stop() {
        if (worker != null) {
            worker.executeBlocking(() -> {
                if (frontEnd != null) {
                    frontEnd.close();
                }
                return null;
            }, true).onComplete(done -> worker.close());
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
