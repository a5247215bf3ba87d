package dev.vigil.launch.config;

import dev.vigil.perception.audio.aec.AecSettings;
import dev.vigil.perception.audio.frontend.BackgroundSettings;
import dev.vigil.perception.audio.frontend.EchoGuardSettings;
import dev.vigil.perception.audio.frontend.FrontEndSettings;
import dev.vigil.perception.audio.vad.VadSettings;

import java.util.Objects;

import static dev.vigil.launch.config.SettingException.check;

/**
 * The audio front end ({@code hearing:} in vigil.yaml): the perception records themselves, so their
 * constructors' checks and their defaults are the configuration's.
 *
 * @param aec            echo cancellation; default {@link AecSettings#defaults()}
 * @param vad            voice-activity thresholds and timing; default {@link VadSettings#defaults()}
 * @param echoGuard      the echo-aware decision; default {@link EchoGuardSettings#defaults()}
 * @param background     when a voice is background speech (a TV) rather than the user's; default
 *                       {@link BackgroundSettings#defaults()}
 * @param maxQueueMillis microphone audio the front end may hold while it catches up, ms; beyond
 *                       that, new audio is dropped and counted; default as in
 *                       {@link FrontEndSettings#defaults()}; must be positive
 */
public record HearingSettings(AecSettings aec, VadSettings vad, EchoGuardSettings echoGuard,
                              BackgroundSettings background, int maxQueueMillis) {

    /** @throws IllegalArgumentException a value out of range, naming its key */
    public HearingSettings {
        Objects.requireNonNull(aec, "aec");
        Objects.requireNonNull(vad, "vad");
        Objects.requireNonNull(echoGuard, "echoGuard");
        Objects.requireNonNull(background, "background");
        check(maxQueueMillis > 0, "max_queue_ms", "must be positive, was " + maxQueueMillis);
    }

    /** The front end's own defaults. */
    public static HearingSettings defaults() {
        FrontEndSettings d = FrontEndSettings.defaults();
        return new HearingSettings(d.aec(), d.vad(), d.echoGuard(), d.background(), d.maxQueueMillis());
    }

    /** These settings as the audio front end takes them. */
    public FrontEndSettings frontEnd() {
        return new FrontEndSettings(aec, vad, echoGuard, background, maxQueueMillis);
    }
}
