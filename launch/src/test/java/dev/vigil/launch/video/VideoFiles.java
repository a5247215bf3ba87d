package dev.vigil.launch.video;

import dev.vigil.launch.gst.GstLibrary;
import org.freedesktop.gstreamer.Bus;
import org.freedesktop.gstreamer.Gst;
import org.freedesktop.gstreamer.Pipeline;
import org.freedesktop.gstreamer.State;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Video files made for tests with GStreamer itself: Motion JPEG in AVI (gstreamer1.0-plugins-good). */
public final class VideoFiles {

    private VideoFiles() {
    }

    /**
     * Writes {@code frames} frames of GStreamer's red test pattern, {@code width} × {@code height} at
     * {@code fps}, to {@code file}.
     */
    public static Path testPattern(Path file, int frames, int width, int height, int fps) throws Exception {
        GstLibrary.init();
        Pipeline pipeline = (Pipeline) Gst.parseLaunch("videotestsrc num-buffers=" + frames + " pattern=red"
                + " ! video/x-raw,width=" + width + ",height=" + height + ",framerate=" + fps + "/1"
                + " ! videoconvert ! jpegenc ! avimux ! filesink name=out");
        pipeline.getElementByName("out").set("location", file.toString());
        CompletableFuture<String> done = new CompletableFuture<>();
        Bus bus = pipeline.getBus();
        Bus.EOS eos = source -> done.complete(null);
        Bus.ERROR error = (source, code, message) -> done.complete(message);
        bus.connect(eos);
        bus.connect(error);
        try {
            pipeline.play();
            String failure = done.get(30, TimeUnit.SECONDS);
            if (failure != null) {
                throw new IllegalStateException("could not make " + file + ": " + failure);
            }
        } finally {
            bus.disconnect(eos);
            bus.disconnect(error);
            pipeline.setState(State.NULL);
            pipeline.dispose();
        }
        return file;
    }
}
