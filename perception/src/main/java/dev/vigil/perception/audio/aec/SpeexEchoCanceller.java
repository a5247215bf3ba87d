package dev.vigil.perception.audio.aec;

import com.sun.jna.Pointer;

/**
 * Speex's multi-delay block-frequency adaptive filter followed by its residual-echo suppressor. Not
 * thread-safe: one instance per audio stream, driven by one worker at a time.
 */
public final class SpeexEchoCanceller implements EchoCanceller {

    private final int frameSize;
    private final short[] cancelled;
    /** The adaptive filter's output, kept apart from what the suppression stage makes of it. */
    private final short[] linear;
    private Pointer echo;
    private Pointer preprocess;

    public SpeexEchoCanceller(int sampleRate, int frameSize, AecSettings settings) {
        SpeexDsp.unavailableReason().ifPresent(reason -> {
            throw new IllegalStateException(reason);
        });
        this.frameSize = frameSize;
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
        process(mic, speaker, out, true);
    }

    @Override
    public void process(short[] mic, short[] speaker, short[] out, boolean suppressResidual) {
        if (echo == null) {
            throw new IllegalStateException("echo canceller is closed");
        }
        SpeexDsp.speex_echo_cancellation(echo, mic, speaker, linear);
        System.arraycopy(linear, 0, cancelled, 0, frameSize);
        SpeexDsp.speex_preprocess_run(preprocess, cancelled);
        System.arraycopy(suppressResidual ? cancelled : linear, 0, out, 0, frameSize);
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
