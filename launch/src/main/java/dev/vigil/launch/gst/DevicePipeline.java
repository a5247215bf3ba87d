package dev.vigil.launch.gst;

import dev.vigil.agent.clock.Clock;
import dev.vigil.launch.io.DeviceException;
import org.freedesktop.gstreamer.Bus;
import org.freedesktop.gstreamer.Element;
import org.freedesktop.gstreamer.Gst;
import org.freedesktop.gstreamer.GstException;
import org.freedesktop.gstreamer.Pipeline;
import org.freedesktop.gstreamer.State;
import org.freedesktop.gstreamer.StateChangeReturn;
import org.freedesktop.gstreamer.glib.GError;
import org.freedesktop.gstreamer.glib.Natives;
import org.freedesktop.gstreamer.query.LatencyQuery;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One GStreamer pipeline of a device: parsed from a gst-launch line, run on the system clock, its
 * errors kept as one line each, its running time mapped onto the session clock. Never restarted: a
 * device that failed is rebuilt from its description. Bus messages arrive on gst1-java-core's
 * executor thread; this class only records them, the device's own thread acts on them.
 */
final class DevicePipeline implements AutoCloseable {

    /** GStreamer's catch-all that a failing element posts beside the real cause. */
    private static final String GENERIC_FLOW_ERROR = "Internal data stream error.";
    private static final Pattern MISSING_ELEMENT = Pattern.compile("no element \"([^\"]+)\"");
    /** Where the usual device elements come from on Debian/Ubuntu, for the "no element" message. */
    private static final Map<String, String> PLUGIN_PACKAGES = Map.of(
            "pulsesrc", "gstreamer1.0-pulseaudio", "pulsesink", "gstreamer1.0-pulseaudio",
            "alsasrc", "gstreamer1.0-alsa", "alsasink", "gstreamer1.0-alsa",
            "wavparse", "gstreamer1.0-plugins-good", "autoaudiosrc", "gstreamer1.0-plugins-good",
            "autoaudiosink", "gstreamer1.0-plugins-good", "jackaudiosrc", "gstreamer1.0-plugins-good",
            "pipewiresrc", "gstreamer1.0-pipewire", "pipewiresink", "gstreamer1.0-pipewire");

    private static final Logger LOG = Logger.getLogger(DevicePipeline.class.getName());
    /** Distinct warnings logged per pipeline, at most. */
    private static final int MAX_WARNINGS = 20;

    private final String label;
    private final Pipeline pipeline;
    /** Kept: listeners are disconnected from the same wrapper they were connected to. */
    private final Bus bus;
    private final org.freedesktop.gstreamer.Clock clock;
    private final List<String> errors = new CopyOnWriteArrayList<>();
    /**
     * Elements told a device by name that can say which device they really use (pulsesrc, pulsesink),
     * with the name they were told: pulsesink rewrites its {@code device} property when it is moved.
     */
    private final Map<Element, String> namedDevices = new HashMap<>();
    private final Bus.ERROR onError;
    private final Bus.WARNING onWarning;
    /** Warnings already logged: a device repeats one (GStreamer's "Can't record audio fast enough"). */
    private final Set<String> warned = ConcurrentHashMap.newKeySet();
    private final Bus.STATE_CHANGED onStateChanged;
    private final Bus.MESSAGE onLatency;
    private volatile boolean playing;
    private volatile boolean latencyChanged;
    private volatile long sessionOffset = Long.MIN_VALUE;
    private final AtomicBoolean closed = new AtomicBoolean();

