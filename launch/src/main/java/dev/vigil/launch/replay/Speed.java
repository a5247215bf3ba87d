package dev.vigil.launch.replay;

/** How a replay is paced. */
public enum Speed {
    /** Audio is fed as a live device would, one frame every 20 ms of wall time. */
    REALTIME,
    /** As fast as the agent keeps up, on a virtual clock: same result as real time, seconds instead of minutes. */
    MAX;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
