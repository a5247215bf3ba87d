package dev.vigil.launch.io;

import dev.vigil.agent.message.AudioFrame;

import java.nio.ShortBuffer;
import java.util.function.Consumer;

/**
 * Cuts captured buffers, whatever their length, into mono frames of a fixed length stamped on the
 * session clock. A frame's time is the time of the buffer holding its first sample plus that
 * sample's place in it, so times come from the device's timestamps, not from when buffers happen to
 * arrive. When a buffer does not start where the previous one ended (a dropped buffer, a device
 * that came back), the frame in progress is sent short and a new one starts at the new time; a
 * buffer that starts later than that is audio the device lost, reported to {@code lost}.
 * One capture thread calls it; not thread-safe.
 */
public final class CaptureFrames {

    /** Buffers this far from where the last one ended still continue the same stream. */
    private static final long CONTINUITY_TOLERANCE_NANOS = 2_000_000;

    private final int channel;
    private final int rate;
    private final int frameLength;
    private final Consumer<AudioFrame> out;
    private final Lost lost;
    private short[] pending;
    /** Session time just after the last sample taken, or {@link Long#MIN_VALUE} before the first. */
    private long expectedNanos = Long.MIN_VALUE;
    private int filled;
    private long pendingStart;

    /**
     * @param channel     the channel to keep from interleaved input, 0-based (0 for mono input)
     * @param rate        samples per second
     * @param frameLength samples per frame sent
     * @param out         receives each frame; the frame's array is its own
     * @param lost        told of each hole between one buffer and the next
     */
    public CaptureFrames(int channel, int rate, int frameLength, Consumer<AudioFrame> out, Lost lost) {
        this.channel = channel;
        this.rate = rate;
        this.frameLength = frameLength;
        this.out = out;
        this.lost = lost;
    }

    /** Audio the device captured but never delivered: a hole in its timestamps. */
    @FunctionalInterface
    public interface Lost {
        /**
         * @param fromNanos     session time of the first missing sample
         * @param durationNanos how much is missing
         */
        void lost(long fromNanos, long durationNanos);
    }

    /**
     * @param startNanos  session time of the buffer's first sample
     * @param interleaved 16-bit samples, {@code channels} per instant; read from its position to its limit
     * @param channels    channels in the buffer; must exceed the chosen channel
     */
    public void add(long startNanos, ShortBuffer interleaved, int channels) {
        int instants = interleaved.remaining() / channels;
        // Where the last buffer ended is where a frame in progress ends too.
        long gap = expectedNanos == Long.MIN_VALUE ? 0 : startNanos - expectedNanos;
        if (gap > CONTINUITY_TOLERANCE_NANOS) {
            lost.lost(expectedNanos, gap);
        }
        if (Math.abs(gap) > CONTINUITY_TOLERANCE_NANOS) {
            flush();
        }
        expectedNanos = startNanos + nanos(instants);
        int base = interleaved.position();
        for (int i = 0; i < instants; i++) {
            if (pending == null) {
                pending = new short[frameLength];
                filled = 0;
                pendingStart = startNanos + nanos(i);
            }
            pending[filled++] = interleaved.get(base + i * channels + channel);
            if (filled == frameLength) {
                send(pending);
                pending = null;
            }
        }
    }

    /** Sends the frame in progress, shorter than the others, if any. */
    public void flush() {
        if (pending != null && filled > 0) {
            send(java.util.Arrays.copyOf(pending, filled));
        }
        pending = null;
    }

    private void send(short[] samples) {
        out.accept(new AudioFrame(pendingStart, rate, samples));
    }

    private long nanos(int samples) {
        return samples * 1_000_000_000L / rate;
    }
}
