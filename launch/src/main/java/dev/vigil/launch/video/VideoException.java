package dev.vigil.launch.video;

/** A video that cannot be read; the message is one line naming the file and the reason. */
public final class VideoException extends Exception {

    public VideoException(String message) {
        super(message);
    }
}
