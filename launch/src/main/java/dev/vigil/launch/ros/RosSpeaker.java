package dev.vigil.launch.ros;

import dev.vigil.agent.clock.Clock;
import dev.vigil.agent.message.AudioFrame;
import dev.vigil.agent.runtime.ThreadPriority;
import dev.vigil.launch.io.DeviceException;
import dev.vigil.launch.io.DeviceListener;
import dev.vigil.launch.io.SpeakerSink;
import dev.vigil.ros.msg.AudioDataStamped;
import dev.vigil.ros.msg.AudioInfo;
import dev.vigil.ros.msg.RosHeader;
import dev.vigil.ros.transport.RosException;
import dev.vigil.ros.transport.RosPublisher;
import dev.vigil.ros.transport.RosQos;
import dev.vigil.ros.transport.RosTransport;
import dev.vigil.speech.playback.Loudspeaker;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * The loudspeaker as ROS topics, for a robot whose audio another node plays (audio_common's
 * {@code audio_play_node}, or any subscriber): the robot's voice as {@code audio_common_msgs/AudioDataStamped}
 * chunks of 20 ms, mono S16LE at {@value #RATE} Hz, on one topic ({@code /robot_audio_stamped}), and its
 * format once as {@code AudioInfo} on another ({@code /robot_audio_info}, transient local: late joiners
 * get it).
 * <p>
 * A thread of its own paces the queue on the session clock: every 20 ms it pulls one frame, stamped
 * with when it should play (now + the configured latency of the playing node), and reports it as played
 * (the echo canceller's reference). Chunks are published while the robot has something to say and for
 * {@value #TAIL_FRAMES} frames of silence after, so a player drains cleanly; nothing while it is quiet.
 * The header stamp is the wall-clock (ROS) time the chunk's first sample should play. Both topics are
 * reliable, volatile/transient local, keep last 10, as ROS 2 nodes subscribe by default.
 */
public final class RosSpeaker implements SpeakerSink {

    /** The rate frames are pulled and published at: the agent's loudspeaker rate. */
    public static final int RATE = 16_000;
    static final int FRAME = RATE / 50;
    static final long FRAME_NANOS = 20_000_000L;
    static final int TAIL_FRAMES = 10;
    static final RosQos INFO_QOS = new RosQos(RosQos.Reliability.RELIABLE, RosQos.Durability.TRANSIENT_LOCAL, 1);

    private final RosTransport transport;
    private final String audioTopic;
    private final String infoTopic;
    private final long latencyNanos;
    private RosPublisher<AudioDataStamped> audio;
    private RosPublisher<AudioInfo> info;
    private Thread pacer;
    private volatile boolean running;
    private volatile boolean failing;

    /**
     * @param audioTopic   the chunks, e.g. {@code /robot_audio_stamped}
     * @param infoTopic    their format, e.g. {@code /robot_audio_info}
     * @param latencyMillis how long after publishing the playing node plays a chunk (its buffer): the
     *                      played frames' times, for the echo canceller; 0 if unknown
     */
    public RosSpeaker(RosTransport transport, String audioTopic, String infoTopic, long latencyMillis) {
        this.transport = transport;
        this.audioTopic = audioTopic;
        this.infoTopic = infoTopic;
        this.latencyNanos = latencyMillis * 1_000_000L;
    }

    @Override
    public void start(Clock clock, Loudspeaker loudspeaker, Consumer<AudioFrame> played, DeviceListener listener)
            throws DeviceException {
        try {
            info = transport.publisher(infoTopic, AudioInfo.TYPE, INFO_QOS);
            audio = transport.publisher(audioTopic, AudioDataStamped.TYPE, RosQos.DEFAULT);
            info.publish(new AudioInfo(1, RATE, "S16LE", 0, "wave"));
        } catch (RosException e) {
            close();
            throw new DeviceException("ROS loudspeaker: " + e.getMessage());
        }
        running = true;
        pacer = new Thread(() -> pace(clock, loudspeaker, played, listener), "vigil-ros-speaker");
        pacer.setDaemon(true);
        pacer.start();
    }

    private void pace(Clock clock, Loudspeaker loudspeaker, Consumer<AudioFrame> played, DeviceListener listener) {
        ThreadPriority.ensureNice(ThreadPriority.AUDIO_NICE);
        long next = clock.nanos();
        int silentFrames = TAIL_FRAMES;
        while (running) {
            long wait = next - clock.nanos();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
                continue;
            }
            short[] frame = new short[FRAME];
            boolean busy = loudspeaker.busy();
            long plays = next + latencyNanos;
            loudspeaker.pull(frame, plays);
            played.accept(new AudioFrame(plays, RATE, frame));
            silentFrames = busy || !silent(frame) ? 0 : silentFrames + 1;
            if (silentFrames <= TAIL_FRAMES) {
                publish(frame, plays - clock.nanos(), listener);
            }
            next += FRAME_NANOS;
            if (clock.nanos() - next > 10 * FRAME_NANOS) {
                next = clock.nanos();   // held up far behind (a suspended process): do not burst to catch up
            }
        }
    }

    private void publish(short[] frame, long fromNowNanos, DeviceListener listener) {
        ByteBuffer bytes = ByteBuffer.allocate(frame.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asShortBuffer().put(frame);
        Instant at = Instant.now().plusNanos(fromNowNanos);
        try {
            audio.publish(new AudioDataStamped(RosHeader.at(at, "robot_speaker"), bytes.array()));
            if (failing) {
                failing = false;
                listener.recovered("ROS loudspeaker " + audioTopic + ": publishing again");
            }
        } catch (RosException e) {
            if (!failing) {
                failing = true;
                listener.error("ROS loudspeaker " + audioTopic + ": " + e.getMessage());
            }
        }
    }

    private static boolean silent(short[] frame) {
        for (short s : frame) {
            if (s != 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public long latencyNanos() {
        return latencyNanos;
    }

    @Override
    public String describe() {
        return "ROS " + audioTopic + " (S16LE " + RATE + " Hz mono, format on " + infoTopic + ")";
    }

    @Override
    public void close() {
        running = false;
        if (pacer != null) {
            pacer.interrupt();
            try {
                pacer.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (RosPublisher<?> p : new RosPublisher<?>[]{audio, info}) {
            if (p != null) {
                p.close();
            }
        }
    }
}
