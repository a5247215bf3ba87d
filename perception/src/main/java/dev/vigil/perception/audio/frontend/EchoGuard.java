package dev.vigil.perception.audio.frontend;

/**
 * The echo-aware half of the voice decision. A voice-activity model is level-blind: the faint
 * residual that echo cancellation leaves (−10 to −30 dB while the adaptive filter converges, and
 * again for a moment when the robot starts talking after a pause) still sounds like speech to it. The
 * guard adds what the model cannot know: how loud the robot is playing right now, and how much of
 * that leaks through the canceller. While the robot is audible, a window may count as the user only
 * if the cleaned signal stands {@code marginDb} above the predicted leak (loudspeaker level + leak).
 * <p>
 * The leak estimate follows the loudest recent leak: it jumps up at once when a window that is
 * evidently echo leaks more than expected, and relaxes slowly while the robot plays, so it tracks a
 * converging canceller without ever trusting it early. It starts at a pessimistic prior (no
 * cancellation). A window is evidence of echo only if the canceller removed a good part of what the
 * microphone heard; with the canceller off there is no such evidence, the estimate relaxes to its
 * floor, and the guard stops guarding: echo handling needs both halves.
 */
public final class EchoGuard {

    /** The guard's view of one window. */
    public record Verdict(boolean robotAudible, boolean userPossible, double predictedEchoDb) {
    }

    /**
     * A capture sample this close to full scale (16-bit, within 0.2 dB) is a clipped microphone. While
     * the robot is audible that is its own echo overdriving the input: clipping is not a linear echo
     * path, the canceller leaves it nearly whole, and the residual is no evidence of the user (WebRTC's
     * AEC3 treats saturated capture the same way). With the loudspeaker 12 dB louder at the
     * microphone than its signal, such windows were heard as "hi", "sure" and "stop" and answered.
     */
    static final int SATURATED = 32_000;
    /** A window leaking this close to the estimate (dB) renews its hold. */
    private static final double HOLD_WITHIN_DB = 3;
    /** How far (dB) one window the guard let through as possibly the user may raise the estimate. */
    private static final double MAX_RISE_UNHEARD_DB = 3;

    /** {@code otherVoiceBandDb} of a window that is not another voice than the robot's, or not measured. */
    public static final double NOT_ANOTHER_VOICE = Double.NEGATIVE_INFINITY;
    /** A window ending this soon after one that counted as the user is the next window (32 ms) of the same run. */
    private static final long NEXT_WINDOW_NANOS = 40_000_000L;

    private final EchoGuardSettings settings;
    /** End of the last window that counted as possibly the user. */
    private long lastPossibleNanos = Long.MIN_VALUE / 2;
    private double leakDb;
    private long lastAudibleNanos = Long.MIN_VALUE / 2;
    private long heldUntilNanos = Long.MIN_VALUE / 2;
    /**
     * How loud the echo is before any cancellation, relative to the loudspeaker signal: the prior
     * until the robot's first words tell more. The leak levels that describe a canceller starting
     * (prior, onset) are relative to it: a loudspeaker 12 dB louder at the microphone leaks 12 dB more.
     */
    private double echoPathDb;

    public EchoGuard(EchoGuardSettings settings) {
        this.settings = settings;
        this.leakDb = settings.priorLeakDb();
        this.echoPathDb = settings.priorLeakDb();
    }

