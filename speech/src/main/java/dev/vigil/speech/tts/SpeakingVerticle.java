package dev.vigil.speech.tts;

import dev.vigil.agent.bus.Addresses;
import dev.vigil.agent.clock.WorkInFlight;
import dev.vigil.agent.message.ComponentError;
import dev.vigil.agent.message.Say;
import dev.vigil.agent.message.StopSpeaking;
import dev.vigil.speech.playback.Loudspeaker;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.eventbus.EventBus;

/**
 * Speaking on the bus: a {@code Say} is synthesized chunk by chunk into the loudspeaker queue (the
 * first chunk is short, so audio starts before the answer is synthesized); {@code StopSpeaking}
 * cancels synthesis and flushes the loudspeaker at once, from the event loop. A synthesis failure is
 * reported; the robot simply stays silent and keeps listening.
 */
public final class SpeakingVerticle extends AbstractVerticle {

    private final Tts tts;
    private final Loudspeaker loudspeaker;
    private final WorkInFlight work;
    private EventBus bus;
    private Synthesis current;

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
    }

    private void onSay(Say say) {
        loudspeaker.begin(say.utteranceId(), say.text());
        work.begin();
        current = tts.speak(say.utteranceId(), say.text(), new TtsListener() {
            @Override
            public void audio(String utteranceId, int chunkIndex, short[] samples, int sampleRate, String chunkText) {
                loudspeaker.enqueue(utteranceId, chunkText, samples, sampleRate);
            }

            @Override
            public void done(String utteranceId, boolean cancelled) {
                loudspeaker.complete(utteranceId);
                work.end();
            }

            @Override
            public void failed(String utteranceId, String message) {
                loudspeaker.complete(utteranceId);
                bus.publish(Addresses.ERRORS, new ComponentError("tts", message, say.atNanos()));
                work.end();
            }
        });
    }

    private void onStop(StopSpeaking stop) {
        if (current != null) {
            current.cancel();
            current = null;
        }
        loudspeaker.flush(stop.atNanos());
    }

    @Override
    public void stop() {
        if (current != null) {
            current.cancel();
        }
    }
}
