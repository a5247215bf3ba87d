package dev.vigil.launch.live;

import dev.vigil.agent.audio.WavWriter;
import dev.vigil.agent.message.AudioFrame;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One audio track of a live run (what the microphone heard, what the loudspeaker played) written to
 * a 16-bit mono WAV as the run goes, on a thread of its own: frames are handed over from device and
 * event-loop threads and never wait for the disk. The file is placed on the session timeline: a gap
 * in the frames (a device that went away) becomes silence, so the tracks of one run stay aligned.
 * The header is patched every second, so a run that is killed still leaves a playable file.
 */
public final class TrackRecorder implements AutoCloseable {

    /** About 40 s of 20 ms frames may wait for the disk; beyond that frames are dropped and counted. */
    private static final int QUEUE = 2048;
    /** A longer jump in timestamps is a broken clock, not a pause: it is filled only this far. */
    private static final long MAX_GAP_SECONDS = 600;
    private static final AudioFrame END = new AudioFrame(0, 1, new short[0]);

    private final WavWriter writer;
    private final int rate;
    private final BlockingQueue<AudioFrame> queue = new ArrayBlockingQueue<>(QUEUE);
    private final AtomicLong dropped = new AtomicLong();
    private final Thread thread;
    private volatile IOException failure;
    private volatile boolean closed;

    /**
     * @param file       created or truncated
     * @param sampleRate the rate of every frame handed over (Hz); others are refused
     * @throws IOException the file cannot be created (the message names it)
     */
    public TrackRecorder(Path file, int sampleRate) throws IOException {
        this.writer = WavWriter.create(file, sampleRate, 1);
        this.rate = sampleRate;
        this.thread = new Thread(this::drain, "vigil-record-" + file.getFileName());
        thread.setDaemon(true);
        thread.start();
    }

    /** Hands a frame over; never blocks. */
    public void accept(AudioFrame frame) {
        if (closed || frame.sampleRate() != rate || !queue.offer(frame)) {
            dropped.incrementAndGet();
        }
    }

    /** Frames that could not be recorded. */
    public long dropped() {
        return dropped.get();
    }

    public IOException failure() {
        return failure;
    }

    private void drain() {
        long lastFlush = System.nanoTime();
        try {
            while (true) {
                AudioFrame frame = queue.poll(1, TimeUnit.SECONDS);
                if (frame == END) {
                    break;
                }
                if (failure != null) {
                    continue;
                }
                try {
                    if (frame != null) {
                        write(frame);
                    }
                    if (System.nanoTime() - lastFlush > 1_000_000_000L) {
                        writer.flush();
                        lastFlush = System.nanoTime();
                    }
                } catch (IOException e) {
                    failure = e;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void write(AudioFrame frame) throws IOException {
        long at = frame.captureNanos() * rate / 1_000_000_000L;
        long gap = Math.min(at - writer.frames(), MAX_GAP_SECONDS * rate);
        if (gap > 0) {
            // Absent audio is silence at its place on the timeline (bounded by the gap itself).
            short[] silence = new short[(int) Math.min(gap, rate)];
            for (long left = gap; left > 0; left -= silence.length) {
                writer.writePcm16(silence, 0, (int) Math.min(left, silence.length));
            }
        }
        int skip = (int) Math.max(0, Math.min(frame.samples().length, writer.frames() - at));
        writer.writePcm16(frame.samples(), skip, frame.samples().length - skip);
    }

    /** Writes what was handed over and completes the file. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            queue.put(END);
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        writer.close();
        if (failure != null) {
            throw failure;
        }
    }
}
