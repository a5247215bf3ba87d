package dev.vigil.agent.message;

/**
 * One thing a vision engine saw in one camera frame: a line of text read, an object or face detected,
 * a signal light's state.
 *
 * @param kind  what sort of thing (below)
 * @param label {@link Kind#TEXT}: the text as read (any script); {@link Kind#OBJECT}: the class name in
 *              lower case ({@code person}, {@code dog}, …); {@link Kind#FACE}: {@code face};
 *              {@link Kind#LIGHT}: the lit colour ({@code red}, {@code amber}, {@code green})
 * @param score 0..1, the engine's confidence
 * @param box   where in the frame
 */
public record Observation(Kind kind, String label, double score, Box box) {

    /** The sorts of observation the bundled engines make. */
    public enum Kind { TEXT, OBJECT, FACE, LIGHT }

    /** @throws IllegalArgumentException no kind, label or box, or a score outside 0..1 */
    public Observation {
        if (kind == null || label == null || box == null) {
            throw new IllegalArgumentException("an observation has a kind, a label and a box");
        }
        if (!(score >= 0 && score <= 1)) {
            throw new IllegalArgumentException("an observation's score is 0..1, was " + score);
        }
    }
}
