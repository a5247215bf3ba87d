package dev.vigil.perception.audio.frontend;

/**
 * How the echo-aware guard separates the user's voice from the robot's residual echo.
 *
 * @param marginDb        how far above the predicted residual echo the cleaned signal must be to
 *                        count as the user
 * @param priorLeakDb     residual echo relative to the loudspeaker signal assumed before anything was
 *                        learned (0 dB: no cancellation, loudspeaker as loud as its signal)
 * @param decayDbPerWindow how fast the leak estimate relaxes while the robot plays at {@code learnAboveDb} or louder (per 32 ms
 *                        window); it rises at once when a louder leak is seen
 * @param floorDb         the leak estimate never goes below this
 * @param onsetLeakDb     the leak assumed again whenever the robot starts playing after
 *                        {@code onsetAfterMillis} of silence: the canceller leaks most right then
 *                        (measured: −18 dB for the first 100 ms, against −35 dB once it has settled)
 * @param onsetAfterMillis silence after which the next robot audio counts as a new onset
 * @param robotAudibleDb  loudspeaker level (dBFS) above which the robot counts as audible
 * @param learnAboveDb    loudspeaker level (dBFS) needed to learn the leak from a window: in the
 *                        robot's pauses between words the ratio says nothing
 * @param holdMillis      how long the leak estimate holds after a window that leaked about as much
 *                        (within 3 dB) before it relaxes: the leak of a converged canceller varies by
 *                        10 dB from one syllable to the next (more where the loudspeaker distorts), and
 *                        a relaxed estimate let the next loud syllable through as the user
 * @param reverbMillis    how long the room's echo is expected to ring on after the loudspeaker's
 *                        sound, beyond what the canceller's filter models: the predicted echo follows
 *                        the loudspeaker's level down at 60 dB over this time instead of falling with it
 * @param echoEvidenceDb  how much the canceller must have removed (microphone − cleaned) for a window
 *                        to count as echo: a user starting to speak passes through the canceller
 *                        untouched and must not be learned as leak. A user as loud as the echo still
 *                        shows 3 dB removed (the echo half of it): at 3 dB, the first window of a real
 *                        "stop" said over the robot was learned as leak and the rest of it was missed
 * @param doubleTalkDb    how far above both the predicted echo and the room's quiet floor (the
 *                        quietest window of the last 1.5 s) two windows in a row must stand, while the
 *                        robot is audible, to be double talk ({@code DoubleTalk}): the robot pauses
 *                        before the voice model is sure. The "s" of a "stop" stood 9–26 dB above the
 *                        predicted echo; the robot's own leaks rarely 12. 0 turns it off
 * @param doubleTalkConfirmMillis how long after double talk the voice model may take to start a
 *                        segment (the vowel after an "s" and a "t") before the robot plays on
 * @param bandMarginDb    how far above the echo predicted in one band ({@link BandLevels}: the
 *                        loudspeaker's level in that band plus the leak estimate) a window of another
 *                        voice than the robot's must stand to count as the user while under
 *                        {@code marginDb}. Measured (docs/performance.md, echo sweep): the robot's own
 *                        residual reached 30 dB in a band, a "stop" over a loudspeaker 6 dB louder
 *                        than its signal 42 dB
 */
public record EchoGuardSettings(double marginDb, double priorLeakDb, double decayDbPerWindow, double floorDb,
                                double onsetLeakDb, int onsetAfterMillis, double robotAudibleDb, double learnAboveDb,
                                int holdMillis, int reverbMillis, double echoEvidenceDb, double doubleTalkDb,
                                int doubleTalkConfirmMillis, double bandMarginDb) {

    public EchoGuardSettings {
        if (holdMillis < 0 || holdMillis > 10_000) {
            throw new IllegalArgumentException("echo guard hold must be 0..10000 ms, was " + holdMillis);
        }
        if (reverbMillis < 0 || reverbMillis > 2000) {
            throw new IllegalArgumentException("echo guard reverberation must be 0..2000 ms, was " + reverbMillis);
        }
        if (!(doubleTalkDb >= 0)) {
            throw new IllegalArgumentException("double talk margin must be 0 (off) or more dB, was " + doubleTalkDb);
        }
        if (!(bandMarginDb >= 0 && bandMarginDb <= 100)) {
            throw new IllegalArgumentException("band margin must be 0..100 dB, was " + bandMarginDb);
        }
        if (doubleTalkConfirmMillis < 32 || doubleTalkConfirmMillis > 2000) {
            throw new IllegalArgumentException("double talk confirmation must be 32..2000 ms, was " + doubleTalkConfirmMillis);
        }
    }

    public static EchoGuardSettings defaults() {
        return new EchoGuardSettings(6, 0, 0.3, -45, -12, 300, -55, -40, 1500, 500, 6, 12, 400, 35);
    }
}
