package dev.vigil.ros.bag;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32;

/**
 * An MCAP file read from its start a record at a time: each record's length checked against the
 * file's size and a limit before anything is allocated, and every byte read summed into the data
 * section's CRC until {@link #stopCounting()}. Positional reads elsewhere ({@code peek…}, {@link #crcOf})
 * neither move nor count. Not thread-safe.
 */
final class RecordSource implements Closeable {

    private final Path file;
    private final FileChannel in;
    private final long size;
    private final long maxRecordBytes;
    private long pos;
    private final CRC32 dataCrc = new CRC32();
    private boolean counting = true;

    private RecordSource(Path file, FileChannel in, long maxRecordBytes) throws IOException {
        this.file = file;
        this.in = in;
        this.size = in.size();
        this.maxRecordBytes = maxRecordBytes;
    }

    static RecordSource open(Path file, long maxRecordBytes) throws IOException {
        FileChannel in = FileChannel.open(file, StandardOpenOption.READ);
        try {
            return new RecordSource(file, in, maxRecordBytes);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /** The next byte to read, from the file's start. */
    long position() {
        return pos;
    }

    long size() {
        return size;
    }

    /** The data section's CRC-32 of every byte read so far. */
    long dataCrc() {
        return dataCrc.getValue();
    }

    /** The data section ended: later bytes are not summed. */
    void stopCounting() {
        counting = false;
    }

    McapException fail(long offset, String problem) {
        return new McapException(file, offset, problem);
    }

    /**
     * Checks that a whole record prefix is at {@link #position()} and that its length fits in the
     * file; returns its opcode without reading past it.
     *
     * @param expected what should still come, for the message of a file that ends here ("its Footer")
     */
    int checkRecordHeader(String expected) throws IOException {
        long at = pos;
        if (at == size) {
            throw fail(at, "the file ends here, before " + expected + ": cut short (a recording that was stopped?)");
        }
        if (size - at < Mcap.RECORD_PREFIX) {
            throw fail(at, "the file ends " + (size - at) + " bytes into a record's opcode and length: cut short");
        }
        ByteBuffer head = ByteBuffer.allocate(Mcap.RECORD_PREFIX).order(ByteOrder.LITTLE_ENDIAN);
        readAt(at, head.array(), Mcap.RECORD_PREFIX);
        int opcode = head.get(0) & 0xFF;
        long length = head.getLong(1);
        long left = size - at - Mcap.RECORD_PREFIX;
        if (length < 0 || length > left) {
            throw fail(at, Mcap.name(opcode) + " of " + Long.toUnsignedString(length)
                    + " bytes runs past the end of the file (" + left + " bytes left): cut short or corrupt");
        }
        if (opcode == 0) {
            throw fail(at, "opcode 0x00 is not a record: corrupt");
        }
        return opcode;
    }

    /** The content length of the record at {@code at} (checked by {@link #checkRecordHeader}). */
    long length(long at) throws IOException {
        return peekLong(at + 1);
    }

    /** Reads the whole record at {@link #position()} (= {@code at}) and returns its content. */
    byte[] readRecord(long at) throws IOException {
        long length = length(at);
        if (length > maxRecordBytes) {
            throw fail(at, Mcap.name(peekByte(at)) + " of " + length + " bytes is over this reader's limit of " + maxRecordBytes);
        }
        consume(Mcap.RECORD_PREFIX);
        byte[] content = new byte[(int) length];
        readAt(pos, content, content.length);
        count(content, content.length);
        pos += length;
        return content;
    }

    /** Moves past the record at {@link #position()}, reading it through in blocks while the CRC is summed. */
    void skipRecord(long at) throws IOException {
        long length = length(at);
        consume(Mcap.RECORD_PREFIX);
        if (!counting) {
            pos += length;
            return;
        }
        byte[] block = new byte[(int) Math.min(64 * 1024, Math.max(1, length))];
        for (long left = length; left > 0; ) {
            int n = (int) Math.min(block.length, left);
            readAt(pos, block, n);
            count(block, n);
            pos += n;
            left -= n;
        }
    }

    /** Moves past {@code n} bytes at {@link #position()}, summing them. */
    void consume(int n) throws IOException {
        byte[] b = new byte[n];
        readAt(pos, b, n);
        count(b, n);
        pos += n;
    }

    /** The CRC-32 of bytes {@code from} (inclusive) to {@code to} (exclusive). */
    long crcOf(long from, long to) throws IOException {
        CRC32 crc = new CRC32();
        byte[] block = new byte[64 * 1024];
        for (long p = from; p < to; ) {
            int n = (int) Math.min(block.length, to - p);
            readAt(p, block, n);
            crc.update(block, 0, n);
            p += n;
        }
        return crc.getValue();
    }

    long peekLong(long at) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        readAt(at, b.array(), 8);
        return b.getLong(0);
    }

    private int peekByte(long at) throws IOException {
        byte[] b = new byte[1];
        readAt(at, b, 1);
        return b[0] & 0xFF;
    }

    /** Reads {@code n} bytes at {@code at} into {@code into}; the caller has checked that the file holds them. */
    void readAt(long at, byte[] into, int n) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(into, 0, n);
        while (b.hasRemaining()) {
            int r = in.read(b, at + b.position());
            if (r < 0) {
                throw fail(at + b.position(), "the file ends here: it shrank while being read");
            }
        }
    }

    private void count(byte[] b, int n) {
        if (counting) {
            dataCrc.update(b, 0, n);
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
