package dev.vigil.ros.audio;

import dev.vigil.ros.msg.AudioDataStamped;
import dev.vigil.ros.msg.AudioInfo;
import dev.vigil.ros.msg.AudioStamped;
import dev.vigil.ros.transport.InputProblems;
import dev.vigil.ros.transport.RosException;
import dev.vigil.ros.transport.RosListener;
import dev.vigil.ros.transport.RosQos;
import dev.vigil.ros.transport.RosTransport;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A microphone on ROS 2 topics, as ros-drivers/audio_common's {@code audio_capture_node} publishes it:
 * {@code audio_common_msgs/AudioDataStamped} chunks on one topic ({@code /audio_stamped}), their format
 * as {@code AudioInfo} on another ({@code /audio_info}, transient local: the last one reaches late
 * joiners). Each chunk is handed on as mono 16-bit samples at the stream's own rate.
 * <p>
 * Until an {@code AudioInfo} arrives the configured format is assumed, and a warning says so once.
 * Bad input is counted by kind and logged once per kind ({@link InputProblems}), and the stream goes on:
 * {@code malformed} (a sample that is not valid CDR of the type), {@code unsupported_format} (an
 * {@code AudioInfo} of compressed audio or an unknown sample format; its chunks are dropped until a
 * usable one comes), {@code contradicts_info} (a chunk that is not whole instants of the announced
 * format: dropped). QoS: chunks best effort, keep last 10 (a best-effort reader also matches the
 * capture node's reliable writer); info reliable, transient local, keep last 1, as the node offers it.
 * <p>
 * {@link #openMgonzs13} reads mgonzs13/audio_common's {@code AudioStamped} instead: one topic, the
 * format in every chunk, the samples in a typed array (PortAudio's float32, int32, int16, int8, uint8).
 */
public final class RosAudioIn implements AutoCloseable {

    /** Receives the stream on a DDS thread; must not block. */
    @FunctionalInterface
    public interface Chunks {
        /**
         * @param stampNanos the chunk's header stamp in nanoseconds (the publisher's clock; 0 when unset)
         * @param sampleRate instants per second
         * @param mono       one 16-bit sample per instant; the array is the receiver's
         */
        void audio(long stampNanos, int sampleRate, short[] mono);
    }

    /**
     * A hole in a stream is audio that never comes: its chunks' stamps (set as they are published) stay
     * later than their place in the stream by more than this, or two chunks, …
     */
    public static final long HOLE_TOLERANCE_MILLIS = 100;
    /** … for this long (of arrivals live, of stamps in a bag); a held-up publisher catches up sooner. */
    public static final long HOLE_CONFIRM_MILLIS = 300;

    static final RosQos AUDIO_QOS = new RosQos(RosQos.Reliability.BEST_EFFORT, RosQos.Durability.VOLATILE, 10);
    static final RosQos INFO_QOS = new RosQos(RosQos.Reliability.RELIABLE, RosQos.Durability.TRANSIENT_LOCAL, 1);

    private final String audioTopic;
    private final int channel;
    private final Chunks chunks;
    private final InputProblems problems;
    private final AtomicLong received = new AtomicLong();
    private volatile PcmFormat format;
    private volatile boolean announced;
    /** Why the announced format cannot be used, or null. */
    private volatile String unusable;
    private AutoCloseable audioSubscription;
    private AutoCloseable infoSubscription;

    private RosAudioIn(String audioTopic, PcmFormat assumed, int channel, Chunks chunks, InputProblems problems) {
        this.audioTopic = audioTopic;
        this.format = assumed;
        this.channel = channel;
        this.chunks = chunks;
        this.problems = problems;
    }

    /**
     * Subscribes to both topics.
     *
     * @param audioTopic {@code AudioDataStamped} chunks, e.g. {@code /audio_stamped}
     * @param infoTopic  their {@code AudioInfo}, e.g. {@code /audio_info}
     * @param assumed    the format until an {@code AudioInfo} arrives
     * @param channel    the 0-based channel to keep, or -1 to mix all channels down
     * @param chunks     receives each usable chunk
     * @param problems   counts and logs bad input
     * @throws RosException a topic name is not valid, or DDS refused (one line)
     */
    public static RosAudioIn open(RosTransport transport, String audioTopic, String infoTopic, PcmFormat assumed,
                                  int channel, Chunks chunks, InputProblems problems) throws RosException {
        RosAudioIn in = new RosAudioIn(audioTopic, assumed, channel, chunks, problems);
        in.infoSubscription = transport.subscribe(infoTopic, AudioInfo.TYPE, INFO_QOS, new RosListener<>() {
            @Override
            public void message(AudioInfo info) {
                in.onInfo(info);
            }

            @Override
            public void malformed(String problem) {
                problems.report("malformed", problem);
            }
        });
        try {
            in.audioSubscription = transport.subscribe(audioTopic, AudioDataStamped.TYPE, AUDIO_QOS, new RosListener<>() {
                @Override
                public void message(AudioDataStamped chunk) {
                    in.onChunk(chunk);
                }

                @Override
                public void malformed(String problem) {
                    problems.report("malformed", problem);
                }
            });
        } catch (RosException e) {
            in.close();
            throw e;
        }
        return in;
    }

    /**
     * Subscribes to mgonzs13/audio_common's {@code AudioStamped} chunks (its capturer publishes them on
     * {@code /audio}, sensor data QoS). Bad input is counted by kind as for {@link #open}:
     * {@code malformed}, {@code unsupported_format} (a PortAudio format it cannot read, e.g. paInt24),
     * {@code contradicts_info} (the format's array is empty, or not whole instants of its channels, or a
     * rate or channel count out of range).
     *
     * @param topic   e.g. {@code /audio}
     * @param channel the 0-based channel to keep, or -1 to mix all channels down
     * @throws RosException the topic name is not valid, or DDS refused (one line)
     */
    public static RosAudioIn openMgonzs13(RosTransport transport, String topic, int channel, Chunks chunks,
                                          InputProblems problems) throws RosException {
        RosAudioIn in = new RosAudioIn(topic, PcmFormat.CAPTURE_NODE_DEFAULT, channel, chunks, problems);
        in.announced = true;
        in.audioSubscription = transport.subscribe(topic, AudioStamped.TYPE, AUDIO_QOS, new RosListener<>() {
            @Override
            public void message(AudioStamped chunk) {
                in.onTypedChunk(chunk);
            }

            @Override
            public void malformed(String problem) {
                problems.report("malformed", problem);
            }
        });
        return in;
    }

    private void onTypedChunk(AudioStamped chunk) {
        received.incrementAndGet();
        PcmFormat.Mono mono;
        try {
            mono = typedMono(chunk, channel);
        } catch (UnsupportedOperationException e) {
            problems.report("unsupported_format", "chunk dropped: " + e.getMessage());
            return;
        } catch (IllegalArgumentException e) {
            problems.report("contradicts_info", "chunk dropped: " + e.getMessage());
            return;
        }
        deliver(chunk.header().stampNanos(), chunk.rate(), mono);
    }

    /** Hands on a chunk's samples; NaN or infinite ones (now silence) are bad input, counted. */
    private void deliver(long stampNanos, int rate, PcmFormat.Mono mono) {
        mono.reportNonFinite(problems);
        if (mono.samples().length > 0) {
            chunks.audio(stampNanos, rate, mono.samples());
        }
    }

    /**
     * One channel (or the mean of all) of an {@code AudioStamped}'s samples, as 16-bit.
     *
     * @throws UnsupportedOperationException a format other than float32, int32, int16, int8, uint8
     * @throws IllegalArgumentException      the info contradicts the samples (one line)
     */
    public static PcmFormat.Mono typedMono(AudioStamped a, int channel) {
        int channels = a.channels();
        if (channels < 1 || channels > 64) {
            throw new IllegalArgumentException("channels " + channels + " (1–64)");
        }
        if (a.rate() < 8_000 || a.rate() > 192_000) {
            throw new IllegalArgumentException("rate " + a.rate() + " Hz (8000–192000)");
        }
        if (channel >= channels) {
            throw new IllegalArgumentException("channel " + channel + " was chosen (microphone.channel), the audio has " + channels);
        }
        int length = switch (a.format()) {
            case AudioStamped.PA_FLOAT32 -> a.float32().length;
            case AudioStamped.PA_INT32 -> a.int32().length;
            case AudioStamped.PA_INT16 -> a.int16().length;
            case AudioStamped.PA_INT8 -> a.int8().length;
            case AudioStamped.PA_UINT8 -> a.uint8().length;
            default -> throw new UnsupportedOperationException("PortAudio format " + a.format()
                    + " is not supported (float32 1, int32 2, int16 8, int8 16, uint8 32)");
        };
        if (length % channels != 0) {
            throw new IllegalArgumentException(length + " samples are not whole instants of " + channels + " channels");
        }
        short[] mono = new short[length / channels];
        int nonFinite = 0;
        int from = channel < 0 ? 0 : channel;
        int to = channel < 0 ? channels : channel + 1;
        for (int i = 0; i < mono.length; i++) {
            double sum = 0;
            for (int c = from; c < to; c++) {
                int k = i * channels + c;
                sum += switch (a.format()) {
                    case AudioStamped.PA_FLOAT32 -> a.float32()[k] * 32767.0;
                    case AudioStamped.PA_INT32 -> a.int32()[k] / 65536.0;
                    case AudioStamped.PA_INT16 -> a.int16()[k];
                    case AudioStamped.PA_INT8 -> a.int8()[k] * 256.0;
                    default -> ((a.uint8()[k] & 0xff) - 128) * 256.0;
                };
            }
            nonFinite += Double.isFinite(sum) ? 0 : 1;
            mono[i] = PcmFormat.sample16(sum / (to - from));
        }
        return new PcmFormat.Mono(mono, nonFinite);
    }

    /** The format chunks are read in now: the last usable {@code AudioInfo}'s, else the assumed one. */
    public PcmFormat format() {
        return format;
    }

    /** Chunks received so far, usable or not. */
    public long received() {
        return received.get();
    }

    private void onInfo(AudioInfo info) {
        try {
            PcmFormat announcedFormat = PcmFormat.of(info);
            if (channel >= announcedFormat.channels()) {
                throw new IllegalArgumentException("channel " + channel + " was chosen (microphone.channel), the audio has "
                        + announcedFormat.channels());
            }
            format = announcedFormat;
            unusable = null;
        } catch (IllegalArgumentException e) {
            unusable = e.getMessage();
            problems.report("unsupported_format", e.getMessage());
        }
        announced = true;
    }

    private void onChunk(AudioDataStamped chunk) {
        received.incrementAndGet();
        String why = unusable;
        if (why != null) {
            problems.report("unsupported_format", "chunk dropped: " + why);
            return;
        }
        PcmFormat f = format;
        if (!announced) {
            problems.warnOnce("assumed_format", "no AudioInfo yet: reading chunks as " + f
                    + " (the configured ros.audio_format) until one comes");
        }
        PcmFormat.Mono mono;
        try {
            mono = f.toMono(chunk.data(), channel);
        } catch (IllegalArgumentException e) {
            problems.report("contradicts_info", "chunk dropped: " + e.getMessage());
            return;
        }
        deliver(chunk.header().stampNanos(), f.sampleRate(), mono);
    }

    /** The topic the chunks come on. */
    public String audioTopic() {
        return audioTopic;
    }

    @Override
    public void close() {
        for (AutoCloseable s : new AutoCloseable[]{audioSubscription, infoSubscription}) {
            if (s != null) {
                try {
                    s.close();
                } catch (Exception e) {
                    // Leaving the graph ends it anyway.
                }
            }
        }
    }
}
