package dev.vigil.speech.playback;

import dev.vigil.agent.bus.Addresses;
import dev.vigil.agent.message.RobotSpeaking;
import dev.vigil.agent.message.UtterancePlayed;
import dev.vigil.agent.message.UtteranceStarted;
import io.vertx.core.eventbus.EventBus;

import java.util.HashSet;
import java.util.Set;

/**
 * Tells the bus what the loudspeaker does: each utterance's start and what it really played, and
 * robot speaking on and off — off while a barge-in holds playback paused, on again when it resumes.
 */
public final class PlaybackAnnouncer implements Loudspeaker.Listener {

    private final EventBus bus;
    /** Utterances that played a first sample and have not ended. */
    private final Set<String> started = new HashSet<>();
    private boolean speaking;

    public PlaybackAnnouncer(EventBus bus) {
        this.bus = bus;
    }

    @Override
    public synchronized void started(String utteranceId, String text, long atNanos) {
        String said = text == null ? "" : text;
        started.add(utteranceId);
        bus.publish(Addresses.UTTERANCE_STARTED, new UtteranceStarted(utteranceId, said, atNanos));
        announce(true, atNanos, said);
    }

    @Override
    public synchronized void ended(UtterancePlayed played) {
        bus.publish(Addresses.UTTERANCE_PLAYED, played);
        if (started.remove(played.utteranceId()) && started.isEmpty()) {
            announce(false, played.endNanos(), played.text());
        }
    }

    @Override
    public synchronized void paused(String utteranceId, long lastSampleNanos) {
        announce(false, lastSampleNanos, "");
    }

    @Override
    public synchronized void resumed(String utteranceId, long atNanos) {
        announce(true, atNanos, "");
    }

    private void announce(boolean now, long atNanos, String text) {
        if (speaking != now) {
            speaking = now;
            bus.publish(Addresses.ROBOT_SPEAKING, new RobotSpeaking(now, atNanos, text));
        }
    }
}
