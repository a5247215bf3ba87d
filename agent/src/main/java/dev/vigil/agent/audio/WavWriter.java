package dev.vigil.agent.audio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Appends 16-bit PCM frames to a WAV file as they arrive, so recording an hour of microphone or
 * robot audio needs a fixed 64 KiB buffer rather than the whole session in memory.
 *
 * <p>The header starts out with the streaming placeholders (size 0xFFFFFFFF) that
 * {@link WavFile#read} takes to mean "samples run to the end of the file", so a recording cut
 * short by a crash is still readable. {@link #flush()} and {@link #close()} write the real sizes.
 *
 * <p>Not thread-safe: one producer owns a writer.
 */
public final class WavWriter implements AutoCloseable {

    private static final int HEADER_BYTES = 44;
    private static final int BUFFER_BYTES = 1 << 16;
    // The RIFF size is 32-bit and 0xFFFFFFFF means "unknown", so stop one frame short of it.
    private static final long MAX_RIFF_SIZE = 0xFFFF_FFFEL;

    private final Path file;
    private final int sampleRate;
    private final int channels;
    private final FileChannel out;
    private final ByteBuffer buffer;
    private final long maxDataBytes;
    private long dataBytes;
    private boolean closed;

    private WavWriter(Path file, int sampleRate, int channels, FileChannel out) {
        this.file = file;
        this.sampleRate = sampleRate;
        this.channels = channels;
        this.out = out;
        int blockAlign = 2 * channels;
        this.buffer = ByteBuffer.allocate(Math.max(blockAlign, BUFFER_BYTES / blockAlign * blockAlign))
                .order(ByteOrder.LITTLE_ENDIAN);
        long limit = MAX_RIFF_SIZE - (HEADER_BYTES - 8);
        this.maxDataBytes = limit - limit % blockAlign;
    }

    /** Creates (or truncates) {@code file} and writes a provisional header. */
    public static WavWriter create(Path file, int sampleRate, int channels) throws IOException {
        if (sampleRate < 1 || sampleRate > WavFile.MAX_SAMPLE_RATE) {
            throw new IllegalArgumentException("sample rate must be in 1.." + WavFile.MAX_SAMPLE_RATE + ", got " + sampleRate);
        }
        if (channels < 1 || channels > 0xFFFF / 2) {
            throw new IllegalArgumentException("channel count must be in 1.." + 0xFFFF / 2 + ", got " + channels);
        }
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        WavWriter w = new WavWriter(file, sampleRate, channels, ch);
        try {
            w.writeHeader(0xFFFF_FFFFL, 0xFFFF_FFFFL);
            ch.position(HEADER_BYTES); // samples go through the channel position, the header is patched in place
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
        return w;
    }

    public Path file() {
        return file;
    }

    public int sampleRate() {
        return sampleRate;
    }

    public int channels() {
        return channels;
    }

    /** Frames accepted so far, buffered ones included. */
    public long frames() {
        return dataBytes / (2L * channels);
    }

    /** Appends a clip, which must match this writer's rate and channel count. */
    public void write(PcmAudio audio) throws IOException {
        if (audio.sampleRate() != sampleRate || audio.channels() != channels) {
            throw new IllegalArgumentException("clip is " + audio.sampleRate() + " Hz, " + audio.channels()
                    + " ch; writer expects " + sampleRate + " Hz, " + channels + " ch");
        }
        write(audio.samples(), 0, audio.samples().length);
    }

    /** Appends interleaved float samples, clipped to [-1, 1]; {@code len} must be whole frames. */
    public void write(float[] samples, int off, int len) throws IOException {
        checkSlice(samples.length, off, len);
        reserve(len);
        for (int i = off, end = off + len; i < end; i++) {
            if (!buffer.hasRemaining()) {
                drain();
            }
            buffer.putShort(PcmAudio.pcm16(samples[i]));
        }
    }

    /** Appends interleaved 16-bit samples; {@code len} must be whole frames. */
    public void writePcm16(short[] samples, int off, int len) throws IOException {
        checkSlice(samples.length, off, len);
        reserve(len);
        for (int i = off, end = off + len; i < end; i++) {
            if (!buffer.hasRemaining()) {
                drain();
            }
            buffer.putShort(samples[i]);
        }
    }

    /**
     * Pushes buffered frames to the file and patches the header, leaving a complete WAV as of
     * now; a crash afterwards loses only what was written since.
     */
    public void flush() throws IOException {
        ensureOpen();
        drain();
        writeHeader(HEADER_BYTES - 8 + dataBytes, dataBytes);
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try (out) {
            drain();
            writeHeader(HEADER_BYTES - 8 + dataBytes, dataBytes);
        }
    }

    private void checkSlice(int arrayLength, int off, int len) throws IOException {
        ensureOpen();
        if (off < 0 || len < 0 || off > arrayLength - len) {
            throw new IndexOutOfBoundsException("slice [" + off + ", " + off + "+" + len + ") of " + arrayLength);
        }
        if (len % channels != 0) {
            throw new IllegalArgumentException(len + " samples is not a whole number of " + channels + "-channel frames");
        }
    }

    // Checked up front so a rejected write leaves the file consistent rather than half-appended.
    private void reserve(int samples) throws IOException {
        long bytes = 2L * samples;
        if (dataBytes + bytes > maxDataBytes) {
            throw new IOException(file + ": WAV size limit (4 GiB) reached after " + frames()
                    + " frames; start a new file");
        }
        dataBytes += bytes;
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException(file + ": writer is closed");
        }
    }

    private void drain() throws IOException {
        buffer.flip();
        while (buffer.hasRemaining()) {
            out.write(buffer);
        }
        buffer.clear();
    }

    private void writeHeader(long riffSize, long dataSize) throws IOException {
        ByteBuffer h = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        h.put(new byte[] {'R', 'I', 'F', 'F'}).putInt((int) riffSize).put(new byte[] {'W', 'A', 'V', 'E'});
        h.put(new byte[] {'f', 'm', 't', ' '}).putInt(16)
                .putShort((short) 1)
                .putShort((short) channels)
                .putInt(sampleRate)
                .putInt((int) Math.min(0xFFFF_FFFFL, (long) sampleRate * 2 * channels))
                .putShort((short) (2 * channels))
                .putShort((short) 16);
        h.put(new byte[] {'d', 'a', 't', 'a'}).putInt((int) dataSize);
        h.flip();
        long pos = 0;
        while (h.hasRemaining()) {
            pos += out.write(h, pos);
        }
    }
}
