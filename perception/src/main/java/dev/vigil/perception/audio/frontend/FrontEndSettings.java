package dev.vigil.perception.audio.frontend;

import dev.vigil.perception.audio.aec.AecSettings;
import dev.vigil.perception.audio.vad.VadSettings;

/**
 * Everything the audio front end can be told, grouped by stage.
 *
 * @param aec           echo cancellation
 * @param vad           voice-activity thresholds and timing
 * @param echoGuard     the echo-aware decision
 * @param background    when a voice is background speech rather than the user's
 * @param maxQueueMillis microphone audio the front end may hold while it catches up; beyond that,
 *                       new audio is dropped and counted
 */
public record FrontEndSettings(AecSettings aec, VadSettings vad, EchoGuardSettings echoGuard,
                               BackgroundSettings background, int maxQueueMillis) {

    public static FrontEndSettings defaults() {
        return new FrontEndSettings(AecSettings.defaults(), VadSettings.defaults(), EchoGuardSettings.defaults(),
                BackgroundSettings.defaults(), 2000);
    }

    public FrontEndSettings withAec(AecSettings settings) {
        return new FrontEndSettings(settings, vad, echoGuard, background, maxQueueMillis);
    }
}
