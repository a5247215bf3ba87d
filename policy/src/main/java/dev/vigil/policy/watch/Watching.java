package dev.vigil.policy.watch;

/**
 * A duplex model that makes watches from what it hears: the agent judges them on what the camera
 * shows ({@link WatchVerticle}) beside the model.
 */
public interface Watching {

    /** The session's watches, or null when this model keeps none. */
    WatchBook watches();
}
