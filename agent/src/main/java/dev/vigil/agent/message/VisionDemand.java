package dev.vigil.agent.message;

import java.util.Set;

/**
 * How often a component needs the camera looked at, and by which engines (control lane,
 * {@code vigil.control.vision.demand}): the frame sampler samples at the fastest rate any requester
 * asks for, never slower than its baseline, and within its CPU budget; between its baseline samples
 * (which run every engine) it runs only the engines demanded. A requester's newer demand replaces its
 * older one.
 *
 * @param requester who asks, e.g. {@code watches}
 * @param hz        frames a second wanted; 0 withdraws the demand
 * @param engines   the engines it needs at that rate ({@code ocr}, {@code light}, …); empty: all
 */
public record VisionDemand(String requester, double hz, Set<String> engines) {

    public VisionDemand {
        if (requester == null || requester.isBlank() || !(hz >= 0) || engines == null) {
            throw new IllegalArgumentException("a vision demand names its requester, a rate of 0 Hz or more and its engines");
        }
        engines = Set.copyOf(engines);
    }

    /** A demand for every engine. */
    public VisionDemand(String requester, double hz) {
        this(requester, hz, Set.of());
    }
}
