package dev.vigil.launch.video;

import java.util.List;
import java.util.function.Consumer;

/** A scenario's camera: what it shows, and when (its ground truth). */
public interface Video {

    /**
     * Starts reading from the first frame; each call gives a stream of its own.
     *
     * @param rejected told, with one line, of each frame that could not be used (a broken image);
     *                 the stream skips it and goes on
     * @throws VideoException the video cannot be read at all (one line)
     */
    FrameStream open(Consumer<String> rejected) throws VideoException;

    /** What is shown from when, on the scenario's timeline, sorted by time; may be empty. */
    List<Shown> truth();

    /** Short description for messages, e.g. {@code elevator display 640×480 at 10 fps}. */
    String describe();
}
