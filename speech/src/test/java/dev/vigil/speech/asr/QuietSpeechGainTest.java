package dev.vigil.speech.asr;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

class QuietSpeechGainTest {

    /** {@code seconds} of a 200 Hz tone whose RMS level is {@code dbfs}. */
    private static short[] tone(double dbfs, double seconds) {
        short[] s = new short[(int) (seconds * 16_000)];
        double amplitude = Math.sqrt(2) * 32_768 * Math.pow(10, dbfs / 20);
        for (int i = 0; i < s.length; i++) {
            s[i] = (short) Math.round(amplitude * Math.sin(2 * Math.PI * 200 * i / 16_000.0));
        }
        return s;
    }

    @Test
    void speechAtANormalLevelIsNotTouched() {
        QuietSpeechGain gain = new QuietSpeechGain(30);
        assertThat(gain.begin(tone(-30, 0.2), false)).isZero();
        short[] frame = tone(-30, 0.02);
        assertThat(gain.apply(frame)).isSameAs(frame);
    }

    @Test
    void aQuietSegmentIsRaisedToANormalLevelAtMostByTheMaximum() {
        QuietSpeechGain gain = new QuietSpeechGain(30);
        assertThat(gain.begin(tone(-46, 0.2), false)).isCloseTo(26, offset(0.2));
        assertThat(QuietSpeechGain.loudestWindowDbfs(gain.apply(tone(-46, 0.1)))).isCloseTo(-20, offset(0.3));
        assertThat(gain.begin(tone(-60, 0.2), false)).as("capped").isCloseTo(30, offset(0.01));
        assertThat(new QuietSpeechGain(12).begin(tone(-60, 0.2), false)).isCloseTo(12, offset(0.01));
    }

    @Test
    void overTheRobotOrTurnedOffNothingIsRaised() {
        assertThat(new QuietSpeechGain(30).begin(tone(-50, 0.2), true)).isZero();
        QuietSpeechGain off = new QuietSpeechGain(0);
        assertThat(off.begin(tone(-50, 0.2), false)).isZero();
        short[] frame = tone(-50, 0.02);
        assertThat(off.apply(frame)).isSameAs(frame);
    }

    @Test
    void aLouderStretchLaterLowersTheGainAndNothingClips() {
        QuietSpeechGain gain = new QuietSpeechGain(30);
        gain.begin(tone(-50, 0.2), false);
        short[] raised = gain.apply(tone(-15, 0.032));
        assertThat(QuietSpeechGain.loudestWindowDbfs(raised)).isCloseTo(QuietSpeechGain.CEILING_DBFS, offset(0.3));
        assertThat(gain.gainDb()).isCloseTo(3, offset(0.3));
        assertThat(QuietSpeechGain.loudestWindowDbfs(gain.apply(tone(-50, 0.032)))).as("it does not come back up")
                .isCloseTo(-47, offset(0.3));
        gain.begin(tone(-50, 0.2), false);
        short[] loud = tone(-3, 0.032);
        for (short s : gain.apply(loud)) {
            assertThat(Math.abs((int) s)).isLessThan(32_767);
        }
        assertThat(gain.gainDb()).as("a segment louder than the ceiling is not lowered").isZero();
    }

    @Test
    void theMaximumIsChecked() {
        assertThatThrownBy(() -> new QuietSpeechGain(61)).hasMessageContaining("0–60 dB");
        assertThatThrownBy(() -> new QuietSpeechGain(-1)).hasMessageContaining("0–60 dB");
        assertThatThrownBy(() -> new QuietSpeechGain(Double.NaN)).hasMessageContaining("0–60 dB");
    }
}
