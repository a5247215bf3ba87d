package dev.vigil.speech.asr;

import dev.vigil.agent.bus.Addresses;
import dev.vigil.agent.message.AudioFrame;
import dev.vigil.agent.message.BargeIn;
import dev.vigil.agent.message.Transcript;
import dev.vigil.agent.message.VoicePaused;
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

    /** With {@link #open} as the open-vocabulary tier. */
    private void startTwoTiers() {
        bus.deploy(new RecognitionVerticle(asr, open, bus.work(), 0.5f)).record(Addresses.TRANSCRIPTS);
    }

    private final ScriptedAsr open = new ScriptedAsr();

    /** A segment 3.0–3.4 s; with {@code bargeIn}, it interrupted the robot. */
    private Transcript segment(boolean bargeIn) {
        return toneSegment(Double.NEGATIVE_INFINITY, bargeIn);
    }

    /** The segment stops (3.4 s, detected at 3.7 s): its final. */
    private Transcript segmentEnds() {
        return segmentEnds(3.0);
    }

    /** The segment from {@code startS} stops 0.4 s later (detected 0.3 s after that): its final. */
    private Transcript segmentEnds(double startS) {
        bus.advanceTo(seconds(startS + 0.7));
        bus.send(Addresses.VOICE_STOPPED, voiceStopped(startS, startS + 0.4));
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
                assertThat(pcm.length).as("the 400 ms fed: the recogniser adds its own lead-in").isEqualTo(6_400));
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

    /** The segment 3.0–3.4 s of {@link #segment}, a 200 Hz tone at {@code dbfs} (−∞: silence). */
    private Transcript toneSegment(double dbfs, boolean bargeIn) {
        return toneSegment(3.0, dbfs, bargeIn);
    }

    /** A segment of 0.4 s from {@code startS}, a 200 Hz tone at {@code dbfs} (−∞: silence). */
    private Transcript toneSegment(double startS, double dbfs, boolean bargeIn) {
        bus.advanceTo(seconds(startS + 0.1));
        bus.send(Addresses.VOICE_STARTED, voiceStarted(startS));
        if (bargeIn) {
            bus.send(Addresses.BARGE_IN, new BargeIn(seconds(startS), seconds(startS + 0.1), "robot-1"));
        }
        double amplitude = 32768 * Math.sqrt(2) * Math.pow(10, dbfs / 20);
        for (int frame = 0; frame < 20; frame++) {
            short[] pcm = new short[320];
            for (int i = 0; i < pcm.length; i++) {
                pcm[i] = (short) Math.round(amplitude * Math.sin(2 * Math.PI * 200 * (frame * 320 + i) / 16_000.0));
            }
            bus.send(Addresses.VOICE_AUDIO, new AudioFrame(seconds(startS + frame * 0.02), 16_000, pcm));
        }
        return segmentEnds(startS);
    }

    @Test
    void aQuietSegmentIsDecodedAgainRaisedToASpeechLevel() {
        asr.heard = "go forward zero meters";
        asr.heardRaised = "go forward two meters";
        start(0.5f);
        Transcript heard = toneSegment(-50, false);
        assertThat(heard.text()).isEqualTo("go forward two meters");
        assertThat(asr.finished).as("the streamed decode and the raised one").isEqualTo(2);
        assertThat(asr.loudestFed).as("raised to about -26 dBFS (the tone's peak 3 dB above)")
                .isBetween((int) (32768 * Math.pow(10, -24 / 20.0)), (int) (32768 * Math.pow(10, -22 / 20.0)));
        assertThat(bus.published(Addresses.TRANSCRIPTS)).as("one final per segment").hasSize(1);
    }

    @Test
    void aSegmentAtANormalLevelIsDecodedOnce() {
        asr.heard = "go forward two meters";
        start(0.5f);
        assertThat(toneSegment(-30, false).text()).isEqualTo("go forward two meters");
        assertThat(asr.finished).isEqualTo(1);
        assertThat(asr.loudestFed).as("as it came, the tone's peak at -27 dBFS").isBetween(1450, 1470);
    }

    @Test
    void theNextSegmentOfAQuietSpeakerIsStreamedRaisedAndDecodedOnce() {
        asr.heard = "go forward zero meters";
        asr.heardRaised = "go forward two meters";
        start(0.5f);
        assertThat(toneSegment(3.0, -50, false).text()).isEqualTo("go forward two meters");
        assertThat(asr.finished).isEqualTo(2);
        assertThat(toneSegment(8.0, -48, false).text()).as("raised from its onset").isEqualTo("go forward two meters");
        assertThat(asr.finished).as("no second decode: 2 dB from the gain it was streamed at").isEqualTo(3);
        assertThat(toneSegment(40.0, -50, false).text()).isEqualTo("go forward two meters");
        assertThat(asr.finished).as("31.6 s later the gain is no longer carried: decoded again").isEqualTo(5);
    }

    @Test
    void aNormalSegmentAfterAQuietOneIsDecodedAgainAsCaptured() {
        asr.heard = "turn left";
        asr.heardRaised = "go forward two meters";
        start(0.5f);
        toneSegment(3.0, -50, false);
        assertThat(toneSegment(6.0, -34, false).text()).as("streamed raised, then decoded as captured (not quiet)")
                .isEqualTo("turn left");
        assertThat(asr.finished).isEqualTo(4);
        assertThat(asr.loudestFed).as("the second decode as it came: the tone's peak at -31 dBFS").isBetween(900, 930);
    }

    @Test
    void aBargeInAfterAQuietSegmentIsHeardAsCaptured() {
        asr.heardRaised = "stop";
        start(1.01f);
        toneSegment(3.0, -50, false);
        int cancelled = asr.cancelled;
        assertThat(toneSegment(6.0, -50, true).text()).as("over the robot: the raised stream started again as captured")
                .isEmpty();
        assertThat(asr.cancelled).isEqualTo(cancelled + 1);
    }

    @Test
    void aQuietSegmentOverTheRobotIsNotRaised() {
        asr.heardRaised = "stop";
        start(1.01f);
        assertThat(toneSegment(-50, true).text()).as("the echo's residual, raised, could become words").isEmpty();
        assertThat(asr.finished).isEqualTo(1);
    }

    @Test
    void aSegmentTheGrammarHasNoWordsForGetsTheOpenTiersWords() {
        open.heard = "tell me everything you can do";
        startTwoTiers();
        Transcript heard = segment(false);
        assertThat(heard.text()).isEqualTo("tell me everything you can do");
        assertThat(heard.tier()).isEqualTo(Transcript.Tier.OPEN);
        assertThat(heard.isFinal()).isTrue();
        assertThat(heard.startNanos()).isEqualTo(seconds(3.0));
        assertThat(heard.endNanos()).isEqualTo(seconds(3.4));
        assertThat(open.fed).as("the open tier got the segment, without the grammar's lead-in").isEqualTo(6_400);
        assertThat(open.finished).isEqualTo(1);
        assertThat(heard.openText()).isNull();
        assertThat(bus.published(Addresses.TRANSCRIPTS)).as("one final per segment").hasSize(1);
    }

    @Test
    void theGrammarsWordsStandWithTheOpenTiersForTheSameAudio() {
        asr.heard = "turn left";
        open.heard = "turn left ninety degrees";
        startTwoTiers();
        Transcript heard = segment(false);
        assertThat(heard.text()).isEqualTo("turn left");
        assertThat(heard.tier()).isEqualTo(Transcript.Tier.GRAMMAR);
        assertThat(heard.openText()).as("for the policy's cross-check").isEqualTo("turn left ninety degrees");
        assertThat(open.finished).isEqualTo(1);
    }

    /** The segment 3.0–3.4 s of {@link #segment}, with a pause reported after {@code pauseFrame} frames of it. */
    private Transcript segmentPausedAt(int pauseFrame) {
        return segmentPausedAt(pauseFrame, false);
    }

    /**
     * As {@link #segmentPausedAt(int)}; with {@code earlyDecodeRuns}, the audio after the pause is sent
     * only once the early decode has run. Without the wait, whether it runs at all is a race: a void
     * decode still queued when the segment ends is skipped, by design.
     */
    private Transcript segmentPausedAt(int pauseFrame, boolean earlyDecodeRuns) {
        bus.advanceTo(seconds(3.1));
        bus.send(Addresses.VOICE_STARTED, voiceStarted(3.0));
        for (int frame = 0; frame < 20; frame++) {
            bus.send(Addresses.VOICE_AUDIO, silence(3.0 + frame * 0.02, 20));
            if (frame == pauseFrame - 1) {
                double end = 3.0 + pauseFrame * 0.02;
                bus.send(Addresses.VOICE_PAUSED, new VoicePaused(seconds(3.0), seconds(end), seconds(end + 0.032)));
                if (earlyDecodeRuns) {
                    awaitDecodes(1);
                }
            }
        }
        return segmentEnds();
    }

    @Test
    void aDecodeStartedAtThePauseIsUsedWhenTheSegmentEndsThere() {
        open.heard = "how many moons does jupiter have";
        startTwoTiers();
        assertThat(segmentPausedAt(20).text()).isEqualTo("how many moons does jupiter have");
        assertThat(open.finished).as("one decode, the early one").isEqualTo(1);
        assertThat(open.fed).isEqualTo(6_400);
    }

    @Test
    void speechAfterThePauseMakesTheEarlyDecodeVoid() {
        open.heard = "what time does the museum open";
        startTwoTiers();
        segmentPausedAt(10, true);
        assertThat(open.finished).as("the early decode up to 3.2 s, then the whole segment").isEqualTo(2);
        assertThat(open.fed).isEqualTo(3_200 + 6_400);
    }

    @Test
    void overTheRobotASegmentWithoutWordsIsNotGivenWhispersWords() {
        open.heard = "mma chamber";
        startTwoTiers();
        Transcript heard = segment(true);
        assertThat(heard.text()).as("judged by the grammar and the stop check, not the open tier").isEmpty();
        assertThat(open.finished).isZero();
    }

    @Test
    void aFailingOpenTierIsReportedAndTheGrammarsResultStands() {
        open.failFinishing = true;
        startTwoTiers();
        bus.record(Addresses.ERRORS);
        Transcript heard = segment(false);
        assertThat(heard.text()).isEmpty();
        assertThat(heard.tier()).isEqualTo(Transcript.Tier.GRAMMAR);
        assertThat(bus.published(Addresses.ERRORS)).singleElement().asString()
                .contains("open-vocabulary recognition failed");
    }

    @Test
    void anOpenTierThatHeardNothingLeavesTheSegmentWithoutWords() {
        startTwoTiers();
        Transcript heard = segment(false);
        assertThat(heard.text()).isEmpty();
        assertThat(heard.tier()).isEqualTo(Transcript.Tier.GRAMMAR);
        assertThat(open.finished).isEqualTo(1);
    }

    @Test
    void aSegmentSoonAfterTheLastIsDecodedWithItsAudioBeforeIt() {
        open.heard = "turn to the";
        startTwoTiers();
        segment(false);
        // 0.5 s after that one's end (3.4 s): decoded after its 400 ms and the 500 ms of silence.
        open.heard = "turn to the left";
        bus.advanceTo(seconds(4.0));
        bus.send(Addresses.VOICE_STARTED, voiceStarted(3.9));
        for (int frame = 0; frame < 10; frame++) {
            bus.send(Addresses.VOICE_AUDIO, silence(3.9 + frame * 0.02, 20));
        }
        bus.advanceTo(seconds(4.5));
        bus.send(Addresses.VOICE_STOPPED, voiceStopped(3.9, 4.1));
        Transcript heard = bus.last(Addresses.TRANSCRIPTS, Transcript.class).orElseThrow();
        assertThat(heard.text()).as("the words after the context's").isEqualTo("left");
        assertThat(open.fed).isEqualTo(6_400 + (6_400 + 8_000 + 3_200));
    }

    @Test
    void withoutContextDropsTheContextsWords() {
        assertThat(OpenTier.withoutContext("turn to the left", "turn to the")).isEqualTo("left");
        assertThat(OpenTier.withoutContext("turn to the", "turn to the")).isEmpty();
        assertThat(OpenTier.withoutContext("go forward", "")).isEqualTo("go forward");
    }

    /** Waits (at most 10 s) until the open tier has finished {@code count} decodes: they run on its own thread. */
    private void awaitDecodes(int count) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (open.finished < count && System.nanoTime() < deadline) {
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        assertThat(open.finished).as("open-tier decodes finished").isGreaterThanOrEqualTo(count);
    }

    /**
     * Hears {@link #heard} in every segment; scores every segment asked as {@link #spotted}. A stand-in
     * for the engines, named as such: these tests are about which result the verticle publishes.
     */
    private static final class ScriptedAsr implements Asr {
        String heard = "";
        /** What a stream fed louder than -30 dBFS hears; null: {@link #heard}. */
        String heardRaised;
        /** The loudest sample of the last stream that finished. */
        volatile int loudestFed;
        Optional<SpottedStop> spotted = Optional.empty();
        boolean failSpotting;
        boolean failFinishing;
        volatile int fed;
        volatile int finished;
        volatile int cancelled;
        final List<short[]> scored = new ArrayList<>();

        @Override
        public String language() {
            return "en-US";
        }

        @Override
        public AsrStream open(long startNanos, Consumer<Transcript> partials) {
            return new AsrStream() {
                int loudest;

                @Override
                public void accept(short[] pcm16k) {
                    fed += pcm16k.length;
                    for (short s : pcm16k) {
                        loudest = Math.max(loudest, Math.abs(s));
                    }
                }

                @Override
                public Transcript finish(long endNanos) {
                    finished++;
                    loudestFed = loudest;
                    if (failFinishing) {
                        throw new IllegalStateException("model run failed");
                    }
                    String words = heardRaised != null && loudest > 32768 * Math.pow(10, -30 / 20.0) ? heardRaised : heard;
                    return new Transcript(words, true, words.isEmpty() ? 0f : 0.9f, startNanos, endNanos, language());
                }

                @Override
                public void cancel() {
                    cancelled++;
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
