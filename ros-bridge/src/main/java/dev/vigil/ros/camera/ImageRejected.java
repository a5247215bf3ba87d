package dev.vigil.ros.camera;

/** An image that cannot become a frame: its kind of problem (for {@code InputProblems}) and one line. */
final class ImageRejected extends Exception {

    private final String kind;

    ImageRejected(String kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    /** Short snake_case name of the problem, the same for every image with it. */
    String kind() {
        return kind;
    }
}
