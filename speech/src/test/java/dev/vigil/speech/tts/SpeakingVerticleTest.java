package dev.vigil.speech.tts;

import dev.vigil.agent.bus.Addresses;
import dev.vigil.agent.message.ComponentError;
import dev.vigil.agent.message.PauseSpeaking;
import dev.vigil.agent.message.ResumeSpeaking;
import dev.vigil.agent.message.Say;
import dev.vigil.agent.message.StopSpeaking;
import dev.vigil.agent.message.UtterancePlayed;
import dev.vigil.agent.testing.BusHarness;
import dev.vigil.speech.playback.Loudspeaker;
import dev.vigil.speech.tts.engine.FliteSynthesizer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static dev.vigil.agent.testing.BusHarness.seconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The speaking verticle on the bus, with flite, a loudspeaker pulled 20 ms at a time, and a virtual clock. */
class SpeakingVerticleTest {

    private static final String TEXT = "I can move forward, back, left or right.";
    private static final int FRAME = 320;
    private static final long FRAME_NANOS = 20_000_000L;

    private final BusHarness bus = new BusHarness();
    private final List<UtterancePlayed> ended = Collections.synchronizedList(new ArrayList<>());
    private final Loudspeaker loudspeaker = new Loudspeaker(16_000, new Loudspeaker.Listener() {
        @Override
        public void started(String utteranceId, String text, long atNanos) {
        }

        @Override
        public void ended(UtterancePlayed played) {
            ended.add(played);
        }
    });
    private ExecutorService synthesis;
    private long heardSamples;

    @BeforeEach
    void start() {
        assumeTrue(FliteSynthesizer.available(), () -> FliteSynthesizer.unavailableReason().orElse(""));
        synthesis = Executors.newSingleThreadExecutor();
        bus.deploy(new SpeakingVerticle(Tts.forLanguage("en-US", synthesis), loudspeaker, bus.work()))
                .record(Addresses.ERRORS);
    }

    @AfterEach
    void stop() {
        bus.close();
        if (synthesis != null) {
            synthesis.shutdownNow();
        }
    }

    /** Plays {@code frames} frames from the loudspeaker at the clock's pace; counts audible samples. */
    private void play(int frames) {
        short[] out = new short[FRAME];
        for (int i = 0; i < frames; i++) {
            long at = bus.clock().nanos();
            bus.onLoop(() -> {
                loudspeaker.pull(out, at);
                for (short s : out) {
                    heardSamples += s != 0 ? 1 : 0;
                }
            });
            bus.advanceTo(at + FRAME_NANOS);
        }
    }

    private UtterancePlayed playToTheEnd() {
        for (int i = 0; i < 1000 && ended.isEmpty(); i++) {
            play(1);
        }
        assertThat(ended).as("the utterance ended").hasSize(1);
        return ended.get(0);
    }

    @Test
    void aPausedUtterancePlaysOnWithTheSameAudioWhenResumed() {
        bus.send(Addresses.SAY, new Say("straight", TEXT, 0));
        UtterancePlayed straight = playToTheEnd();
        long straightSamples = heardSamples;
        ended.clear();
        heardSamples = 0;

        bus.send(Addresses.SAY, new Say("held", TEXT, bus.clock().nanos()));
        play(25);
        bus.send(Addresses.PAUSE_SPEAKING, new PauseSpeaking("barge-in", bus.clock().nanos()));
        long before = heardSamples;
        play(50);
        assertThat(heardSamples).as("silent while paused").isEqualTo(before);
        bus.send(Addresses.RESUME_SPEAKING, new ResumeSpeaking("false-interruption", bus.clock().nanos()));
        UtterancePlayed resumed = playToTheEnd();

        assertThat(resumed.truncated()).isFalse();
        assertThat(resumed.playedText()).isEqualTo(TEXT);
        assertThat(resumed.playedMillis()).as("nothing said twice, nothing lost").isEqualTo(straight.playedMillis());
        assertThat(heardSamples).isEqualTo(straightSamples);
        assertThat(resumed.endNanos() - resumed.startNanos())
                .isEqualTo(straight.endNanos() - straight.startNanos() + 50 * FRAME_NANOS);
    }

    @Test
    void aStopDuringThePauseDropsTheRestAndReportsWhatWasPlayed() {
        bus.send(Addresses.SAY, new Say("cut", TEXT, 0));
        play(25);
        bus.send(Addresses.PAUSE_SPEAKING, new PauseSpeaking("barge-in", bus.clock().nanos()));
        play(10);
        bus.send(Addresses.STOP_SPEAKING, new StopSpeaking("barge-in", bus.clock().nanos()));
        assertThat(ended).singleElement().satisfies(cut -> {
            assertThat(cut.truncated()).isTrue();
            assertThat(cut.playedMillis()).isEqualTo(500);
            assertThat(cut.endNanos()).as("the last sample before the pause").isEqualTo(seconds(0.5));
            assertThat(TEXT).startsWith(cut.playedText());
        });
        long before = heardSamples;
        play(50);
        assertThat(heardSamples).as("nothing after the stop").isEqualTo(before);
    }

    @Test
    void aReplyStillBeingSynthesizedWhenStoppedNeverPlays() {
        bus.send(Addresses.PAUSE_SPEAKING, new PauseSpeaking("barge-in", 0));
        bus.send(Addresses.SAY, new Say("never", TEXT, 0));
        play(10);
        bus.send(Addresses.STOP_SPEAKING, new StopSpeaking("barge-in", bus.clock().nanos()));
        play(50);
        assertThat(heardSamples).isZero();
        assertThat(ended).singleElement().satisfies(p -> {
            assertThat(p.utteranceId()).isEqualTo("never");
            assertThat(p.playedMillis()).isZero();
        });
    }

    @Test
    void theModelsOwnAudioIsPlayedAsGivenWithoutSynthesis() {
        float[] voice = new float[Say.AUDIO_RATE / 2];   // half a second of a 440 Hz tone
        for (int i = 0; i < voice.length; i++) {
            voice[i] = (float) (0.5 * Math.sin(2 * Math.PI * 440 * i / Say.AUDIO_RATE));
        }
        bus.send(Addresses.SAY, new Say("omni-1", "a tone", 0, voice));
        UtterancePlayed played = playToTheEnd();
        assertThat(played.playedMillis()).isBetween(495L, 505L);
        assertThat(played.playedText()).isEqualTo("a tone");
        assertThat(heardSamples).isGreaterThan(7_500);
        assertThat(bus.published(Addresses.ERRORS, ComponentError.class)).isEmpty();
    }
}
