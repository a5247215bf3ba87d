package dev.vigil.launch.video;

import dev.vigil.agent.message.CameraFrame;
import dev.vigil.launch.gst.GstLibrary;
import dev.vigil.launch.gst.RgbSample;
import dev.vigil.launch.io.DeviceException;
import org.freedesktop.gstreamer.Bus;
import org.freedesktop.gstreamer.ClockTime;
import org.freedesktop.gstreamer.Element;
import org.freedesktop.gstreamer.Format;
import org.freedesktop.gstreamer.Gst;
import org.freedesktop.gstreamer.GstException;
import org.freedesktop.gstreamer.Pipeline;
import org.freedesktop.gstreamer.Sample;
import org.freedesktop.gstreamer.State;
import org.freedesktop.gstreamer.elements.AppSink;
import org.freedesktop.gstreamer.glib.GError;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A video file, any container and codec GStreamer can read, decoded one frame at a time:
 * {@code filesrc ! decodebin ! videoconvert ! videoscale ! RGB ! appsink}. The appsink holds a few
 * frames and never drops one, so the decoder runs just ahead of the reader and waits for it: the
 * whole video is never in memory. Frame times are the buffers' timestamps (their time in the video)
 * after {@code startS}.
 */
public final class VideoFile implements Video {

    /** Decoded frames the sink holds ahead of the reader. */
    private static final int AHEAD = 4;
    /** No frame, end or error from the decoder for this long: it is stuck. */
    private static final long STALL_NANOS = TimeUnit.SECONDS.toNanos(20);
    private static final String LINE = "filesrc name=src ! decodebin ! videoconvert ! videoscale"
            + " ! video/x-raw,format=RGB,pixel-aspect-ratio=1/1 ! appsink name=sink sync=false"
            + " max-buffers=" + AHEAD + " drop=false enable-last-sample=false";

    private final Path file;
    private final double startS;
    private final double endS;
    private final List<Shown> truth;
    private final double durationS;

    private VideoFile(Path file, double startS, double endS, List<Shown> truth, double durationS) {
        this.file = file;
        this.startS = startS;
        this.endS = endS;
        this.truth = List.copyOf(truth);
        this.durationS = durationS;
    }

    /**
     * Checks that the file decodes (its first frame is read) and learns its length.
     *
     * @param endS  no frame after this scenario time ({@code Double.POSITIVE_INFINITY}: to the end)
     * @param truth what it shows, on the scenario's timeline
     * @throws VideoException GStreamer cannot read it, or it holds no video (one line naming the file)
     */
    public static VideoFile of(Path file, double startS, double endS, List<Shown> truth) throws VideoException {
        double duration;
        try (Reader reader = new Reader(file, 0, Double.POSITIVE_INFINITY)) {
            if (reader.next() == null) {
                throw new VideoException(file, "no video frames in it");
            }
            long nanos = reader.pipeline.queryDuration(Format.TIME);
            duration = nanos > 0 ? nanos / 1e9 : Double.NaN;
        }
        return new VideoFile(file, startS, endS, truth, duration);
    }

    /** The same video, with no frame from scenario time {@code endS} on. */
    public VideoFile until(double endS) {
        return new VideoFile(file, startS, endS, truth, durationS);
    }

    /** The video's length in seconds as its container says, or NaN when it does not say. */
    public double durationS() {
        return durationS;
    }

    @Override
    public FrameStream open(Consumer<String> rejected) throws VideoException {
        return new Reader(file, startS, endS);
    }

    @Override
    public List<Shown> truth() {
        return truth;
    }

    @Override
    public String describe() {
        return "video " + file;
    }

    private static final class Reader implements FrameStream {
        private final Path file;
        private final double startS;
        private final double endS;
        private final Pipeline pipeline;
        private final AppSink sink;
        private final Bus bus;
        private final Bus.ERROR onError;
        private final List<String> errors = new CopyOnWriteArrayList<>();
        private boolean closed;
        private boolean ended;

        Reader(Path file, double startS, double endS) throws VideoException {
            this.file = file;
            this.startS = startS;
            this.endS = endS;
            try {
                GstLibrary.init();
            } catch (DeviceException e) {
                throw new VideoException(file, e.getMessage());
            }
            List<GError> parse = new ArrayList<>();
            Element element;
            try {
                element = Gst.parseLaunch(LINE, parse);
            } catch (GstException e) {
                throw new VideoException(file, "GStreamer cannot decode video here: " + e.getMessage()
                        + " (install gstreamer1.0-plugins-base)");
            }
            if (!parse.isEmpty() || !(element instanceof Pipeline p)) {
                if (element != null) {
                    element.dispose();
                }
                throw new VideoException(file, "GStreamer cannot decode video here: "
                        + (parse.isEmpty() ? "not a pipeline" : parse.get(0).getMessage())
                        + " (install gstreamer1.0-plugins-base)");
            }
            pipeline = p;
            pipeline.getElementByName("src").set("location", file.toString());
            sink = (AppSink) pipeline.getElementByName("sink");
            bus = pipeline.getBus();
            onError = (source, code, message) -> errors.add(message);
            bus.connect(onError);
            pipeline.play();
        }

        @Override
        public CameraFrame next() throws VideoException {
            if (ended || closed) {
                return null;
            }
            long since = System.nanoTime();
            while (true) {
                Sample sample = GstLibrary.tryPullSample(sink, TimeUnit.MILLISECONDS.toNanos(100));
                if (sample != null) {
                    CameraFrame frame = frame(sample);
                    if (frame == null) {
                        ended = true;
                    }
                    return frame;
                }
                if (!errors.isEmpty()) {
                    throw failure();
                }
                if (sink.isEOS()) {
                    ended = true;
                    return null;
                }
                if (System.nanoTime() - since > STALL_NANOS) {
                    throw new VideoException(file, "GStreamer cannot read it: no frame for "
                            + TimeUnit.NANOSECONDS.toSeconds(STALL_NANOS) + " s");
                }
            }
        }

        private VideoException failure() {
            try {
                // Errors come in a burst (the cause, then "Internal data stream error"): take the cause.
                TimeUnit.MILLISECONDS.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            String best = errors.stream().filter(e -> !e.startsWith("Internal data stream error"))
                    .findFirst().orElse(errors.get(0));
            return new VideoException(file, "GStreamer cannot read it: " + best.lines().findFirst().orElse(best).strip());
        }

        /** The sample as a packed frame, or null when it lies past {@code endS}. Releases the sample. */
        private CameraFrame frame(Sample sample) {
            RgbSample image = RgbSample.take(sample);
            double videoS = ClockTime.isValid(image.pts()) ? image.pts() / 1e9 : 0;
            double t = startS + videoS;
            if (t >= endS) {
                return null;
            }
            return new CameraFrame(Math.round(t * 1e9), Math.round(videoS * 1e9), "scenario", image.width(),
                    image.height(), image.rgb());
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            bus.disconnect(onError);
            pipeline.setState(State.NULL);
            pipeline.getState(TimeUnit.SECONDS.toNanos(2));
            pipeline.dispose();
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "VideoFile[%s, from %.3f s]", file, startS);
    }
}
