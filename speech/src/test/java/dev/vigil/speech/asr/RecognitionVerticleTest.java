package dev.vigil.speech.asr;

import dev.vigil.agent.bus.Addresses;
import dev.vigil.agent.message.BargeIn;
import dev.vigil.agent.message.Transcript;
import dev.vigil.agent.testing.BusHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import static dev.vigil.agent.testing.BusHarness.seconds;
import static dev.vigil.agent.testing.Messages.silence;
import static dev.vigil.agent.testing.Messages.voiceStarted;
import static dev.vigil.agent.testing.Messages.voiceStopped;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stop check's rules at bus level: which segments are scored against the stop words and what the
 * score decides. The engine is scripted (what it heard, what the spotter scored) so each rule is
 * tested alone; the real engine's scores are StopWordSpotterTest's and the replay's.
 */
class RecognitionVerticleTest {

    private final BusHarness bus = new BusHarness();
    private final ScriptedAsr asr = new ScriptedAsr();

    @AfterEach
    void close() {
        bus.close();
    }

    private void start(float stopConfidence) {
        bus.deploy(new RecognitionVerticle(asr, bus.work(), stopConfidence)).record(Addresses.TRANSCRIPTS);
    }

    /** A segment 3.0–3.4 s; with {@code bargeIn}, it interrupted the robot. */
    private Transcript segment(boolean bargeIn) {
        bus.advanceTo(seconds(3.1));
        bus.send(Addresses.VOICE_STARTED, voiceStarted(3.0));
        if (bargeIn) {
            bus.send(Addresses.BARGE_IN, new BargeIn(seconds(3.0), seconds(3.1), "robot-1"));
        }
        for (int frame = 0; frame < 20; frame++) {
            bus.send(Addresses.VOICE_AUDIO, silence(3.0 + frame * 0.02, 20));
        }
        bus.advanceTo(seconds(3.7));
        bus.send(Addresses.VOICE_STOPPED, voiceStopped(3.0, 3.4));
        return bus.last(Addresses.TRANSCRIPTS, Transcript.class).orElseThrow();
    }

    @Test
    void aBargeInWithoutWordsWhoseStopScoresAboveTheThresholdIsThatStop() {
        asr.spotted = Optional.of(new SpottedStop("stop", 0.62f, 31));
        start(0.5f);
        Transcript heard = segment(true);
        assertThat(heard.isFinal()).isTrue();
        assertThat(heard.text()).isEqualTo("stop");
        assertThat(heard.confidence()).as("the recogniser's coarse scale").isEqualTo(0.5f);
        assertThat(heard.startNanos()).isEqualTo(seconds(3.0));
        assertThat(heard.endNanos()).isEqualTo(seconds(3.4));
        assertThat(asr.scored).singleElement().satisfies(pcm ->
                assertThat(pcm.length).as("lead-in and the 400 ms fed").isEqualTo(4_800 + 6_400));
    }

    @Test
    void belowTheThresholdTheSegmentStaysWithoutWords() {
        asr.spotted = Optional.of(new SpottedStop("stop", 0.2f, 25));
        start(0.5f);
        Transcript heard = segment(true);
        assertThat(heard.text()).isEmpty();
        assertThat(heard.confidence()).isZero();
    }

    @Test
    void aSegmentThatDidNotInterruptTheRobotIsNotScored() {
        asr.spotted = Optional.of(new SpottedStop("stop", 0.9f, 30));
        start(0.5f);
        assertThat(segment(false).text()).isEmpty();
        assertThat(asr.scored).isEmpty();
    }

    @Test
    void wordsTheRecogniserHeardAreKeptAndNotScored() {
        asr.heard = "turn left";
        asr.spotted = Optional.of(new SpottedStop("stop", 0.9f, 30));
        start(0.5f);
        assertThat(segment(true).text()).isEqualTo("turn left");
        assertThat(asr.scored).isEmpty();
    }

    @Test
    void aThresholdAboveOneTurnsTheCheckOff() {
        asr.spotted = Optional.of(new SpottedStop("stop", 1.0f, 30));
        start(1.01f);
        assertThat(segment(true).text()).isEmpty();
        assertThat(asr.scored).isEmpty();
    }

    @Test
    void aFailingCheckIsReportedAndTheSegmentStaysWithoutWords() {
        asr.failSpotting = true;
        start(0.5f);
        bus.record(Addresses.ERRORS);
        assertThat(segment(true).text()).isEmpty();
        assertThat(bus.published(Addresses.ERRORS)).singleElement().asString().contains("stop check failed");
    }

    /** Hears {@link #heard} in every segment; scores every segment asked as {@link #spotted}. */
    private static final class ScriptedAsr implements Asr {
        String heard = "";
        Optional<SpottedStop> spotted = Optional.empty();
        boolean failSpotting;
        final List<short[]> scored = new ArrayList<>();

        @Override
        public String language() {
            return "en-US";
        }

        @Override
        public AsrStream open(long startNanos, Consumer<Transcript> partials) {
            return new AsrStream() {
                @Override
                public void accept(short[] pcm16k) {
                }

                @Override
                public Transcript finish(long endNanos) {
                    return new Transcript(heard, true, heard.isEmpty() ? 0f : 0.9f, startNanos, endNanos, language());
                }

                @Override
                public void cancel() {
                }
            };
        }

        @Override
        public Optional<SpottedStop> spotStop(short[] pcm16k) {
            if (failSpotting) {
                throw new IllegalStateException("decoder gone");
            }
            scored.add(pcm16k);
            return spotted;
        }

        @Override
        public void close() {
        }
    }
}
