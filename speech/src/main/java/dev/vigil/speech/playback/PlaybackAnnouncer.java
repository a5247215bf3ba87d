package dev.vigil.speech.playback;

import dev.vigil.agent.bus.Addresses;
import dev.vigil.agent.message.RobotSpeaking;
import dev.vigil.agent.message.UtterancePlayed;
import dev.vigil.agent.message.UtteranceStarted;
import io.vertx.core.eventbus.EventBus;

/**
 * Tells the bus what the loudspeaker does: each utterance's start and what it really played, and
 * robot speaking on and off (one "on" for back-to-back utterances). Called on the thread that pulls
 * or flushes the loudspeaker; publishing is thread-safe.
 */
public final class PlaybackAnnouncer implements Loudspeaker.Listener {

    private final EventBus bus;
    private int playing;

    public PlaybackAnnouncer(EventBus bus) {
        this.bus = bus;
    }

    @Override
    public synchronized void started(String utteranceId, String text, long atNanos) {
        bus.publish(Addresses.UTTERANCE_STARTED, new UtteranceStarted(utteranceId, text == null ? "" : text, atNanos));
        if (playing++ == 0) {
            bus.publish(Addresses.ROBOT_SPEAKING, new RobotSpeaking(true, atNanos, text == null ? "" : text));
        }
    }

    @Override
    public synchronized void ended(UtterancePlayed played) {
        bus.publish(Addresses.UTTERANCE_PLAYED, played);
        if (--playing == 0) {
            bus.publish(Addresses.ROBOT_SPEAKING, new RobotSpeaking(false, played.endNanos(), played.text()));
        }
    }
}
