package dev.vigil.perception.audio.aec;

/**
 * Echo-cancellation settings.
 *
 * @param enabled               off turns the canceller into a pass-through (for comparison runs)
 * @param filterMillis          the longest echo path the adaptive filter models: loudspeaker-to-mic
 *                              delay plus room reverberation; longer converges more slowly. Once the
 *                              delay is measured ({@code trackDelay}), the filter starts just before
 *                              the echo arrives and all of it models the reverberation
 * @param trackDelay            measure how late the echo reaches the microphone and keep the reference
 *                              aligned to it, following the drift between the microphone's and the
 *                              loudspeaker's clocks (an adaptive filter cannot follow an echo that
 *                              keeps moving; measured on PulseAudio: 90 ppm)
 * @param maxDelayMillis        the longest loudspeaker-to-microphone delay looked for
 * @param echoSuppressDb        residual-echo attenuation while only the robot talks (negative dB)
 * @param echoSuppressActiveDb  residual-echo attenuation while the user talks over the robot
 * @param noiseSuppressDb       stationary-noise attenuation (negative dB). Speex applies residual-echo
 *                              suppression inside its noise-suppression gain stage, so that stage is
 *                              always on; 0 leaves the noise untouched
 */
public record AecSettings(boolean enabled, int filterMillis, boolean trackDelay, int maxDelayMillis,
                          int echoSuppressDb, int echoSuppressActiveDb, int noiseSuppressDb) {

    public AecSettings {
        if (filterMillis < 10 || filterMillis > 1000) {
            throw new IllegalArgumentException("aec filter length must be 10..1000 ms, was " + filterMillis);
        }
        if (maxDelayMillis < 10 || maxDelayMillis > 1000) {
            throw new IllegalArgumentException("aec max delay must be 10..1000 ms, was " + maxDelayMillis);
        }
        if (echoSuppressDb > 0 || echoSuppressActiveDb > 0 || noiseSuppressDb > 0) {
            throw new IllegalArgumentException("suppression is an attenuation: use negative dB");
        }
    }

    public static AecSettings defaults() {
        return new AecSettings(true, 100, true, 600, -40, -15, -15);
    }

    public AecSettings withEnabled(boolean on) {
        return new AecSettings(on, filterMillis, trackDelay, maxDelayMillis, echoSuppressDb, echoSuppressActiveDb,
                noiseSuppressDb);
    }

    public AecSettings withTrackDelay(boolean on) {
        return new AecSettings(enabled, filterMillis, on, maxDelayMillis, echoSuppressDb, echoSuppressActiveDb,
                noiseSuppressDb);
    }
}
