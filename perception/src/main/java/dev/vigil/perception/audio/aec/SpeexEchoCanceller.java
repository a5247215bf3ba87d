package dev.vigil.perception.audio.aec;

import com.sun.jna.Pointer;

/**
 * Speex's multi-delay block-frequency adaptive filter followed by its residual-echo suppressor. Not
 * thread-safe: one instance per audio stream, driven by one worker at a time.
 * <p>
 * <b>The suppressor is skipped for quiet sound with the robot silent.</b> Speex applies residual-echo
 * suppression in its denoiser's gain stage, and below some absolute level that stage damages speech
 * even set to suppress no noise at all: it cut the soft stretches of a quiet speaker's words by up to
 * 10 dB, and the grammar decoder heard "go forward zero meters" for "go forward two meters" spoken at
 * an active level of −34 dBFS (at −50 dBFS: nothing), though the same audio without the stage was heard
 * right at every level down to −50 (speech at −20 dBFS passes it intact). So the stage runs while the
 * reference carries sound and for {@value #HOLD_MS} ms after (the room's echo still ringing; its delay
 * is already in the aligned reference), and while the microphone has carried sound louder than
 * {@value #LOUD_DBFS} dBFS in the last {@value #HOLD_MS} ms (a normal speaker, or loud noise, denoised as
 * before); otherwise (a quiet speaker, a quiet room) the output is the adaptive filter's alone. The
 * stage itself runs on every frame, so its estimates, and its output wherever it is used, are exactly
 * what they were with it always on (switching it off and on changed them, and Whisper's words with
 * them, even for speech at a normal level).
 */
public final class SpeexEchoCanceller implements EchoCanceller {

    /**
     * How long the suppressor's output stays in use after the reference or the microphone fell quiet.
     * The room's echo rings for well under a second, but with 1 s the echo sweep lost a cell (200 ms
     * delay: a self-interruption 6 s later, the voice model's state having seen the filter's output in
     * the quiet after a reply); with 3 s it holds the same 13 of 15 cells as with the suppressor always
     * on. A quiet speaker who answers within 3 s of the robot's last word is still suppressed.
     */
    static final int HOLD_MS = 3000;
    /** A reference sample above this (−60 dBFS) is sound: the robot is speaking. */
    private static final int REFERENCE_SOUND = 33;
    /** A microphone frame whose RMS level is above this is loud enough for the suppressor to do no harm. */
    static final int LOUD_DBFS = -40;
    private static final double LOUD_POWER = 32_768.0 * 32_768.0 * Math.pow(10, LOUD_DBFS / 10.0);

    private final int frameSize;
    private final int holdFrames;
    private final short[] cancelled;
    /** Frames since the reference last carried sound, or the microphone was loud; past the hold: long ago. */
    private int framesSinceSound;
    /** The adaptive filter's output, before the suppressor. */
    private final short[] linear;
    private Pointer echo;
    private Pointer preprocess;

    public SpeexEchoCanceller(int sampleRate, int frameSize, AecSettings settings) {
        SpeexDsp.unavailableReason().ifPresent(reason -> {
            throw new IllegalStateException(reason);
        });
        this.frameSize = frameSize;
        this.holdFrames = Math.max(1, sampleRate * HOLD_MS / 1000 / frameSize);
        this.framesSinceSound = holdFrames + 1;
        this.cancelled = new short[frameSize];
        this.linear = new short[frameSize];
        int filterLength = sampleRate * settings.filterMillis() / 1000;
        echo = SpeexDsp.speex_echo_state_init(frameSize, filterLength);
        SpeexDsp.echoCtl(echo, SpeexDsp.ECHO_SET_SAMPLING_RATE, sampleRate);
        preprocess = SpeexDsp.speex_preprocess_state_init(frameSize, sampleRate);
        SpeexDsp.check(SpeexDsp.speex_preprocess_ctl(preprocess, SpeexDsp.PREPROCESS_SET_ECHO_STATE, echo),
                "speex_preprocess_ctl", SpeexDsp.PREPROCESS_SET_ECHO_STATE);
        SpeexDsp.preprocessCtl(preprocess, SpeexDsp.PREPROCESS_SET_ECHO_SUPPRESS, settings.echoSuppressDb());
        SpeexDsp.preprocessCtl(preprocess, SpeexDsp.PREPROCESS_SET_ECHO_SUPPRESS_ACTIVE, settings.echoSuppressActiveDb());
        // Residual-echo suppression lives in the denoiser's gain stage: without it, it does nothing.
        SpeexDsp.preprocessCtl(preprocess, SpeexDsp.PREPROCESS_SET_DENOISE, 1);
        SpeexDsp.preprocessCtl(preprocess, SpeexDsp.PREPROCESS_SET_NOISE_SUPPRESS, settings.noiseSuppressDb());
        // Automatic gain would change the level the voice detector and the measures see.
        SpeexDsp.preprocessCtl(preprocess, SpeexDsp.PREPROCESS_SET_AGC, 0);
    }

    /** Why speexdsp cannot be used on this machine, or empty when it can. */
    public static java.util.Optional<String> unavailableReason() {
        return SpeexDsp.unavailableReason();
    }

    @Override
    public int frameSize() {
        return frameSize;
    }

    @Override
    public void process(short[] mic, short[] speaker, short[] out) {
        if (echo == null) {
            throw new IllegalStateException("echo canceller is closed");
        }
        boolean sound = false;
        double power = 0;
        for (int i = 0; i < frameSize; i++) {
            sound |= speaker[i] > REFERENCE_SOUND || speaker[i] < -REFERENCE_SOUND;
            power += (double) mic[i] * mic[i];
        }
        sound |= power / frameSize > LOUD_POWER;
        framesSinceSound = sound ? 0 : Math.min(framesSinceSound + 1, holdFrames + 1);
        SpeexDsp.speex_echo_cancellation(echo, mic, speaker, cancelled);
        System.arraycopy(cancelled, 0, linear, 0, frameSize);
        SpeexDsp.speex_preprocess_run(preprocess, cancelled);
        System.arraycopy(framesSinceSound <= holdFrames ? cancelled : linear, 0, out, 0, frameSize);
    }

    @Override
    public void reset() {
        SpeexDsp.speex_echo_state_reset(echo);
    }

    @Override
    public void close() {
        if (echo != null) {
            SpeexDsp.speex_preprocess_state_destroy(preprocess);
            SpeexDsp.speex_echo_state_destroy(echo);
            echo = null;
            preprocess = null;
        }
    }
}
