package dev.vigil.speech.playback;

import dev.vigil.agent.message.UtterancePlayed;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LoudspeakerTest {

    private static final int RATE = 16_000;
    private static final int FRAME = 320;
    private static final long FRAME_NANOS = 20_000_000L;

    private final List<String> started = new ArrayList<>();
    private final List<UtterancePlayed> ended = new ArrayList<>();
    private final List<String> holds = new ArrayList<>();
    private final Loudspeaker speaker = new Loudspeaker(RATE, new Loudspeaker.Listener() {
        public void started(String id, String text, long at) {
            started.add(id + "@" + at / 1_000_000);
        }

        public void ended(UtterancePlayed played) {
            ended.add(played);
        }

        public void paused(String id, long lastSample) {
            holds.add("paused " + id + "@" + lastSample / 1_000_000);
        }

        public void resumed(String id, long at) {
            holds.add("resumed " + id + "@" + at / 1_000_000);
        }
    });

    private static short[] ramp(int samples) {
        short[] s = new short[samples];
        for (int i = 0; i < samples; i++) {
            s[i] = (short) (i + 1);
        }
        return s;
    }

    private static short[] tone(int samples, short value) {
        short[] s = new short[samples];
        java.util.Arrays.fill(s, value);
        return s;
    }

    private long pullFrames(int frames, long from) {
        short[] out = new short[FRAME];
        for (int i = 0; i < frames; i++) {
            speaker.pull(out, from + i * FRAME_NANOS);
        }
        return from + frames * FRAME_NANOS;
    }

    @Test
    void playsChunksInOrderAndReportsTheWholeUtterance() {
        speaker.begin("u1", "hello there. how are you");
        speaker.enqueue("u1", "hello there.", tone(1600, (short) 100), RATE);
        speaker.enqueue("u1", "how are you", tone(1600, (short) 200), RATE);
        speaker.complete("u1");
        short[] out = new short[FRAME];
        speaker.pull(out, 0);
        assertThat(out[0]).isEqualTo((short) 100);
        pullFrames(12, FRAME_NANOS);
        assertThat(started).containsExactly("u1@0");
        assertThat(ended).singleElement().satisfies(p -> {
            assertThat(p.truncated()).isFalse();
            assertThat(p.playedText()).isEqualTo("hello there. how are you");
            assertThat(p.playedMillis()).isEqualTo(200);
            assertThat(p.endNanos()).isEqualTo(200_000_000L);
        });
        assertThat(speaker.busy()).isFalse();
    }

    @Test
    void flushCutsAtOnceAndKeepsOnlyTheWordsHeard() {
        speaker.begin("u2", "one two three four five six seven eight");
        speaker.enqueue("u2", "one two three four", tone(3200, (short) 1), RATE);
        speaker.enqueue("u2", "five six seven eight", tone(3200, (short) 1), RATE);
        // 200 ms of the first chunk, then the second chunk's first half (300 ms played in all).
        long t = pullFrames(15, 0);
        UtterancePlayed cut = speaker.flush(t);
        assertThat(cut.truncated()).isTrue();
        assertThat(cut.playedMillis()).isEqualTo(300);
        assertThat(cut.playedText()).isEqualTo("one two three four five six");
        short[] out = new short[FRAME];
        speaker.pull(out, t);
        assertThat(out).containsOnly((short) 0);
        assertThat(speaker.busy()).isFalse();
    }

    @Test
    void audioOfAFlushedUtteranceArrivingLateIsDropped() {
        speaker.begin("u3", "long answer");
        speaker.enqueue("u3", "long", tone(1600, (short) 5), RATE);
        pullFrames(1, 0);
        speaker.flush(FRAME_NANOS);
        speaker.enqueue("u3", "answer", tone(1600, (short) 5), RATE);
        assertThat(speaker.busy()).isFalse();
    }

    @Test
    void otherRatesAreResampledToTheOutputRate() {
        speaker.begin("u4", "mandarin");
        speaker.enqueue("u4", "mandarin", tone(22_050, (short) 1000), 22_050);
        speaker.complete("u4");
        pullFrames(60, 0);
        assertThat(ended).singleElement().satisfies(p -> assertThat(p.playedMillis()).isBetween(995L, 1005L));
    }

    @Test
    void backToBackUtterancesAreTwoReports() {
        speaker.begin("a", "first");
        speaker.enqueue("a", "first", tone(320, (short) 1), RATE);
        speaker.complete("a");
        speaker.begin("b", "second");
        speaker.enqueue("b", "second", tone(320, (short) 1), RATE);
        speaker.complete("b");
        pullFrames(3, 0);
        assertThat(ended).extracting(UtterancePlayed::utteranceId).containsExactly("a", "b");
        assertThat(started).containsExactly("a@0", "b@20");
    }

    @Test
    void aPausePlaysSilenceThenTheSameAudioGoesOnWhereItStopped() {
        speaker.begin("u5", "one two three four");
        speaker.enqueue("u5", "one two three four", ramp(3200), RATE);
        speaker.complete("u5");
        long t = pullFrames(5, 0);
        speaker.pause();
        short[] out = new short[FRAME];
        for (int i = 0; i < 10; i++) {
            speaker.pull(out, t + i * FRAME_NANOS);
            assertThat(out).as("paused").containsOnly((short) 0);
        }
        t += 10 * FRAME_NANOS;
        assertThat(ended).as("a pause does not end the utterance").isEmpty();
        assertThat(speaker.busy()).isTrue();
        speaker.resume();
        speaker.pull(out, t);
        assertThat(out[0]).as("the next sample after the 1600 played").isEqualTo((short) 1601);
        pullFrames(5, t + FRAME_NANOS);
        assertThat(holds).containsExactly("paused u5@100", "resumed u5@300");
        assertThat(ended).singleElement().satisfies(p -> {
            assertThat(p.truncated()).isFalse();
            assertThat(p.playedText()).isEqualTo("one two three four");
            assertThat(p.playedMillis()).isEqualTo(200);
            assertThat(p.endNanos()).isEqualTo(400_000_000L);
        });
    }

    @Test
    void audioQueuedDuringAPauseWaitsAndStartsOnResume() {
        speaker.pause();
        speaker.begin("u6", "hello");
        speaker.enqueue("u6", "hello", tone(320, (short) 7), RATE);
        speaker.complete("u6");
        short[] out = new short[FRAME];
        speaker.pull(out, 0);
        assertThat(out).containsOnly((short) 0);
        assertThat(started).isEmpty();
        speaker.resume();
        speaker.pull(out, FRAME_NANOS);
        assertThat(out).containsOnly((short) 7);
        assertThat(started).containsExactly("u6@20");
        assertThat(holds).as("nothing was playing when paused").isEmpty();
    }

    @Test
    void aFlushDuringAPauseKeepsWhatWasPlayedAndEndsThePause() {
        speaker.begin("u7", "one two three four");
        speaker.enqueue("u7", "one two", tone(1600, (short) 1), RATE);
        speaker.enqueue("u7", "three four", tone(1600, (short) 1), RATE);
        long t = pullFrames(5, 0);
        speaker.pause();
        pullFrames(5, t);
        UtterancePlayed cut = speaker.flush(t + 5 * FRAME_NANOS);
        assertThat(cut.truncated()).isTrue();
        assertThat(cut.playedText()).isEqualTo("one two");
        assertThat(cut.endNanos()).as("the last sample before the pause").isEqualTo(100_000_000L);
        assertThat(speaker.paused()).isFalse();
    }

    @Test
    void everyUtteranceBegunIsReportedOnceEvenIfNoneOfItPlayed() {
        speaker.begin("playing", "first");
        speaker.enqueue("playing", "first", tone(3200, (short) 1), RATE);
        speaker.begin("queued", "second");
        speaker.enqueue("queued", "second", tone(3200, (short) 1), RATE);
        speaker.begin("silent", "third");
        speaker.complete("silent");   // its synthesis failed before any audio
        assertThat(ended).extracting(UtterancePlayed::utteranceId).containsExactly("silent");
        long t = pullFrames(1, 0);
        speaker.flush(t);
        assertThat(ended).extracting(UtterancePlayed::utteranceId).containsExactly("silent", "playing", "queued");
        assertThat(ended.get(2)).satisfies(p -> {
            assertThat(p.playedMillis()).isZero();
            assertThat(p.playedText()).isEmpty();
            assertThat(p.truncated()).isTrue();
        });
        assertThat(started).containsExactly("playing@0");
    }
}