    private DevicePipeline(String label, Pipeline pipeline) {
        this.label = label;
        this.pipeline = pipeline;
        this.clock = GstLibrary.systemClock();
        pipeline.useClock(clock);
        for (Element element : pipeline.getElementsRecursive()) {
            List<String> properties = element.listPropertyNames();
            if (properties.contains("current-device") && properties.contains("device")
                    && element.get("device") instanceof String device && !device.isEmpty()) {
                namedDevices.put(element, device);
            }
        }
        bus = pipeline.getBus();
        onError = (source, code, message) -> errors.add((source == null ? "" : source.getName() + ": ") + message);
        onStateChanged = (source, old, current, pending) -> {
            if (current == State.PLAYING && source != null
                    && Natives.getRawPointer(source).equals(Natives.getRawPointer(pipeline))) {
                playing = true;
            }
        };
        onWarning = (source, code, message) -> {
            String line = label + ": " + (source == null ? "" : source.getName() + ": ") + message;
            if (warned.size() < MAX_WARNINGS && warned.add(line)) {
                LOG.warning(line);
            }
        };
        onLatency = (b, message) -> latencyChanged = true;
        bus.connect(onError);
        bus.connect(onWarning);
        bus.connect(onStateChanged);
        bus.connect("latency", onLatency);
    }

    /**
     * Builds the pipeline; nothing is opened until {@link #play()}.
     *
     * @param label      what the device is, for messages, e.g. {@code microphone pipeline "pulsesrc"}
     * @param launchLine the whole gst-launch line, the user's description included
     * @throws DeviceException the line does not parse, names a missing element or property, or
     *                         GStreamer is not installed; one line starting with {@code label}
     */
    static DevicePipeline parse(String label, String launchLine) throws DeviceException {
        GstLibrary.init();
        List<GError> errors = new ArrayList<>();
        Element element;
        try {
            element = Gst.parseLaunch(launchLine, errors);
        } catch (GstException e) {
            throw new DeviceException(label + ": " + explain(e.getMessage()));
        }
        if (!errors.isEmpty()) {
            // Recoverable parse errors (an unknown property) still return a pipeline: release it.
            if (element != null) {
                element.dispose();
            }
            throw new DeviceException(label + ": " + explain(errors.get(0).getMessage()));
        }
        if (!(element instanceof Pipeline pipeline)) {
            throw new DeviceException(label + ": not a pipeline");
        }
        return new DevicePipeline(label, pipeline);
    }

    /**
     * Sets {@code property} on every source element (one without sink pads) that has it, e.g. the
     * capture buffer of pulsesrc and alsasrc. Elements a bin creates later (autoaudiosrc's) are not reached.
     */
    void setOnSources(String property, Object value) {
        for (Element element : pipeline.getElementsRecursive()) {
            if (element.getSinkPads().isEmpty() && element.listPropertyNames().contains(property)) {
                element.set(property, value);
            }
        }
    }

    /** The element the launch line named {@code name}; {@code type} is its gst1-java-core class. */
    <T extends Element> T element(String name, Class<T> type) {
        return type.cast(pipeline.getElementByName(name));
    }

    /**
     * Asks for PLAYING. Live sources start at once; {@link #awaitReady} waits for the outcome.
     *
     * @throws DeviceException the state change failed outright (the error the device posted)
     */
    void play() throws DeviceException {
        if (pipeline.play() == StateChangeReturn.FAILURE) {
            throw new DeviceException(failureAfterGrace());
        }
    }

    /** The pipeline as a whole has reached PLAYING (its sinks have prerolled). */
    boolean isPlaying() {
        return playing;
    }

