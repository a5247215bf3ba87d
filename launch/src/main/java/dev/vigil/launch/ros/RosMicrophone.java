package dev.vigil.launch.ros;

import dev.vigil.agent.clock.Clock;
import dev.vigil.agent.message.AudioFrame;
import dev.vigil.launch.io.CaptureFrames;
import dev.vigil.launch.io.DeviceException;
import dev.vigil.launch.io.DeviceListener;
import dev.vigil.launch.io.MicrophoneSource;
import dev.vigil.ros.audio.PcmFormat;
import dev.vigil.ros.audio.RosAudioIn;
import dev.vigil.ros.transport.InputProblems;
import dev.vigil.ros.transport.RosException;
import dev.vigil.ros.transport.RosTransport;

import java.nio.ShortBuffer;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The microphone as ROS topics ({@link RosAudioIn}: audio_common's {@code AudioDataStamped} and
 * {@code AudioInfo}), for a robot whose audio is captured by another node, so the agent needs no sound
 * card.
 * <p>
 * Timing: chunks are laid end to end on the session clock by their sample count, the first one ending
 * when it arrives; header stamps only reveal holes. Publishers stamp when they publish (audio_common's
 * capture node does), so a stamp is late whenever the publisher was held up, and a held-up publisher
 * then catches up in a burst. A hole is audio that never comes: the stamps stay later than the stream's
 * place by more than {@value #HOLE_TOLERANCE_MILLIS} ms (or two chunks) for {@value #HOLE_CONFIRM_MILLIS} ms
 * of arrivals. The stream then jumps by the smallest lateness seen, reported as lost
 * ({@link DeviceListener#lost}) where the jump is made, at most that long after the hole. The earliest
 * stamps set the baseline. A stream with no stamps that falls a second behind real time starts again
 * at the present.
 * <p>
 * No chunk for {@value #SILENCE_MILLIS} ms while running (the capture node stopped, or the network
 * dropped) is a device error; the next chunk is its recovery and starts the stream again at the present.
 */
public final class RosMicrophone implements MicrophoneSource {

    static final long HOLE_TOLERANCE_MILLIS = RosAudioIn.HOLE_TOLERANCE_MILLIS;
    static final long HOLE_CONFIRM_MILLIS = RosAudioIn.HOLE_CONFIRM_MILLIS;
    static final long SILENCE_MILLIS = 1_000;
    /** How long to wait for the first chunk before saying nothing comes. */
    static final long FIRST_CHUNK_MILLIS = 3_000;

    private final RosTransport transport;
    private final String audioTopic;
    private final String infoTopic;
    private final PcmFormat assumed;
    private final int channel;
    private volatile boolean muted;
    private RosAudioIn in;
    private ScheduledExecutorService watchdog;

    // The stream's state: guarded by this (a DDS thread and the watchdog touch it).
    private Clock clock;
    private Consumer<AudioFrame> frames;
    private DeviceListener listener;
    private CaptureFrames cutter;
    private int cutterRate;
    private long nextStart = Long.MIN_VALUE;
    private long stampOffset;
    /** When the stamps were first late by more than the tolerance, or MIN_VALUE; and the least lateness since. */
    private long lateSince = Long.MIN_VALUE;
    private long lateMin;
    private long lastArrival;
    private long startedAt;
    private boolean silent;
    private boolean heard;

    /**
     * @param audioTopic {@code AudioDataStamped} chunks, e.g. {@code /audio_stamped}
     * @param infoTopic  their {@code AudioInfo}, e.g. {@code /audio_info}
     * @param assumed    the format until an {@code AudioInfo} arrives
     * @param channel    the 0-based channel to keep, or -1 to mix down
     */
    public RosMicrophone(RosTransport transport, String audioTopic, String infoTopic, PcmFormat assumed, int channel) {
        this.transport = transport;
        this.audioTopic = audioTopic;
        this.infoTopic = infoTopic;
        this.assumed = assumed;
        this.channel = channel;
    }

    /**
     * The microphone as mgonzs13/audio_common's {@code AudioStamped} topic (its capturer's {@code /audio}):
     * the format comes with every chunk, no info topic.
     */
    public static RosMicrophone mgonzs13(RosTransport transport, String audioTopic, int channel) {
        return new RosMicrophone(transport, audioTopic, null, PcmFormat.CAPTURE_NODE_DEFAULT, channel);
    }

    @Override
    public void start(Clock clock, Consumer<AudioFrame> frames, DeviceListener listener) throws DeviceException {
        synchronized (this) {
            this.clock = clock;
            this.frames = frames;
            this.listener = listener;
            startedAt = clock.nanos();
        }
        InputProblems problems = new InputProblems("ROS microphone " + audioTopic, (kind, line) -> listener.rejected(line));
        try {
            in = infoTopic == null ? RosAudioIn.openMgonzs13(transport, audioTopic, channel, this::onChunk, problems)
                    : RosAudioIn.open(transport, audioTopic, infoTopic, assumed, channel, this::onChunk, problems);
        } catch (RosException e) {
            throw new DeviceException("ROS microphone: " + e.getMessage());
        }
        watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "vigil-ros-mic-watchdog");
            t.setDaemon(true);
            return t;
        });
        watchdog.scheduleWithFixedDelay(this::checkSilence, 250, 250, TimeUnit.MILLISECONDS);
    }

    private synchronized void onChunk(long stampNanos, int rate, short[] mono) {
        long now = clock.nanos();
        long duration = mono.length * 1_000_000_000L / rate;
        if (silent) {
            silent = false;
            listener.recovered("ROS microphone " + audioTopic + ": audio again");
            restart();
        }
        if (cutter == null || rate != cutterRate) {
            restart();
            cutter = new CaptureFrames(0, rate, Math.max(1, rate / 50), frames, listener::lost);
            cutterRate = rate;
        }
        long start;
        if (nextStart == Long.MIN_VALUE) {
            start = now - duration;
            stampOffset = stampNanos - start;
        } else {
            start = nextStart;
            if (stampNanos != 0) {
                long late = stampNanos - (start + stampOffset);
                if (late < 0) {
                    stampOffset += late;   // published sooner than any before: the new baseline
                    late = 0;
                }
                if (late <= Math.max(HOLE_TOLERANCE_MILLIS * 1_000_000L, 2 * duration)) {
                    lateSince = Long.MIN_VALUE;
                } else if (lateSince == Long.MIN_VALUE) {
                    lateSince = now;
                    lateMin = late;
                } else {
                    lateMin = Math.min(lateMin, late);
                    if (now - lateSince >= HOLE_CONFIRM_MILLIS * 1_000_000L) {
                        start += lateMin;   // CaptureFrames reports the hole as lost audio
                        lateSince = Long.MIN_VALUE;
                    }
                }
            } else if (now - (start + duration) > SILENCE_MILLIS * 1_000_000L) {
                start = now - duration;
            }
        }
        cutter.add(start, ShortBuffer.wrap(muted ? new short[mono.length] : mono), 1);
        nextStart = start + duration;
        lastArrival = now;
        heard = true;
    }

    /** The next chunk starts a new stream at the present: what came before is sent on. */
    private void restart() {
        if (cutter != null) {
            cutter.flush();
        }
        cutter = null;
        nextStart = Long.MIN_VALUE;
        lateSince = Long.MIN_VALUE;
    }

    private synchronized void checkSilence() {
        if (silent || clock == null) {
            return;
        }
        long now = clock.nanos();
        if (!heard && now - startedAt > FIRST_CHUNK_MILLIS * 1_000_000L) {
            silent = true;
            listener.error("ROS microphone: no audio on " + audioTopic + " yet (" + FIRST_CHUNK_MILLIS / 1000
                    + " s): is a capture node publishing it? (ros2 topic hz " + audioTopic + ")");
        } else if (heard && now - lastArrival > SILENCE_MILLIS * 1_000_000L) {
            silent = true;
            restart();
            listener.error("ROS microphone: no audio on " + audioTopic + " for " + SILENCE_MILLIS / 1000
                    + " s: the capture node stopped or the network dropped it");
        }
    }

    @Override
    public void setMuted(boolean muted) {
        this.muted = muted;
    }

    @Override
    public String describe() {
        if (infoTopic == null) {
            return "ROS " + audioTopic + " (mgonzs13/audio_common AudioStamped)";
        }
        return "ROS " + audioTopic + " (" + (in == null ? assumed : in.format()) + ", format from " + infoTopic + ")";
    }

    @Override
    public void close() {
        if (watchdog != null) {
            watchdog.shutdownNow();
        }
        if (in != null) {
            in.close();
        }
        synchronized (this) {
            restart();
        }
    }
}
