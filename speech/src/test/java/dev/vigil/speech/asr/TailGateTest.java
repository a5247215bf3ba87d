package dev.vigil.speech.asr;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link TailGate} on synthetic levels: a tone at −13 dBFS stands for the user's voice, one 20 dB
 * lower for a radio behind them (the levels of background-speech-radio.yaml). The effect on real
 * segments is measured by that scenario's replay (ConversesAcceptanceTest).
 */
class TailGateTest {

    /** {@code ms} milliseconds of a 440 Hz tone at {@code dbfs} (RMS). */
    private static short[] tone(int ms, double dbfs) {
        double amplitude = Math.sqrt(2) * Math.pow(10, dbfs / 20) * 32767;
        short[] s = new short[ms * 16];
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

    /** What the grammar hears of {@code segment}, given to the gate in {@code frame}-sample pieces. */
    private static short[] heard(short[] segment, int frame) {
        TailGate gate = new TailGate();
        short[] out = new short[0];
        for (int i = 0; i < segment.length; i += frame) {
            short[] piece = Arrays.copyOfRange(segment, i, Math.min(segment.length, i + frame));
            short[] passed = gate.gate(piece);
            assertThat(passed).as("as many samples, at once").hasSameSizeAs(piece);
            out = concat(out, passed);
        }
        return out;
    }

    @Test
    void aBackgroundTalkingOnAfterTheUserIsSilencedAfterTheTail() {
        short[] user = tone(960, -13);
        short[] radio = tone(400, -33);
        short[] heard = heard(concat(user, radio), 160);
        int kept = user.length + TailGate.TAIL_SAMPLES;
        assertThat(Arrays.copyOf(heard, kept)).containsExactly(Arrays.copyOf(concat(user, radio), kept));
        assertThat(Arrays.copyOfRange(heard, kept, heard.length)).containsOnly((short) 0);
    }

    @Test
    void theUserSpeakingAgainAfterAPauseIsHeard() {
        short[] again = tone(320, -12);
        short[] heard = heard(concat(tone(640, -13), tone(480, -45), again), 512);
        assertThat(Arrays.copyOfRange(heard, heard.length - again.length, heard.length)).containsExactly(again);
    }

    @Test
    void aVoiceAsLoudAsTheUsersIsNeverSilenced() {
        // A second speaker 10 dB fainter than the first is a user still (a step back): it passes.
        short[] segment = concat(tone(640, -13), tone(800, -23));
        assertThat(heard(segment, 320)).containsExactly(segment);
    }

    @Test
    void theSegmentsStartIsNeverCut() {
        // The radio in the pre-roll before the user's onset passes, as the start always does.
        short[] segment = concat(tone(192, -33), tone(800, -13));
        assertThat(heard(segment, 160)).containsExactly(segment);
    }
}
