package dev.vigil.perception.audio.vad;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class VoiceSegmenterTest {

    private static final long W = 32_000_000L;

    /** Feeds one probability per 32 ms window; returns the starts and stops in order. */
    private static List<VoiceSegmenter.Transition> run(VoiceSegmenter s, double... probabilities) {
        return runAll(s, probabilities).stream().filter(t -> !(t instanceof VoiceSegmenter.Paused)).toList();
    }

    /** As {@link #run}, pauses included. */
    private static List<VoiceSegmenter.Transition> runAll(VoiceSegmenter s, double... probabilities) {
        List<VoiceSegmenter.Transition> out = new ArrayList<>();
        for (int i = 0; i < probabilities.length; i++) {
            s.accept(i * W, (i + 1) * W, (float) probabilities[i], true).ifPresent(out::add);
        }
        return out;
    }

    @Test
    void theFirstQuietWindowAfterSpeechIsAPauseOncePerQuietStretch() {
        // Speech, a dip shorter than the hangover, speech again, then silence to the end.
        int dip = VadSettings.defaults().hangoverMillis() / 32 - 2;
        double[] p = new double[40 + dip];
        Arrays.fill(p, 0, 5, 0.95);
        Arrays.fill(p, 5 + dip, 10 + dip, 0.95);
        var t = runAll(new VoiceSegmenter(VadSettings.defaults()), p);
        assertThat(t).hasSize(4);
        assertThat(t.get(0)).isInstanceOf(VoiceSegmenter.Started.class);
        var first = (VoiceSegmenter.Paused) t.get(1);
        assertThat(first.lastSpeechEndNanos()).isEqualTo(5 * W);
        assertThat(first.detectedNanos()).as("the first quiet window's end").isEqualTo(6 * W);
        assertThat(first.onsetNanos()).isEqualTo(((VoiceSegmenter.Started) t.get(0)).onsetNanos());
        var second = (VoiceSegmenter.Paused) t.get(2);
        assertThat(second.lastSpeechEndNanos()).isEqualTo((10 + dip) * W);
        var stopped = (VoiceSegmenter.Stopped) t.get(3);
        assertThat(stopped.endNanos()).as("the segment ends where its last pause said").isEqualTo(second.lastSpeechEndNanos());
    }

    private static final long PRE_ROLL = VadSettings.defaults().preRollMillis() * 1_000_000L;

    @Test
    void twoDoubtfulWindowsStartASegmentAtTheFirstLessThePreRoll() {
        double[] p = new double[14];
        p[10] = 0.6;
        p[11] = 0.7;
        var t = run(new VoiceSegmenter(VadSettings.defaults()), p);
        assertThat(t).hasSize(1);
        var started = (VoiceSegmenter.Started) t.get(0);
        assertThat(started.onsetNanos()).isEqualTo(10 * W - PRE_ROLL);
        assertThat(started.detectedNanos()).isEqualTo(12 * W);
    }

    @Test
    void thePreRollNeverReachesBeforeTheStreamOrIntoTheLastSegment() {
        double[] p = new double[40];
        p[1] = 0.95;
        p[30] = 0.95;
        var t = run(new VoiceSegmenter(VadSettings.defaults()), p);
        assertThat(((VoiceSegmenter.Started) t.get(0)).onsetNanos()).isZero();
        long firstEnd = ((VoiceSegmenter.Stopped) t.get(1)).endNanos();
        assertThat(((VoiceSegmenter.Started) t.get(2)).onsetNanos()).isEqualTo(Math.max(firstEnd, 30 * W - PRE_ROLL));
    }

    @Test
    void oneConfidentWindowIsEnough() {
        var t = run(new VoiceSegmenter(VadSettings.defaults()), 0.1, 0.95);
        assertThat(t).singleElement().isInstanceOf(VoiceSegmenter.Started.class);
        assertThat(((VoiceSegmenter.Started) t.get(0)).detectedNanos()).isEqualTo(2 * W);
    }

    @Test
    void aLoneDoubtfulWindowIsNoSegment() {
        assertThat(run(new VoiceSegmenter(VadSettings.defaults()), 0.1, 0.6, 0.2, 0.7, 0.1)).isEmpty();
    }

    @Test
    void pausesShorterThanTheHangoverDoNotSplitASegment() {
        // A dip two windows shorter than the hangover keeps the segment open.
        int hangover = VadSettings.defaults().hangoverMillis();
        int dip = hangover / 32 - 2;
        double[] p = new double[40 + dip];
        Arrays.fill(p, 0, 5, 0.95);
        Arrays.fill(p, 5 + dip, 10 + dip, 0.95);
        var t = run(new VoiceSegmenter(VadSettings.defaults()), p);
        assertThat(t).hasSize(2);
        var stopped = (VoiceSegmenter.Stopped) t.get(1);
        assertThat(stopped.endNanos()).isEqualTo((10 + dip) * W);
        assertThat(stopped.detectedNanos()).isGreaterThanOrEqualTo((10 + dip) * W + hangover * 1_000_000L);
    }

    @Test
    void hysteresisKeepsASegmentThroughMiddlingProbabilities() {
        double[] p = new double[30];
        Arrays.fill(p, 0.4);
        p[0] = 0.95;
        assertThat(run(new VoiceSegmenter(VadSettings.defaults()), p)).hasSize(1);
    }

    @Test
    void windowsJudgedEchoCountAsSilence() {
        var s = new VoiceSegmenter(VadSettings.defaults());
        for (int i = 0; i < 10; i++) {
            assertThat(s.accept(i * W, (i + 1) * W, 0.99f, false)).isEmpty();
        }
        assertThat(s.speaking()).isFalse();
    }

    @Test
    void flushClosesAnOpenSegment() {
        var s = new VoiceSegmenter(VadSettings.defaults());
        run(s, 0.95, 0.95);
        assertThat(s.flush(5 * W)).get().isInstanceOf(VoiceSegmenter.Stopped.class);
        assertThat(s.flush(6 * W)).isEmpty();
    }

    @Test
    void aVoiceEvidentlyNotTheRobotsStartsASegmentAtTheStopThreshold() {
        var settings = VadSettings.defaults();
        float between = (settings.stopThreshold() + settings.startThreshold()) / 2;
        var plain = new VoiceSegmenter(settings);
        var other = new VoiceSegmenter(settings);
        for (int i = 0; i < 2; i++) {
            assertThat(plain.accept(i * W, (i + 1) * W, between, true, false)).isEmpty();
        }
        assertThat(other.accept(0, W, between, true, true)).isEmpty();
        assertThat(other.accept(W, 2 * W, between, true, true)).containsInstanceOf(VoiceSegmenter.Started.class);
        // Judged echo, it is still silence.
        var echo = new VoiceSegmenter(settings);
        assertThat(echo.accept(0, W, between, false, true)).isEmpty();
        assertThat(echo.accept(W, 2 * W, between, false, true)).isEmpty();
    }
}