    /**
     * Waits until {@code ready} holds, an error is posted, or {@code timeoutNanos} pass.
     *
     * @param whileWaiting called every few milliseconds while waiting (a speaker primes itself)
     * @throws DeviceException an error was posted, or the timeout passed (one line)
     */
    void awaitReady(BooleanSupplier ready, Runnable whileWaiting, long timeoutNanos)
            throws DeviceException, InterruptedException {
        long deadline = System.nanoTime() + timeoutNanos;
        while (!ready.getAsBoolean()) {
            if (!errors.isEmpty()) {
                throw new DeviceException(failureAfterGrace());
            }
            if (System.nanoTime() > deadline) {
                throw new DeviceException(label + ": no audio within "
                        + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms");
            }
            whileWaiting.run();
            TimeUnit.MILLISECONDS.sleep(5);
        }
    }

    /**
     * What is wrong with the device, as one line starting with the label, or null: the most telling
     * error posted so far, or the sound server having moved the stream away from the device named
     * (PulseAudio moves the streams of a device that disappears to the default one: a robot must not
     * go on listening through another microphone, possibly the monitor of its own loudspeaker).
     */
    String failure() {
        if (errors.isEmpty()) {
            return deviceMoved();
        }
        String best = errors.stream().filter(e -> !e.endsWith(GENERIC_FLOW_ERROR)).findFirst().orElse(errors.get(0));
        if (best.contains("wrong format") || best.contains("not negotiated")) {
            best += " (the device took none of the formats offered: does it exist?)";
        }
        return label + ": " + best.lines().findFirst().orElse(best).strip();
    }

    private String deviceMoved() {
        for (Map.Entry<Element, String> entry : namedDevices.entrySet()) {
            Element element = entry.getKey();
            String named = entry.getValue();
            Object current = element.get("current-device");
            if (current instanceof String now && !now.isEmpty() && !now.equals(named)) {
                return label + ": " + element.getName() + ": the sound server moved the stream from " + named
                        + " to " + now + " (" + named + " is gone?)";
            }
        }
        return null;
    }

    /** Running time of the pipeline now: the timeline its buffer timestamps are on, in ns. */
    long runningTime() {
        return clock.getTime() - pipeline.getBaseTime();
    }

    /**
     * Session time minus running time: add it to a buffer timestamp to get session time. Measured
     * the first time it is asked (the pipeline must be PLAYING: its base time is set) and fixed from
     * then on. Both clocks are monotonic and tick at the same rate, so the offset does not drift; it
     * is read between two session readings so the error is the length of one JNA call (~1 µs).
     */
    long sessionOffset(Clock session) {
        long known = sessionOffset;
        return known != Long.MIN_VALUE ? known : measureSessionOffset(session);
    }

    private synchronized long measureSessionOffset(Clock session) {
        if (sessionOffset == Long.MIN_VALUE) {
            long best = Long.MAX_VALUE;
            for (int i = 0; i < 5; i++) {
                long before = session.nanos();
                long running = runningTime();
                long after = session.nanos();
                if (after - before < best) {
                    best = after - before;
                    sessionOffset = before + (after - before) / 2 - running;
                }
            }
        }
        return sessionOffset;
    }

    /**
     * The pipeline's latency as its sinks report it (GStreamer latency query, minimum): a buffer
     * stamped t leaves the device at running time t + latency. 0 when the pipeline is not live.
     */
    long latency() {
        LatencyQuery query = new LatencyQuery();
        try {
            return pipeline.query(query) && query.isLive() ? Math.max(0, query.getMinimumLatency()) : 0;
        } finally {
            query.dispose();
        }
    }

    /**
     * True once after an element posted that its latency changed; the new latency has then been
     * redistributed to the sinks, and {@link #latency()} answers it.
     */
    boolean takeLatencyChange() {
        if (!latencyChanged) {
            return false;
        }
        latencyChanged = false;
        GstLibrary.recalculateLatency(pipeline);
        return true;
    }

    /**
     * Stops the pipeline (NULL state) and releases it; idempotent. Holds no lock while stopping: the
     * streaming threads it waits for may be inside this object's methods.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        bus.disconnect(onError);
        bus.disconnect(onWarning);
        bus.disconnect(onStateChanged);
        bus.disconnect(onLatency);
        pipeline.setState(State.NULL);
        pipeline.getState(TimeUnit.SECONDS.toNanos(2));
        pipeline.dispose();
    }

    /** Errors come in a burst (cause, then consequences); the cause is not always first. */
    private String failureAfterGrace() {
        try {
            TimeUnit.MILLISECONDS.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String failure = failure();
        return failure != null ? failure : label + ": could not start";
    }

    private static String explain(String message) {
        String line = message == null ? "does not parse" : message.lines().findFirst().orElse(message).strip();
        Matcher missing = MISSING_ELEMENT.matcher(line);
        if (missing.find()) {
            String pkg = PLUGIN_PACKAGES.get(missing.group(1));
            line += pkg != null ? " (install " + pkg + ")" : " (gst-inspect-1.0 lists the elements installed)";
        }
        return line;
    }
}
