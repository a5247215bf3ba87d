package dev.vigil.launch.gst;

import dev.vigil.agent.clock.Clock;
import dev.vigil.agent.message.AudioFrame;
import dev.vigil.agent.runtime.ThreadPriority;
import dev.vigil.launch.io.CaptureFrames;
import dev.vigil.launch.io.DeviceException;
import dev.vigil.launch.io.DeviceListener;
import dev.vigil.launch.io.MicrophoneSource;
import org.freedesktop.gstreamer.Buffer;
import org.freedesktop.gstreamer.Caps;
import org.freedesktop.gstreamer.ClockTime;
import org.freedesktop.gstreamer.FlowReturn;
import org.freedesktop.gstreamer.Sample;
import org.freedesktop.gstreamer.elements.AppSink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A microphone from a GStreamer source description, e.g. {@code pulsesrc device=mic.monitor} or
 * {@code alsasrc device=hw:1}: {@code <description> ! audioconvert ! audioresample ! S16LE 16 kHz ! appsink}.
 * Any device rate, format and channel count works; a chosen channel is kept as it is, otherwise the
 * channels are mixed down.
 *
 * <p><b>Frames.</b> 20 ms (320 samples at 16 kHz), delivered on GStreamer's streaming thread. A frame
 * is shorter only just before a gap in the device's stream.
 *
 * <p><b>Timestamps.</b> The pipeline runs on GStreamer's monotonic system clock; the device stamps each
 * buffer with the running time its first sample was captured (its PTS). Session time = PTS + an
 * offset measured once per pipeline, when the first buffer arrives (session clock minus running time,
 * read together; the pipeline is PLAYING by then, and as both clocks are monotonic the offset is the same
 * whenever it is read). So frame times follow the device's sample count, not the moment Java happens to
 * receive them: consecutive frames are exactly contiguous however late the thread runs.
 *
 * <p><b>Buffering.</b> An audio source (pulsesrc, alsasrc, jackaudiosrc) is given a 1 s capture
 * buffer unless its description sets {@code buffer-time}. Audio the device lost all the same (a hole in its
 * timestamps while it runs) is reported to {@link DeviceListener#lost}.
 *
 * <p><b>Failures.</b> A device that posts an error, goes silent for {@link #SILENCE_LIMIT_NANOS}, or
 * whose stream the sound server moves to another device than the one named (docs/devices.md) is reported
 * to the {@link DeviceListener}, then rebuilt every second. Frames for the time it was
 * gone are simply absent: the next frame after recovery carries its true capture time, so the session
 * timeline stays right across the gap, it just has a hole.
 */
public final class GstMicrophone implements MicrophoneSource {

    /** The rate frames are delivered at. */
    public static final int RATE = 16_000;
    /** Samples per delivered frame: 20 ms. */
    public static final int FRAME_SAMPLES = RATE / 50;
    /** No buffer for this long means the device is gone (live devices deliver every ~10 ms). */
    static final long SILENCE_LIMIT_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long START_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final String SINK = "vigil_microphone";
    /** The ring-buffer size property of GStreamer's audio sources (GstAudioBaseSrc), microseconds. */
    private static final String BUFFER_TIME = "buffer-time";
    /**
     * The capture ring buffer given to audio sources whose description does not set one: 1 s, not
     * GStreamer's 200 ms. The thread that empties it is held up now and then on a busy machine (a
     * garbage collection, the decoders): past 200 ms the device overwrote audio not read yet, and
     * "turn left" reached the agent as "turn" and 160 ms of silence. It costs no latency: the
     * thread reads each 10 ms as soon as it is captured; the room only fills while it is held up.
     */
    static final long CAPTURE_BUFFER_MICROS = 1_000_000;

    private final String description;
    private final int channel;
    private final String label;
    private volatile boolean muted;
    private boolean started;
    private boolean closed;
    private DeviceSupervisor supervisor;
    private Capture capture;

    /**
     * @param description a gst-launch description ending in an audio source pad
     * @param channel     the channel to keep (0-based), or -1 to mix all channels down
     * @throws DeviceException the description does not parse, or GStreamer is missing (one line)
     */
    public GstMicrophone(String description, int channel) throws DeviceException {
        this.description = Objects.requireNonNull(description, "description").strip();
        this.channel = channel;
        this.label = "microphone pipeline \"" + this.description + "\"";
        if (channel < -1) {
            throw new DeviceException(label + ": channel must be 0 or more (or -1 to mix down), was " + channel);
        }
        DevicePipeline.parse(label, launchLine()).close();
    }

    private String launchLine() {
        return description + " ! audioconvert ! audioresample ! audio/x-raw,format=S16LE,rate=" + RATE
                + ",layout=interleaved" + (channel < 0 ? ",channels=1" : "")
                // sync=false: hand buffers over as they come, not at their timestamp plus latency.
                + " ! appsink name=" + SINK + " emit-signals=true sync=false max-buffers=25 drop=true";
    }

    /**
     * Opens the device and waits (≤ 5 s) for its first buffer.
     *
     * @throws DeviceException the device does not exist or cannot be opened, or it has fewer channels
     *                         than the one chosen (one line)
     * @throws IllegalStateException already started, or closed
     */
    @Override
    public synchronized void start(Clock clock, Consumer<AudioFrame> frames, DeviceListener listener)
            throws DeviceException {
        if (started || closed) {
            throw new IllegalStateException(label + ": " + (closed ? "closed" : "already started"));
        }
        started = true;
        capture = new Capture(clock, frame -> frames.accept(muted
                ? new AudioFrame(frame.captureNanos(), frame.sampleRate(), new short[frame.samples().length])
                : frame), listener);
        supervisor = DeviceSupervisor.openAndSupervise("vigil-microphone", label, capture, listener);
    }

    @Override
    public void setMuted(boolean muted) {
        this.muted = muted;
    }

    @Override
    public String describe() {
        return description + (channel >= 0 ? " (channel " + channel + ")" : "");
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        DeviceSupervisor.close(supervisor, capture);
    }

    /** One run of the device: the current pipeline and what its thread needs. */
    private final class Capture implements DeviceSupervisor.Device {
        private final Clock clock;
        private final Consumer<AudioFrame> frames;
        private volatile DevicePipeline pipeline;
        private volatile long lastBufferAt;
        private volatile String channelProblem;
        private final DeviceListener listener;

        Capture(Clock clock, Consumer<AudioFrame> frames, DeviceListener listener) {
            this.clock = clock;
            this.frames = frames;
            this.listener = listener;
        }

        @Override
        public void open() throws DeviceException, InterruptedException {
            DevicePipeline p = DevicePipeline.parse(label, launchLine());
            if (!description.contains(BUFFER_TIME)) {
                p.setOnSources(BUFFER_TIME, CAPTURE_BUFFER_MICROS);
            }
            pipeline = p;
            lastBufferAt = 0;
            channelProblem = null;
            CaptureFrames cutter = new CaptureFrames(Math.max(channel, 0), RATE, FRAME_SAMPLES, frames,
                    listener::lost);
            AppSink sink = p.element(SINK, AppSink.class);
            sink.connect((AppSink.NEW_SAMPLE) s -> onSample(p, s, cutter));
            p.play();
            p.awaitReady(() -> lastBufferAt != 0 || channelProblem != null, () -> { }, START_TIMEOUT_NANOS);
            if (channelProblem != null) {
                throw new DeviceException(label + ": " + channelProblem);
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
            long silent = System.nanoTime() - lastBufferAt;
            return silent > SILENCE_LIMIT_NANOS
                    ? label + ": no audio for " + TimeUnit.NANOSECONDS.toMillis(silent) + " ms (device gone?)"
                    : null;
        }

        @Override
        public void release() {
            DevicePipeline p = pipeline;
            pipeline = null;
            if (p != null) {
                p.close();
            }
        }

        /** On the streaming thread: one device buffer, handed on as frames. */
        private FlowReturn onSample(DevicePipeline p, AppSink sink, CaptureFrames cutter) {
            // GStreamer's capture thread reads the device: above recognition and the model (nice −5),
            // or the device's buffer overruns while they decode and words are lost ("go forward ten
            // meters" was heard as "go four meters" live).
            ThreadPriority.ensureNice(ThreadPriority.AUDIO_NICE);
            Sample sample = sink.pullSample();
            if (sample == null) {
                return FlowReturn.EOS;
            }
            // Every wrapper holds a native reference until disposed: release them now, not at the next GC.
            Caps caps = sample.getCaps();
            Buffer buffer = sample.getBuffer();
            try {
                int channels = caps.getStructure(0).getInteger("channels");
                if (channel >= channels) {
                    channelProblem = "channel " + channel + " asked, the device has " + channels;
                    return FlowReturn.ERROR;
                }
                long pts = buffer.getPresentationTimestamp();
                long start = ClockTime.isValid(pts)
                        ? pts + p.sessionOffset(clock)
                        : clock.nanos();   // an unstamped buffer (not seen from real devices): now is the best guess
                ByteBuffer bytes = buffer.map(false);
                try {
                    cutter.add(start, bytes.order(ByteOrder.LITTLE_ENDIAN).asShortBuffer(), channels);
                } finally {
                    buffer.unmap();
                }
                lastBufferAt = System.nanoTime();
                return FlowReturn.OK;
            } finally {
                buffer.dispose();
                caps.dispose();
                sample.dispose();
            }
        }
    }
}
