package dev.vigil.perception.audio.frontend;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The level rule on its own, with window levels that spread like a real sentence's (−12..+6 dB around
 * the active level). Real speech through the whole front end: {@code scenarios/background-speech.yaml}
 * ({@code BackgroundSpeechAcceptanceTest} in launch).
 */
class BackgroundSpeechGateTest {

    private static final long WINDOW = 32_000_000L;
    /** Window levels around a voice's active level, dB: a sentence's spread, repeating. */
    private static final double[] SPREAD = {-6, 3, 0, -3, 5, -10, 2, -1, 4, -12, 1, -2};

    private long now;

    /** Windows of a voice at {@code activeDb}; how many of them the gate let through. */
    private int voice(BackgroundSpeechGate gate, double activeDb, int windows, boolean open) {
        int allowed = 0;
        for (int i = 0; i < windows; i++) {
            now += WINDOW;
            if (gate.allows(now, Math.pow(10, (activeDb + SPREAD[i % SPREAD.length]) / 10), true, open)) {
                allowed++;
            }
        }
        return allowed;
    }

    /** Half a second without speech: the last voice leaves the span the level is judged over. */
    private void pause(BackgroundSpeechGate gate) {
        for (int i = 0; i < 16; i++) {
            now += WINDOW;
            gate.allows(now, 1e-9, false, false);
        }
    }

    /** The user says something at {@code activeDb} and it becomes their turn, then a pause. */
    private void turn(BackgroundSpeechGate gate, double activeDb) {
        long onset = now;
        for (int i = 0; i < 30; i++) {
            now += WINDOW;
            double ms = Math.pow(10, (activeDb + SPREAD[i % SPREAD.length]) / 10);
            boolean allowed = gate.allows(now, ms, true, i > 0);
            assertThat(allowed || i == 0).as("window %d of the turn", i).isTrue();
            gate.counted(ms);
        }
        gate.segmentEnded(onset, now);
        gate.engaged(onset);
        pause(gate);
    }

    @Test
    void beforeAnyTurnEveryVoiceAboveTheFloorCounts() {
        var gate = new BackgroundSpeechGate(BackgroundSettings.defaults());
        assertThat(voice(gate, -55, 40, false)).isEqualTo(40);
        pause(gate);
        assertThat(voice(gate, -85, 40, false)).as("below the −70 dBFS floor").isZero();
    }

    @Test
    void aVoiceTwentyDecibelsBelowTheEngagedUserStartsNothing() {
        var gate = new BackgroundSpeechGate(BackgroundSettings.defaults());
        turn(gate, -20);
        assertThat(gate.engagedDb()).isBetween(-21.0, -19.0);
        assertThat(voice(gate, -40, 200, false)).isZero();
        assertThat(voice(gate, -40, 200, true)).isZero();
    }

    @Test
    void aVoiceTenDecibelsBelowIsHeard() {
        var gate = new BackgroundSpeechGate(BackgroundSettings.defaults());
        turn(gate, -20);
        // All but its first window, a soft onset (6 dB under), averaged over two windows' time alone.
        assertThat(voice(gate, -30, 120, false)).isEqualTo(119);
    }

    @Test
    void withNoBackgroundHeardTheFadingEndOfAnUtteranceIsNotJudged() {
        var gate = new BackgroundSpeechGate(BackgroundSettings.defaults());
        turn(gate, -20);
        assertThat(voice(gate, -29, 20, false)).as("a voice 9 dB fainter starts").isEqualTo(19);
        assertThat(voice(gate, -45, 6, true)).as("its last syllables, fading").isEqualTo(6);
    }

    @Test
    void theUserSpeakingOverTheBackgroundCountsWithinTwoWindows() {
        var gate = new BackgroundSpeechGate(BackgroundSettings.defaults());
        turn(gate, -20);
        voice(gate, -40, 30, false);
        // Its first window 4 dB under the user's level is still one window among the TV's; its second is in.
        now += WINDOW;
        gate.allows(now, Math.pow(10, -24 / 10.0), true, false);
        now += WINDOW;
        assertThat(gate.allows(now, Math.pow(10, -18 / 10.0), true, false)).isTrue();
    }

    /**
     * A radio 17 dB down has half-seconds only 13 dB down, above the limit set by the user's level
     * alone (14 dB down): once its level is learned from what was refused, they must stand 6 dB over it.
     */
    @Test
    void aLearnedBackgroundVoiceKeepsItsLouderStretchesOut() {
        var gate = new BackgroundSpeechGate(BackgroundSettings.defaults());
        turn(gate, -14);
        assertThat(voice(gate, -31, 60, false)).as("the radio at its own level").isZero();
        assertThat(voice(gate, -27, 60, false)).as("its louder stretch, 13 dB under the user").isZero();
        assertThat(voice(gate, -27, 60, true)).as("nor inside a segment").isZero();
    }

