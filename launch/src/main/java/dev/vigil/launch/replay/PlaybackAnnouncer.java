package dev.vigil.launch.replay;

import dev.vigil.agent.bus.Addresses;
import dev.vigil.agent.message.RobotSpeaking;
import dev.vigil.agent.message.UtterancePlayed;
import dev.vigil.speech.playback.Loudspeaker;
import io.vertx.core.eventbus.EventBus;

/**
 * Tells the bus what the loudspeaker does: robot speaking on and off (one "on" for back-to-back
 * utterances), and what each utterance really played.
 */
final class PlaybackAnnouncer implements Loudspeaker.Listener {

    private final EventBus bus;
    private int playing;

    PlaybackAnnouncer(EventBus bus) {
        this.bus = bus;
    }

    @Override
    public void started(String utteranceId, String text, long atNanos) {
        if (playing++ == 0) {
            bus.publish(Addresses.ROBOT_SPEAKING, new RobotSpeaking(true, atNanos, text == null ? "" : text));
        }
    }

    @Override
    public void ended(UtterancePlayed played) {
        bus.publish(Addresses.UTTERANCE_PLAYED, played);
        if (--playing == 0) {
            bus.publish(Addresses.ROBOT_SPEAKING, new RobotSpeaking(false, played.endNanos(), played.text()));
        }
    }
}