    /**
     * @param atNanos   end of the window
     * @param cleanedDb level of the echo-cancelled window (dBFS)
     * @param speakerDb loudest loudspeaker level over the window and the echo path before it (dBFS)
     * @param echoDb    the level the room's echo follows (dBFS): {@code speakerDb}, or more while the
     *                  room still rings after louder sound
     * @param micPeak   the window's loudest microphone sample before cancellation (absolute, 16-bit):
     *                  a clipped capture over the robot is never the user's start ({@link #SATURATED})
     * @param userTalking the user is already talking: the window goes on with them if it is at least
     *                  as loud as the predicted echo (no margin), so the quiet parts of words said over
     *                  the robot do not end the segment; a clipped window too
     * @param otherVoiceBandDb for a window that is another voice than the robot's (voiced, at none of the
     *                  loudspeaker's recent pitch periods): how far its loudest band stands above the
     *                  loudspeaker's level in that band over the echo path (dB; {@link BandLevels}), else
     *                  {@link #NOT_ANOTHER_VOICE}. Such a window counts as the user without the margin
     *                  when that band also stands {@code bandMarginDb} above the predicted echo, or when
     *                  the window before it counted as the user (the run that starts a segment goes on)
     */
    public Verdict judge(long atNanos, double cleanedDb, double speakerDb, double echoDb, int micPeak,
                         boolean userTalking, double otherVoiceBandDb) {
        double level = Math.max(speakerDb, echoDb);
        if (level < settings.robotAudibleDb()) {
            return new Verdict(false, true, Double.NEGATIVE_INFINITY);
        }
        if (speakerDb >= settings.robotAudibleDb()) {
            if (atNanos - lastAudibleNanos > settings.onsetAfterMillis() * 1_000_000L) {
                leakDb = Math.max(leakDb, onsetLeakDb());
            }
            lastAudibleNanos = atNanos;
            // It relaxes only on evidence: while the loudspeaker plays loud enough to learn the leak
            // from. In the robot's pauses between words nothing is learned, and a relaxed estimate
            // met the next loud syllable (the loudspeaker clipping, 0.2-0.3 s after a pause) 0.5-1.4 dB
            // short, and it was taken for the user (the echo sweep's 0 dB and 500 ms cells).
            if (atNanos > heldUntilNanos && speakerDb >= settings.learnAboveDb()) {
                leakDb = Math.max(settings.floorDb(), leakDb - settings.decayDbPerWindow());
            }
        }
        double predicted = level + leakDb;
        if (micPeak >= SATURATED && !userTalking) {
            return new Verdict(true, false, predicted);
        }
        boolean possible = cleanedDb >= predicted + (userTalking ? 0 : settings.marginDb());
        if (!possible && cleanedDb >= predicted && otherVoiceBandDb != NOT_ANOTHER_VOICE) {
            // Another voice over a loud echo: its level stands under the margin, yet one band of it
            // stands far above the echo predicted there. With the loudspeaker 6 dB louder at the
            // microphone than its signal, a "stop" had its vowel 5.8 dB above the predicted echo
            // (under the 6 dB margin) and was missed, while in 1-2 kHz it stood 42 dB above the
            // echo predicted in that band, where the robot's own residual reached at most 30 in
            // the whole conversation. The next window of the same voice is then held to no more than
            // it would be once the segment has started (no margin): the voice model starts a segment
            // on two windows, and that "stop"'s next window stood only 0.8 dB above the echo.
            possible = otherVoiceBandDb - leakDb >= settings.bandMarginDb()
                    || atNanos - lastPossibleNanos <= NEXT_WINDOW_NANOS;
        }
        if (possible) {
            lastPossibleNanos = atNanos;
        }
        return new Verdict(true, possible, predicted);
    }

    /**
     * Offers a window in which the user was judged silent. It updates the leak estimate only if the
     * robot was clearly audible and the canceller evidently removed echo from it; a window leaking
     * about as much as estimated, or more, holds the estimate for {@code holdMillis}.
     *
     * @param echoDb       the level the room's echo follows, as given to {@link #judge}
     * @param userPossible the guard's verdict on this window: it stood above the predicted echo
     */
    public void learnEcho(long atNanos, double micDb, double cleanedDb, double echoDb, boolean userPossible) {
        if (echoDb >= settings.learnAboveDb() && micDb - cleanedDb >= settings.echoEvidenceDb()) {
            double leak = cleanedDb - echoDb;
            if (userPossible) {
                // Louder than the echo could be, yet not speech to the voice model: a leak, or the
                // fricative that starts the user's "stop" while the echo is still loud enough for the
                // canceller to show 6 dB removed. Measured over a 200 ms echo path: learned whole, two
                // such windows raised the estimate 13 dB and the "stop" was never heard. So it rises
                // by at most a step per window: a real leak gets there in a few windows, a user's
                // voice is speech to the model by then.
                leak = Math.min(leak, leakDb + MAX_RISE_UNHEARD_DB);
            }
            if (leak >= leakDb - HOLD_WITHIN_DB) {
                heldUntilNanos = atNanos + settings.holdMillis() * 1_000_000L;
            }
            leakDb = Math.max(leakDb, leak);
        }
    }

    /**
     * Offers a window of the robot's first words while the echo path is still unknown (before the
     * delay is measured, the canceller cancels next to nothing): whatever the microphone hears then,
     * but for a user already talking, is taken as the echo's level, however loud (a loudspeaker
     * louder at the microphone than its own signal, +12 dB, was otherwise taken for the user at once).
     * A user who starts within those first words is learned as echo too: the price of not answering
     * one's own voice. What is learned also raises the leak assumed whenever the canceller starts
     * afresh or the robot starts after a silence, for the rest of the session.
     *
     * @param echoDb the level the room's echo follows, as given to {@link #judge}
     */
    public void learnFirstWords(double cleanedDb, double echoDb) {
        if (echoDb >= settings.robotAudibleDb()) {
            echoPathDb = Math.max(echoPathDb, cleanedDb - echoDb);
            leakDb = Math.max(leakDb, echoPathDb);
        }
    }

    /** The leak of a canceller whose far end just started again, for this echo path. */
    private double onsetLeakDb() {
        return settings.onsetLeakDb() + echoPathDb - settings.priorLeakDb();
    }

    /**
     * The user stopped talking over the robot. The canceller went on adapting while they talked (no
     * double-talk detector is perfect) and leaks for a moment afterwards, as when the robot starts;
     * the guard learned nothing meanwhile, since a window of the user is no evidence of echo.
     */
    public void doubleTalkEnded() {
        leakDb = Math.max(leakDb, onsetLeakDb());
    }

    /**
     * The canceller forgot its echo path, or the path may have changed under it (capture was
     * interrupted): until evidence says otherwise, assume it cancels nothing.
     */
    public void cancellerRestarted() {
        leakDb = Math.max(leakDb, echoPathDb);
    }

    /** Current estimate of residual echo relative to the loudspeaker signal, in dB. */
    public double leakDb() {
        return leakDb;
    }
}
