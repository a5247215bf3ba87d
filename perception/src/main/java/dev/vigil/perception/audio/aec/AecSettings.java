package dev.vigil.perception.audio.aec;

/**
 * Echo-cancellation settings.
 *
 * @param enabled               off turns the canceller into a pass-through (for comparison runs)
 * @param filterMillis          the longest echo path the adaptive filter models: loudspeaker-to-mic
 *                              delay plus room reverberation; longer converges more slowly
 * @param echoSuppressDb        residual-echo attenuation while only the robot talks (negative dB)
 * @param echoSuppressActiveDb  residual-echo attenuation while the user talks over the robot
 * @param noiseSuppressDb       stationary-noise attenuation (negative dB). Speex applies residual-echo
 *                              suppression inside its noise-suppression gain stage, so that stage is
 *                              always on; 0 leaves the noise untouched
 */
public record AecSettings(boolean enabled, int filterMillis, int echoSuppressDb, int echoSuppressActiveDb,
                          int noiseSuppressDb) {

    public AecSettings {
        if (filterMillis < 10 || filterMillis > 1000) {
            throw new IllegalArgumentException("aec filter length must be 10..1000 ms, was " + filterMillis);
        }
        if (echoSuppressDb > 0 || echoSuppressActiveDb > 0 || noiseSuppressDb > 0) {
            throw new IllegalArgumentException("suppression is an attenuation: use negative dB");
        }
    }

    public static AecSettings defaults() {
        return new AecSettings(true, 100, -40, -15, -15);
    }

    public AecSettings withEnabled(boolean on) {
        return new AecSettings(on, filterMillis, echoSuppressDb, echoSuppressActiveDb, noiseSuppressDb);
    }
}
