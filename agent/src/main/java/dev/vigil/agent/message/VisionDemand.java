package dev.vigil.agent.message;

/**
 * How often a component needs the camera looked at (control lane, {@code vigil.control.vision.demand}):
 * the frame sampler samples at the fastest rate any requester asks for, never slower than its baseline,
 * and within its CPU budget. A requester's newer demand replaces its older one.
 *
 * @param requester who asks, e.g. {@code watches}
 * @param hz        frames a second wanted; 0 withdraws the demand
 */
public record VisionDemand(String requester, double hz) {

    public VisionDemand {
        if (requester == null || requester.isBlank() || !(hz >= 0)) {
            throw new IllegalArgumentException("a vision demand names its requester and a rate of 0 Hz or more");
        }
    }
}
