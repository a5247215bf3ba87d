package dev.vigil.speech.tts;

import dev.vigil.agent.audio.PcmAudio;
import dev.vigil.agent.bus.Addresses;
import dev.vigil.agent.clock.WorkInFlight;
import dev.vigil.agent.message.ComponentError;
import dev.vigil.agent.message.PauseSpeaking;
import dev.vigil.agent.message.ResumeSpeaking;
import dev.vigil.agent.message.Say;
import dev.vigil.agent.message.StopSpeaking;
import dev.vigil.speech.playback.Loudspeaker;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.eventbus.EventBus;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Speaking on the bus. A {@code Say} is synthesized chunk by chunk into the loudspeaker queue (the
 * first chunk is short, so audio starts before the answer is synthesized); a {@code Say} that brings
 * its own 24 kHz audio (an omni model's voice) is queued as it is, resampled, never synthesized.
 * The control lane acts at once, from the event loop: {@code PauseSpeaking} holds the loudspeaker
 * (synthesis goes on filling the held queue), {@code ResumeSpeaking} plays on from where it stopped,
 * {@code StopSpeaking} cancels every synthesis and flushes the loudspeaker. A synthesis failure is
 * reported; the robot simply stays silent and keeps listening.
 */
public final class SpeakingVerticle extends AbstractVerticle {

    private final Tts tts;
    private final Loudspeaker loudspeaker;
    private final WorkInFlight work;
    private EventBus bus;
    /** Syntheses not finished yet, by utterance; event-loop access only. */
    private final Map<String, Synthesis> running = new LinkedHashMap<>();

    public SpeakingVerticle(Tts tts, Loudspeaker loudspeaker, WorkInFlight work) {
        this.tts = tts;
        this.loudspeaker = loudspeaker;
        this.work = work;
    }

    @Override
    public void start() {
        bus = vertx.eventBus();
        bus.<Say>localConsumer(Addresses.SAY, m -> onSay(m.body()));
        bus.<StopSpeaking>localConsumer(Addresses.STOP_SPEAKING, m -> onStop(m.body()));
        bus.<PauseSpeaking>localConsumer(Addresses.PAUSE_SPEAKING, m -> loudspeaker.pause());
        bus.<ResumeSpeaking>localConsumer(Addresses.RESUME_SPEAKING, m -> loudspeaker.resume());
    }

    private void onSay(Say say) {
        loudspeaker.begin(say.utteranceId(), say.text());
        if (say.audio24k() != null) {
            playAsGiven(say);
            return;
        }
        work.begin();
        Synthesis synthesis = tts.speak(say.utteranceId(), say.text(), new TtsListener() {
            @Override
            public void audio(String utteranceId, int chunkIndex, short[] samples, int sampleRate, String chunkText) {
                loudspeaker.enqueue(utteranceId, chunkText, samples, sampleRate);
            }

            @Override
            public void done(String utteranceId, boolean cancelled) {
                finished(utteranceId);
            }

            @Override
            public void failed(String utteranceId, String message) {
                bus.publish(Addresses.ERRORS, new ComponentError("tts", message, say.atNanos()));
                finished(utteranceId);
            }
        });
        running.put(say.utteranceId(), synthesis);
    }

    /** On the synthesis worker (or the caller, when the pool refused the work). */
    private void finished(String utteranceId) {
        loudspeaker.complete(utteranceId);
        context.runOnContext(v -> running.remove(utteranceId));
        work.end();
    }

    /** The model's own voice: converted and resampled on a worker, then queued whole. */
    private void playAsGiven(Say say) {
        work.begin();
        vertx.executeBlocking(() -> {
            short[] pcm = new PcmAudio(Say.AUDIO_RATE, 1, say.audio24k()).toPcm16();
            loudspeaker.enqueue(say.utteranceId(), say.text(), pcm, Say.AUDIO_RATE);
            loudspeaker.complete(say.utteranceId());
            return null;
        }, true).onComplete(done -> {
            if (done.failed()) {
                bus.publish(Addresses.ERRORS, new ComponentError("playback", ComponentError.oneLine(done.cause()),
                        say.atNanos()));
                loudspeaker.complete(say.utteranceId());
            }
            work.end();
        });
    }

    private void onStop(StopSpeaking stop) {
        List.copyOf(running.values()).forEach(Synthesis::cancel);
        running.clear();
        loudspeaker.flush(stop.atNanos());
    }

    @Override
    public void stop() {
        running.values().forEach(Synthesis::cancel);
    }
}
