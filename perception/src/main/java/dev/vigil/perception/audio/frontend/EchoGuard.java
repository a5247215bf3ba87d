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

    private final EchoGuardSettings settings;
    private double leakDb;
    private long lastAudibleNanos = Long.MIN_VALUE / 2;

    public EchoGuard(EchoGuardSettings settings) {
        this.settings = settings;
        this.leakDb = settings.priorLeakDb();
    }

    /**
     * @param atNanos   end of the window
     * @param cleanedDb level of the echo-cancelled window (dBFS)
     * @param speakerDb loudest loudspeaker level over the window and the echo path before it (dBFS)
     */
    public Verdict judge(long atNanos, double cleanedDb, double speakerDb) {
        if (speakerDb < settings.robotAudibleDb()) {
            return new Verdict(false, true, Double.NEGATIVE_INFINITY);
        }
        if (atNanos - lastAudibleNanos > settings.onsetAfterMillis() * 1_000_000L) {
            leakDb = Math.max(leakDb, settings.onsetLeakDb());
        }
        lastAudibleNanos = atNanos;
        leakDb = Math.max(settings.floorDb(), leakDb - settings.decayDbPerWindow());
        double predicted = speakerDb + leakDb;
        return new Verdict(true, cleanedDb >= predicted + settings.marginDb(), predicted);
    }

    /**
     * Offers a window in which the user was judged silent. It updates the leak estimate only if the
     * robot was clearly audible and the canceller evidently removed echo from it.
     */
    public void learnEcho(double micDb, double cleanedDb, double speakerDb) {
        if (speakerDb >= settings.learnAboveDb() && micDb - cleanedDb >= settings.echoEvidenceDb()) {
            leakDb = Math.max(leakDb, cleanedDb - speakerDb);
        }
    }

    /**
     * The user stopped talking over the robot. The canceller went on adapting while they talked (no
     * double-talk detector is perfect) and leaks for a moment afterwards, as when the robot starts;
     * the guard learned nothing meanwhile, since a window of the user is no evidence of echo.
     */
    public void doubleTalkEnded() {
        leakDb = Math.max(leakDb, settings.onsetLeakDb());
    }

    /**
     * The canceller forgot its echo path, or the path may have changed under it (capture was
     * interrupted): until evidence says otherwise, assume it cancels nothing.
     */
    public void cancellerRestarted() {
        leakDb = Math.max(leakDb, settings.priorLeakDb());
    }

    /** Current estimate of residual echo relative to the loudspeaker signal, in dB. */
    public double leakDb() {
        return leakDb;
    }
}
