package dev.vigil.launch.config;

import dev.vigil.policy.watch.WatchRequests;
import dev.vigil.policy.watch.WatchSettings;

import java.util.List;

/**
 * Watches ({@code watches:} in vigil.yaml): how they judge frames, and standing ones made at start.
 *
 * @param debounceFrames consecutive sampled frames the condition must hold in before a watch fires (default 2)
 * @param minScore       the mean engine score below which those frames do not count (default 0.5)
 * @param expiryS        how long a watch asked for in speech lasts unfired, seconds (default 600; 0: never)
 * @param sampleHz       frames a second looked at while any watch is active (default 4; capped by vision.max_hz)
 * @param requests       watches made when the agent starts, in the words a person would say them
 *                       ("tell me when the light turns green"); they never expire. Each must be a request
 *                       the watch reader understands
 */
public record WatchConfig(int debounceFrames, double minScore, double expiryS, double sampleHz, List<String> requests) {

    /** @throws IllegalArgumentException a value out of range, a request that is not one */
    public WatchConfig {
        try {
            new WatchSettings(debounceFrames, minScore, expiryS, sampleHz);
        } catch (IllegalArgumentException e) {
            throw new SettingException("debounce_frames", e.getMessage());
        }
        SettingException.check(requests != null, "requests", "must be a list of requests in words");
        requests = List.copyOf(requests);
        for (String r : requests) {
            var read = WatchRequests.read(r == null ? "" : r);
            SettingException.check(read.isEmpty() || !(read.get() instanceof WatchRequests.Unsupported), "requests",
                    "'" + r + "' asks for something Vigil cannot watch for (it can watch for "
                            + String.join(", ", WatchRequests.KINDS) + ")");
            SettingException.check(read.filter(WatchRequests.Create.class::isInstance).isPresent(), "requests",
                    "'" + r + "' is not a watch request Vigil understands (say it as a person would: 'tell me when"
                            + " we reach floor 16', 'let me know when the light turns green')");
        }
    }

    public static WatchConfig defaults() {
        WatchSettings s = WatchSettings.defaults();
        return new WatchConfig(s.debounceFrames(), s.minScore(), s.expirySeconds(), s.sampleHz(), List.of());
    }

    /** The watch book's settings. */
    public WatchSettings settings() {
        return new WatchSettings(debounceFrames, minScore, expiryS, sampleHz);
    }
}
