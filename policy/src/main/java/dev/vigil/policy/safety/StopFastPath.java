package dev.vigil.policy.safety;

import dev.vigil.agent.bus.Addresses;
import dev.vigil.agent.message.Intent;
import dev.vigil.agent.message.StopSpeaking;
import dev.vigil.agent.message.Transcript;
import dev.vigil.policy.intent.IntentRecognizer;
import io.vertx.core.AbstractVerticle;

/**
 * Watches every transcript, partial or final, on the event loop (the check is a few string
 * comparisons): the first one of an utterance that says stop publishes {@code StopSpeaking} and a
 * {@code stop} intent at the highest priority. One intent per utterance.
 */
public final class StopFastPath extends AbstractVerticle {

    private long stoppedUtterance = Long.MIN_VALUE;

    @Override
    public void start() {
        var bus = vertx.eventBus();
        bus.<Transcript>localConsumer(Addresses.TRANSCRIPTS, m -> {
            Transcript t = m.body();
            if (t.startNanos() != stoppedUtterance && IntentRecognizer.isStop(t.text())) {
                stoppedUtterance = t.startNanos();
                bus.publish(Addresses.STOP_SPEAKING, new StopSpeaking("stop", t.endNanos()));
                bus.publish(Addresses.INTENTS, new Intent("stop", "{}", Intent.UNKNOWN_AGENT, Intent.MODALITY_SPEECH,
                        255, Math.max(0.5f, t.confidence()), t.endNanos()));
            }
        });
    }
}
