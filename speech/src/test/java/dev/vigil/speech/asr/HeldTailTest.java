package dev.vigil.speech.asr;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link HeldTail} on synthetic levels: a tone at −13 dBFS stands for the user's voice, one 20 dB
 * lower for a radio behind them (the levels of background-speech-radio.yaml). The effect on real
 * segments is measured by that scenario's replay (ConversesAcceptanceTest).
 */
class HeldTailTest {

    private static final int W = HeldTail.WINDOW;

    /** {@code windows} windows of a 440 Hz tone at {@code dbfs} (RMS), each sample tagged by its level. */
    private static short[] tone(int windows, double dbfs) {
        double amplitude = Math.sqrt(2) * Math.pow(10, dbfs / 20) * 32767;
        short[] s = new short[windows * W];
        for (int i = 0; i < s.length; i++) {
            s[i] = (short) Math.round(amplitude * Math.sin(2 * Math.PI * 440 * i / 16_000.0));
        }
        return s;
    }

    private static short[] concat(short[]... parts) {
        short[] out = new short[Arrays.stream(parts).mapToInt(p -> p.length).sum()];
        int at = 0;
        for (short[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    /** Everything the grammar would be fed of {@code segment}, offered in {@code frame}-sample pieces. */
    private static short[] fed(short[] segment, int frame) {
        HeldTail tail = new HeldTail();
        short[] out = new short[0];
        for (int i = 0; i < segment.length; i += frame) {
            out = concat(out, tail.offer(Arrays.copyOfRange(segment, i, Math.min(segment.length, i + frame))));
        }
        return concat(out, tail.end());
    }

    @Test
    void aBackgroundTalkingOnAfterTheUserIsNotFedBeyondTheTail() {
        short[] user = tone(30, -13);
        short[] radio = tone(12, -33);
        short[] fed = fed(concat(user, radio), W);
        assertThat(fed).hasSize(user.length + HeldTail.TAIL_WINDOWS * W);
        assertThat(fed).startsWith(user);
    }

    @Test
    void aPauseInsideTheCommandIsKeptWholeAndInOrder() {
        short[] segment = concat(tone(20, -13), tone(15, -40), tone(20, -12), tone(3, -60));
        assertThat(fed(segment, W)).containsExactly(segment);
    }

    @Test
    void theSegmentsStartIsNeverCut() {
        // The radio in the pre-roll before the user's onset: fed, as the start always is.
        short[] segment = concat(tone(6, -33), tone(25, -13));
        assertThat(fed(segment, W)).containsExactly(segment);
    }

    @Test
    void framesOfAnySizeGiveTheSameAudio() {
        short[] segment = concat(tone(25, -13), tone(4, -40), tone(10, -13), tone(14, -33));
        short[] whole = fed(segment, W);
        assertThat(fed(segment, 320)).containsExactly(whole);
        assertThat(fed(segment, 1000)).containsExactly(whole);
    }

    @Test
    void whatIsHeldStaysBounded() {
        HeldTail tail = new HeldTail();
        tail.offer(tone(20, -13));
        for (int i = 0; i < 30; i++) {
            tail.offer(tone(31, -40));
            assertThat(tail.heldSamples()).isLessThanOrEqualTo((HeldTail.MAX_HELD_WINDOWS + 1) * W);
        }
        assertThat(tail.end()).isEmpty();
        assertThat(tail.heldSamples()).isZero();
    }
}
