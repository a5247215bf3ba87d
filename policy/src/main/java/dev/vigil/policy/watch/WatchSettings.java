package dev.vigil.policy.watch;

/**
 * How watches judge frames and how long they last ({@code watches:} in {@code vigil.yaml}).
 *
 * @param debounceFrames consecutive sampled frames in which the condition must hold before it fires
 *                       (1 fires on one frame; 2, the default, rides out a single misread such as an
 *                       "18" read as "16" while the display changes)
 * @param minScore       the mean score over those frames below which they do not count (0..1)
 * @param expirySeconds  how long a watch made from speech lasts unfired (default 600 s; 0: never expires)
 * @param sampleHz       how often the camera is looked at while any watch is active (the sampler caps it)
 */
public record WatchSettings(int debounceFrames, double minScore, double expirySeconds, double sampleHz) {

    public WatchSettings {
        if (debounceFrames < 1 || !(minScore >= 0 && minScore <= 1) || !(expirySeconds >= 0) || !(sampleHz > 0)) {
            throw new IllegalArgumentException("watch settings: debounce_frames ≥ 1, 0 ≤ min_score ≤ 1, expiry_s ≥ 0,"
                    + " sample_hz > 0; were " + debounceFrames + ", " + minScore + ", " + expirySeconds + ", " + sampleHz);
        }
    }

    public static WatchSettings defaults() {
        return new WatchSettings(2, 0.5, 600, 4);
    }
}
