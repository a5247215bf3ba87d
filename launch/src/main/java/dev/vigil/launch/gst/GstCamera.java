package dev.vigil.launch.gst;

import dev.vigil.agent.clock.Clock;
import dev.vigil.agent.message.CameraFrame;
import dev.vigil.launch.io.CameraSource;
import dev.vigil.launch.io.DeviceException;
import dev.vigil.launch.io.DeviceListener;
import org.freedesktop.gstreamer.ClockTime;
import org.freedesktop.gstreamer.FlowReturn;
import org.freedesktop.gstreamer.Sample;
import org.freedesktop.gstreamer.elements.AppSink;

import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A camera from a GStreamer source description, e.g. {@code v4l2src device=/dev/video0},
 * {@code videotestsrc is-live=true}, or on a Jetson {@code nvarguscamerasrc ! nvvidconv}:
 * {@code <description> ! videoconvert ! RGB ! appsink drop=true max-buffers=1 sync=false}. The sink
 * keeps only the newest frame: a camera faster than the agent costs nothing, and what the agent
 * sees is never old.
 *
 * <p><b>Timestamps.</b> A live source stamps each buffer with the running time it was captured; the
 * frame's session time is that plus an offset measured once per pipeline (as {@link GstMicrophone}
 * does). A stamp in the future (a source that is not live runs ahead of the clock) or none gives the
 * time the frame arrived.
 *
 * <p><b>Failures.</b> A camera that posts an error, ends its stream, or sends no frame for
 * {@link #SILENCE_LIMIT_NANOS} is reported to the {@link DeviceListener}, then rebuilt every second
 * until it works again ({@link DeviceSupervisor}), which is reported too.
 */
public final class GstCamera implements CameraSource {

    /** No frame for this long means the camera is gone (a slow camera sends one a second). */
    static final long SILENCE_LIMIT_NANOS = TimeUnit.SECONDS.toNanos(3);
    /** A Jetson's CSI camera takes a few seconds to deliver its first frame. */
    private static final long START_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final String SINK = "vigil_camera";

    private final String description;
    private final String label;
    private boolean started;
    private boolean closed;
    private DeviceSupervisor supervisor;
    private Capture capture;

    /**
     * @param description a gst-launch description ending in a video source pad
     * @throws DeviceException the description does not parse, or GStreamer is missing (one line)
     */
    public GstCamera(String description) throws DeviceException {
        this.description = Objects.requireNonNull(description, "description").strip();
        this.label = "camera pipeline \"" + this.description + "\"";
        DevicePipeline.parse(label, launchLine()).close();
    }

    private String launchLine() {
        // sync=false: hand frames over as they come, not at their timestamp plus latency.
        return description + " ! videoconvert ! video/x-raw,format=RGB ! appsink name=" + SINK
                + " emit-signals=true drop=true max-buffers=1 sync=false";
    }

    /**
     * Opens the camera and waits (≤ 10 s) for its first frame.
     *
     * @throws DeviceException the camera does not exist, cannot be opened or sends nothing (one line)
     * @throws IllegalStateException already started, or closed
     */
    @Override
    public synchronized void start(Clock clock, Consumer<CameraFrame> frames, DeviceListener listener)
            throws DeviceException {
        if (started || closed) {
            throw new IllegalStateException(label + ": " + (closed ? "closed" : "already started"));
        }
        started = true;
        capture = new Capture(clock, frames);
        supervisor = DeviceSupervisor.openAndSupervise("vigil-camera", label, capture, listener);
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        DeviceSupervisor.close(supervisor, capture);
    }

    /** One run of the camera: the current pipeline and what its thread needs. */
    private final class Capture implements DeviceSupervisor.Device {
        private final Clock clock;
        private final Consumer<CameraFrame> frames;
        private volatile DevicePipeline pipeline;
        private volatile AppSink sink;
        private volatile long lastFrameAt;

        Capture(Clock clock, Consumer<CameraFrame> frames) {
            this.clock = clock;
            this.frames = frames;
        }

        @Override
        public void open() throws DeviceException, InterruptedException {
            DevicePipeline p = DevicePipeline.parse(label, launchLine());
            pipeline = p;
            lastFrameAt = 0;
            AppSink s = p.element(SINK, AppSink.class);
            sink = s;
            s.connect((AppSink.NEW_SAMPLE) appSink -> onSample(p, appSink));
            p.play();
            long deadline = System.nanoTime() + START_TIMEOUT_NANOS;
            while (lastFrameAt == 0) {
                String failure = p.failure();
                if (failure != null) {
                    throw new DeviceException(failure);
                }
                if (s.isEOS()) {
                    throw new DeviceException(label + ": the stream ended before its first frame");
                }
                if (System.nanoTime() > deadline) {
                    throw new DeviceException(label + ": no frame within "
                            + TimeUnit.NANOSECONDS.toMillis(START_TIMEOUT_NANOS) + " ms");
                }
                TimeUnit.MILLISECONDS.sleep(5);
            }
        }

        @Override
        public String step() throws InterruptedException {
            TimeUnit.MILLISECONDS.sleep(100);
            DevicePipeline p = pipeline;
            String failure = p == null ? null : p.failure();
            if (failure != null) {
                return failure;
            }
            AppSink s = sink;
            if (s != null && s.isEOS()) {
                return label + ": the camera's stream ended";
            }
            long silent = System.nanoTime() - lastFrameAt;
            return silent > SILENCE_LIMIT_NANOS
                    ? label + ": no frame for " + TimeUnit.NANOSECONDS.toMillis(silent) + " ms (camera gone?)"
                    : null;
        }

        @Override
        public void release() {
            DevicePipeline p = pipeline;
            pipeline = null;
            sink = null;
            if (p != null) {
                p.close();
            }
        }

        /** On the streaming thread: one frame, handed on packed. */
        private FlowReturn onSample(DevicePipeline p, AppSink appSink) {
            Sample sample = appSink.pullSample();
            if (sample == null) {
                return FlowReturn.EOS;
            }
            long now = clock.nanos();
            RgbSample image = RgbSample.take(sample);
            long at = ClockTime.isValid(image.pts()) ? Math.min(now, image.pts() + p.sessionOffset(clock)) : now;
            lastFrameAt = System.nanoTime();
            frames.accept(new CameraFrame(at, 0, "", image.width(), image.height(), image.rgb()));
            return FlowReturn.OK;
        }
    }
}
