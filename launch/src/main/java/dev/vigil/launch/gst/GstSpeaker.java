package dev.vigil.launch.gst;

import dev.vigil.agent.clock.Clock;
import dev.vigil.agent.message.AudioFrame;
import dev.vigil.agent.runtime.ThreadPriority;
import dev.vigil.launch.io.DeviceException;
import dev.vigil.launch.io.DeviceListener;
import dev.vigil.launch.io.SpeakerSink;
import dev.vigil.speech.playback.Loudspeaker;
import org.freedesktop.gstreamer.Buffer;
import org.freedesktop.gstreamer.BufferFlags;
import org.freedesktop.gstreamer.Caps;
import org.freedesktop.gstreamer.FlowReturn;
import org.freedesktop.gstreamer.PadProbeReturn;
import org.freedesktop.gstreamer.PadProbeType;
import org.freedesktop.gstreamer.elements.AppSrc;

import java.nio.ByteOrder;
import java.util.EnumSet;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * A loudspeaker from a GStreamer sink description, e.g. {@code pulsesink device=speaker} or
 * {@code alsasink device=hw:0}: {@code appsrc (S16LE 16 kHz mono, live) ! audioconvert ! audioresample ! <description>}.
 *
 * <p><b>Feeding.</b> A thread of its own pulls 20 ms frames from the {@link Loudspeaker} and pushes them,
 * timestamped, into the pipeline {@link #LEAD_NANOS} before their scheduled running time; that is all
 * the audio Vigil itself keeps queued, so a flush of the loudspeaker is heard within the lead plus the
 * device latency.
 *
 * <p><b>Latency.</b> After the pipeline reaches PLAYING, a GStreamer latency query on it gives the
 * latency its sink reports (its ring buffer, plus GStreamer's 20 ms processing deadline); GStreamer plays a buffer
 * stamped t at running time t + latency. Each frame is pulled, and reported to {@code played}, with the
 * session time it leaves the device: its timestamp + latency, mapped onto the session clock. When an
 * element announces a new latency the pipeline redistributes it and the new figure is used from then on.
 * The reference reaches the echo canceller before the audio is heard (by the lead plus the latency).
 *
 * <p><b>Failures.</b> A bus error, audio piling up unconsumed for {@link #STALL_NANOS}, or the sound server
 * moving the stream off the device named (docs/devices.md) is reported to the
 * {@link DeviceListener}; the pipeline is rebuilt every second until it works. Nothing is pulled while the
 * device is gone, so the robot's words wait in the loudspeaker queue rather than being reported as said.
 */
public final class GstSpeaker implements SpeakerSink {

    /** The rate frames are pulled at. */
    public static final int RATE = 16_000;
    /** Samples per pulled frame: 20 ms. */
    public static final int FRAME_SAMPLES = RATE / 50;
    /** How far ahead of its scheduled running time a frame is pushed: the audio queued in Vigil. */
    public static final long LEAD_NANOS = TimeUnit.MILLISECONDS.toNanos(40);
    /** This much audio waiting unconsumed in the pipeline means the device stopped taking it. */
    static final long STALL_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
    /** A feeding thread this far behind skips ahead instead of catching up. */
    static final long SKIP_AFTER_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    private static final long FRAME_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    private static final long START_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final String SOURCE = "vigil_speaker";
    private static final String CAPS = "audio/x-raw,format=S16LE,rate=" + RATE + ",channels=1,layout=interleaved";

    private final String description;
    private final String label;
    private volatile long latencyNanos;
    private boolean started;
    private boolean closed;
    private DeviceSupervisor supervisor;
    private Playback playback;

    /**
     * @param description a gst-launch description starting with an audio sink pad
     * @throws DeviceException the description does not parse, or GStreamer is missing (one line)
     */
    public GstSpeaker(String description) throws DeviceException {
        this.description = Objects.requireNonNull(description, "description").strip();
        this.label = "speaker pipeline \"" + this.description + "\"";
        DevicePipeline.parse(label, launchLine()).close();
    }

    private String launchLine() {
        // Frames arrive ahead of their time, never late (min-latency 0), and the sink may hold as much as it
        // likes (max unlimited): appsrc's default maximum of 0 is below any sink's minimum.
        return "appsrc name=" + SOURCE + " is-live=true format=time do-timestamp=false min-latency=0 max-latency=-1"
                + " ! audioconvert ! audioresample ! " + description;
    }

    /**
     * Opens the device and waits (≤ 5 s) until it plays, priming it with silence meanwhile.
     *
     * @throws DeviceException the device does not exist or cannot be opened (one line)
     * @throws IllegalStateException already started, or closed
     */
    @Override
    public synchronized void start(Clock clock, Loudspeaker loudspeaker, Consumer<AudioFrame> played,
                                   DeviceListener listener) throws DeviceException {
        if (started || closed) {
            throw new IllegalStateException(label + ": " + (closed ? "closed" : "already started"));
        }
        started = true;
        playback = new Playback(clock, loudspeaker, played);
        supervisor = DeviceSupervisor.openAndSupervise("vigil-speaker", label, playback, listener);
    }

    /** The device latency last measured (latency query on the pipeline), in ns; 0 until started. */
    @Override
    public long latencyNanos() {
        return latencyNanos;
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
        DeviceSupervisor.close(supervisor, playback);
    }

    /** One run of the device: the current pipeline, and where the timeline of pushed frames stands. */
    private final class Playback implements DeviceSupervisor.Device {
        private final Clock clock;
        private final Loudspeaker loudspeaker;
        private final Consumer<AudioFrame> played;
        private volatile DevicePipeline pipeline;
        private AppSrc source;
        /** Running time of the next frame to push. */
        private long next;
        /** Frames of silence pushed before the latency was known: reported once it is. */
        private long primedFrom;
        private int primed;

        Playback(Clock clock, Loudspeaker loudspeaker, Consumer<AudioFrame> played) {
            this.clock = clock;
            this.loudspeaker = loudspeaker;
            this.played = played;
        }

        @Override
        public void open() throws DeviceException, InterruptedException {
            DevicePipeline p = DevicePipeline.parse(label, launchLine());
            pipeline = p;
            source = p.element(SOURCE, AppSrc.class);
            source.setCaps(new Caps(CAPS));
            // The thread that carries frames on into the sink is GStreamer's own: it must keep the
            // audio priority (recognition and the model run above the rest of the machine, and a
            // starved sink thread underruns: the robot's voice came out broken).
            source.getStaticPad("src").addProbe(PadProbeType.BUFFER, (pad, info) -> {
                ThreadPriority.ensureNice(ThreadPriority.AUDIO_NICE);
                return PadProbeReturn.OK;
            });
            p.play();
            next = p.runningTime() + FRAME_NANOS;
            primedFrom = next;
            primed = 0;
            // A live sink only reaches PLAYING on its first buffer: prime it with silence, in real time.
            p.awaitReady(p::isPlaying, () -> {
                while (next <= p.runningTime() + LEAD_NANOS) {
                    push(new short[FRAME_SAMPLES], next, false);
                    next += FRAME_NANOS;
                    primed++;
                }
            }, START_TIMEOUT_NANOS);
            latencyNanos = p.latency();
            long offset = p.sessionOffset(clock);
            for (int i = 0; i < primed; i++) {
                played.accept(new AudioFrame(offset + primedFrom + i * FRAME_NANOS + latencyNanos, RATE,
                        new short[FRAME_SAMPLES]));
            }
        }

        @Override
        public String step() {
            ThreadPriority.ensureNice(ThreadPriority.AUDIO_NICE);   // the feeding thread
            DevicePipeline p = pipeline;
            String failure = p.failure();
            if (failure != null) {
                return failure;
            }
            if (p.takeLatencyChange()) {
                latencyNanos = p.latency();
            }
            long now = p.runningTime();
            boolean discont = false;
            if (now - next > SKIP_AFTER_NANOS) {
                // This thread was held up (a long pause, a suspended process): rather than push a burst of
                // stale audio the timeline jumps to now, far enough for the sink to resync on the timestamp.
                // Shorter delays are left to the sink, which drops late samples but keeps every sample at
                // its timestamp + latency, so the played stamps stay true.
                next = now + FRAME_NANOS;
                discont = true;
            }
            long offset = p.sessionOffset(clock);
            while (next <= now + LEAD_NANOS) {
                short[] frame = new short[FRAME_SAMPLES];
                long leavesDevice = offset + next + latencyNanos;
                loudspeaker.pull(frame, leavesDevice);
                FlowReturn pushed = push(frame, next, discont);
                discont = false;
                if (pushed != FlowReturn.OK) {
                    return label + ": the pipeline refused audio (" + pushed + ")";
                }
                played.accept(new AudioFrame(leavesDevice, RATE, frame));
                next += FRAME_NANOS;
            }
            long queued = queuedNanos();
            if (queued > STALL_NANOS) {
                return label + ": the device stopped taking audio (" + TimeUnit.NANOSECONDS.toMillis(queued)
                        + " ms waiting)";
            }
            LockSupport.parkNanos(Math.max(1_000_000, next - LEAD_NANOS - p.runningTime()));
            return null;
        }

        @Override
        public void release() {
            DevicePipeline p = pipeline;
            pipeline = null;
            source = null;
            if (p != null) {
                p.close();
            }
        }

        private FlowReturn push(short[] samples, long pts, boolean discont) {
            Buffer buffer = new Buffer(samples.length * 2);
            buffer.map(true).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().put(samples);
            buffer.unmap();
            buffer.setPresentationTimestamp(pts);
            buffer.setDuration(FRAME_NANOS);
            if (discont) {
                buffer.setFlags(EnumSet.of(BufferFlags.DISCONT));
            }
            return source.pushBuffer(buffer);
        }

        /** Audio pushed but not yet taken by the pipeline's streaming thread. */
        private long queuedNanos() {
            Object bytes = source.get("current-level-bytes");
            return bytes instanceof Number n ? n.longValue() * 1_000_000_000L / (RATE * 2L) : 0;
        }
    }
}
