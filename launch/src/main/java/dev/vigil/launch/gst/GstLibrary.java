package dev.vigil.launch.gst;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import dev.vigil.launch.io.DeviceException;
import org.freedesktop.gstreamer.Bin;
import org.freedesktop.gstreamer.Clock;
import org.freedesktop.gstreamer.Gst;
import org.freedesktop.gstreamer.Sample;
import org.freedesktop.gstreamer.Version;
import org.freedesktop.gstreamer.elements.AppSink;
import org.freedesktop.gstreamer.glib.Natives;

/**
 * The GStreamer library of the process: initialised once, on first use, from any thread. Also the
 * C calls gst1-java-core does not bind (the system clock, latency redistribution, a pull with a timeout).
 * Public for the other packages that read media through GStreamer ({@code launch.video}).
 */
public final class GstLibrary {

    /** Oldest GStreamer whose appsrc/appsink and audio base classes behave as this package expects. */
    private static final Version REQUIRED = Version.of(1, 16);

    private GstLibrary() {
    }

    /** Holder idiom: the JVM runs {@code Gst.init} exactly once, however many threads ask. */
    private static final class Holder {
        static final String FAILURE = initialise();

        private static String initialise() {
            try {
                // GStreamer traps SIGSEGV while it scans plugins; the JVM uses SIGSEGV itself (null
                // checks, safepoints), and with GStreamer's handler in its place a routine one killed
                // the process (exit 139, no hs_err) depending on class-path order and timing.
                function("gst_segtrap_set_enabled").invokeVoid(new Object[] {0});
                Gst.init(REQUIRED, "vigil");
                return null;
            } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
                return "GStreamer is not installed (apt-get install gstreamer1.0-plugins-base)";
            } catch (RuntimeException e) {
                return "GStreamer could not start: " + e.getMessage();
            }
        }
    }

    /** @throws DeviceException GStreamer is missing or too old (one line naming the package) */
    public static void init() throws DeviceException {
        if (Holder.FAILURE != null) {
            throw new DeviceException(Holder.FAILURE);
        }
    }

    /**
     * GStreamer's monotonic system clock. Both device pipelines run on it, so their running times and
     * {@link System#nanoTime()} (hence the session {@link dev.vigil.agent.clock.WallClock}) tick
     * together, and the sound cards are slaved to it instead of the other way round.
     */
    static Clock systemClock() {
        Pointer clock = function("gst_system_clock_obtain").invokePointer(new Object[0]);
        return Natives.callerOwnsReturn(clock, Clock.class);
    }

    /** Asks the sinks again for their latency and redistributes it, after an element said it changed. */
    static void recalculateLatency(Bin bin) {
        function("gst_bin_recalculate_latency").invokeInt(new Object[] {Natives.getRawPointer(bin)});
    }

    /**
     * The appsink's next sample, waiting at most {@code timeoutNanos}; null when none came in that
     * time or the sink is at its end ({@link AppSink#isEOS()} tells which). gst1-java-core binds only
     * the pull that blocks until one of them, which an error upstream never brings.
     */
    public static Sample tryPullSample(AppSink sink, long timeoutNanos) {
        Pointer sample = NativeLibrary.getInstance("gstapp-1.0").getFunction("gst_app_sink_try_pull_sample")
                .invokePointer(new Object[] {Natives.getRawPointer(sink), timeoutNanos});
        return sample == null ? null : Natives.callerOwnsReturn(sample, Sample.class);
    }

    private static Function function(String name) {
        return NativeLibrary.getInstance("gstreamer-1.0").getFunction(name);
    }
}