    /** A breath before the user's next command is refused, but its level is no background's to learn. */
    @Test
    void theSoftStartOfTheUsersOwnOnsetSetsNoBackgroundLevel() {
        var gate = new BackgroundSpeechGate(BackgroundSettings.defaults());
        turn(gate, -17);
        double limit = gate.limitDb(now);
        for (double db : new double[] {-45, -54, -38}) {
            now += WINDOW;
            assertThat(gate.allows(now, Math.pow(10, db / 10), true, false)).isFalse();
        }
        assertThat(gate.limitDb(now)).isEqualTo(limit);
    }

    @Test
    void overALearnedBackgroundTheUserTenDecibelsFainterIsStillHeard() {
        var gate = new BackgroundSpeechGate(BackgroundSettings.defaults());
        turn(gate, -14);
        voice(gate, -28, 60, false);   // a loud radio, learned: 6 dB over it would be about −21 dB
        assertThat(gate.limitDb(now)).as("capped 10 dB under the user")
                .isCloseTo(gate.engagedDb() - 10, org.assertj.core.api.Assertions.within(1e-9));
        // The user speaks over it: each window holds both voices' power. At her onset the span still
        // holds the radio's windows (a radio this loud, 14 dB under her last turn, weighs): her onset
        // is four windows (128 ms) late, and from then on every window is hers.
        int heardAfterOnset = 0;
        for (int i = 0; i < 40; i++) {
            now += WINDOW;
            double both = Math.pow(10, (-20 + SPREAD[i % SPREAD.length]) / 10) + Math.pow(10, -28 / 10.0);
            boolean heard = gate.allows(now, both, true, i > 4);
            heardAfterOnset += i >= 4 && heard ? 1 : 0;
        }
        assertThat(heardAfterOnset).isEqualTo(36);
    }

    @Test
    void doubleTalkIsNotTakenFromTheBackgroundVoice() {
        var gate = new BackgroundSpeechGate(BackgroundSettings.defaults());
        turn(gate, -14);
        assertThat(gate.isBackground(now, Math.pow(10, -31 / 10.0))).as("no background heard yet").isFalse();
        voice(gate, -31, 30, false);
        assertThat(gate.isBackground(now, Math.pow(10, -29 / 10.0))).as("a radio's syllable").isTrue();
        assertThat(gate.isBackground(now, Math.pow(10, -18 / 10.0))).as("the user's").isFalse();
        now += BackgroundSpeechGate.BACKGROUND_HOLD_NANOS + WINDOW;
        assertThat(gate.isBackground(now, Math.pow(10, -29 / 10.0))).as("the radio long gone").isFalse();
    }

    @Test
    void aTurnOfTheBackgroundItselfDoesNotLowerTheLevel() {
        var gate = new BackgroundSpeechGate(BackgroundSettings.defaults());
        turn(gate, -20);
        long onset = now;
        for (int i = 0; i < 10; i++) {
            now += WINDOW;
            gate.counted(Math.pow(10, -40 / 10.0));   // the radio's loudest sentence got through
        }
        gate.segmentEnded(onset, now);
        gate.engaged(onset);
        assertThat(gate.engagedDb()).isBetween(-21.0, -19.0);
        turn(gate, -26);
        assertThat(gate.engagedDb()).as("the user, a step further away").isBetween(-27.0, -25.0);
    }

    @Test
    void aNewSegmentIsJudgedOnItsOwnWindows() {
        var gate = new BackgroundSpeechGate(BackgroundSettings.defaults());
        turn(gate, -20);
        long onset = now;
        voice(gate, -20, 20, true);
        gate.segmentEnded(onset, now);
        assertThat(voice(gate, -40, 10, false)).as("the TV right after the user's last syllable").isZero();
    }

    @Test
    void theEngagementEndsAfterItsTime() {
        var gate = new BackgroundSpeechGate(new BackgroundSettings(20, 2_000, -70));
        turn(gate, -20);
        assertThat(voice(gate, -40, 20, false)).isZero();
        now += 2_000_000_000L;
        assertThat(voice(gate, -40, 20, false)).isEqualTo(20);
    }

    @Test
    void withoutAnEngagementTimeOrAKnownSegmentNothingChanges() {
        var off = new BackgroundSpeechGate(new BackgroundSettings(20, 0, -70));
        turn(off, -20);
        assertThat(voice(off, -40, 20, false)).isEqualTo(20);
        var gate = new BackgroundSpeechGate(BackgroundSettings.defaults());
        gate.engaged(123L);
        assertThat(gate.engagedDb()).isNaN();
        assertThat(voice(gate, -40, 20, false)).isEqualTo(20);
    }

    @Test
    void settingsOutOfRangeAreRefusedByName() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new BackgroundSettings(3, 30_000, -70))
                .hasMessageContaining("below_user_db");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new BackgroundSettings(20, -1, -70))
                .hasMessageContaining("engaged_ms");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new BackgroundSettings(20, 30_000, 5))
                .hasMessageContaining("floor_dbfs");
    }
}
