package dev.vigil.ros.bag;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.zip.CRC32;

/**
 * Reads the messages of an MCAP file (specification at mcap.dev, major version 0) in log-time order,
 * as rosbag2 and {@code @mcap/core} write them: messages in chunks (uncompressed, {@code zstd} or
 * {@code lz4}) or loose in the data section, with or without a summary.
 * <p>
 * The file is read from start to end, a record at a time, and only as far as the messages asked for:
 * the summary is not needed (a bag whose recording was killed reads up to its last whole chunk). On
 * opening, a scan of the record headers notes each chunk's {@code message_start_time} (8 bytes read per
 * record, the summary not trusted); a message is handed out once no chunk still unread can start before
 * it, so the order is log-time order across chunks that overlap or come out of order (equal times keep
 * file order). Memory: the chunks read but not yet handed out; a file whose last chunk starts before all
 * the others is held whole.
 * <p>
 * Everything the file says is checked before it is used: magic, record lengths against the file's size
 * and against {@link #DEFAULT_MAX_RECORD_BYTES} (no allocation of a size a corrupt field claims), the CRCs of
 * chunks, of the data section and of the summary (when the writer put them there: 0 means none), the
 * compression, that messages name channels and channels schemas defined before them, UTF-8 strings.
 * A problem is one {@link McapException}, one line naming the file, the byte offset and the problem;
 * the messages read before it are handed out first (a file cut short yields what it holds, then reports
 * the cut), then every later call throws the same exception.
 * <p>
 * Not thread-safe: one reader per thread.
 */
public final class McapReader implements Closeable {

    /** The largest record, or chunk once decompressed, read by default: 256 MiB. */
    public static final long DEFAULT_MAX_RECORD_BYTES = 256L << 20;

    private record Pending(long logTime, long order, BagMessage message) {
    }

    private static final Comparator<Pending> LOG_TIME_ORDER = (a, b) -> {
        int c = Long.compareUnsigned(a.logTime(), b.logTime());
        return c != 0 ? c : Long.compare(a.order(), b.order());
    };

    private final RecordSource src;
    private final long maxRecordBytes;

    private String profile;
    private String library;
    private final Map<Integer, McapSchema> schemas = new HashMap<>();
    private final Map<Integer, McapChannel> channels = new LinkedHashMap<>();
    private final PriorityQueue<Pending> pending = new PriorityQueue<>(LOG_TIME_ORDER);
    private long order;
    /** File offsets of the Chunk and Message records (the pre-scan), in file order. */
    private long[] sourceOffsets = new long[64];
    /** For each of them, the earliest log time it or any source after it can hold (unsigned). */
    private long[] laterStart = new long[64];
    private int sources;
    private int nextSource;
    /** The last {@link #nextSourceStart()} answer and where it was read. */
    private long peekedAt = -1;
    private long peekedStart;

    private boolean dataEnded;
    /** Where the summary starts: just after the Data End record; -1 until one is read. */
    private long afterDataEnd = -1;
    private boolean finished;
    private McapException failure;
    private McapStatistics statistics;

    private McapReader(RecordSource src, long maxRecordBytes) {
        this.src = src;
        this.maxRecordBytes = maxRecordBytes;
    }

    /**
     * Opens {@code file} and reads its magic and Header.
     *
     * @throws McapException not an MCAP file, or no Header after the magic
     * @throws IOException   the file cannot be opened
     */
    public static McapReader open(Path file) throws IOException {
        return open(file, DEFAULT_MAX_RECORD_BYTES);
    }

    /**
     * @param maxRecordBytes the largest record, and chunk once decompressed, to read (a larger one is an error)
     * @see #open(Path)
     */
    public static McapReader open(Path file, long maxRecordBytes) throws IOException {
        if (maxRecordBytes < 1 || maxRecordBytes > Integer.MAX_VALUE - 64) {
            throw new IllegalArgumentException("maxRecordBytes must be 1 to 2^31 − 65 (a Java array), was " + maxRecordBytes);
        }
        RecordSource src = RecordSource.open(file, maxRecordBytes);
        try {
            McapReader reader = new McapReader(src, maxRecordBytes);
            reader.readStart();
            return reader;
        } catch (IOException | RuntimeException e) {
            src.close();
            throw e;
        }
    }

    /** The Header's profile: {@code ros2} for rosbag2. */
    public String profile() {
        return profile;
    }

    /** The Header's library: who wrote the file. */
    public String library() {
        return library;
    }

    /** The channels read so far, by id (all of them once {@link #next()} returned null). */
    public Map<Integer, McapChannel> channels() {
        return Map.copyOf(channels);
    }

    /** The summary's Statistics record, once {@link #next()} returned null; empty before, or if there is none. */
    public Optional<McapStatistics> statistics() {
        return Optional.ofNullable(statistics);
    }

    /**
     * The next message in log-time order, or null after the last one (the summary and footer then read
     * and checked).
     *
     * @throws McapException the file is malformed, or ends, where the next message would be read from
     */
    public BagMessage next() throws McapException {
        while (true) {
            if (!pending.isEmpty()) {
                Long nextStart = dataEnded || failure != null ? null : nextSourceStart();
                if (nextStart == null || Long.compareUnsigned(pending.peek().logTime(), nextStart) <= 0) {
                    return pending.poll().message();
                }
                loadSource();
            } else {
                if (failure != null) {
                    throw failure;
                }
                if (dataEnded) {
                    if (!finished) {
                        finished = true;
                        try {
                            readSummaryAndFooter();
                        } catch (McapException e) {
                            failure = e;
                            throw e;
                        }
                    }
                    return null;
                }
                if (nextSourceStart() != null) {
                    loadSource();
                }
            }
        }
    }

    /**
     * Every message in log-time order.
     *
     * @throws McapException as {@link #next()}: read message by message to keep those before a problem
     */
    public List<BagMessage> readAll() throws McapException {
        List<BagMessage> all = new ArrayList<>();
        for (BagMessage m; (m = next()) != null; ) {
            all.add(m);
        }
        return all;
    }

    @Override
    public void close() throws IOException {
        src.close();
    }

    // ---- the start

    private void readStart() throws IOException {
        byte[] magic = new byte[(int) Math.min(Mcap.MAGIC.length, src.size())];
        src.readAt(0, magic, magic.length);
        if (magic.length < Mcap.MAGIC.length || !Arrays.equals(magic, 0, 5, Mcap.MAGIC, 0, 5)
                || !Arrays.equals(magic, 6, 8, Mcap.MAGIC, 6, 8)) {
            throw fail(0, "not an MCAP file: it does not start with the MCAP magic (89 4D 43 41 50 30 0D 0A)");
        }
        if (magic[5] != '0') {
            throw fail(5, "MCAP major version '" + (char) (magic[5] & 0xFF) + "' is not supported (only '0')");
        }
        src.consume(Mcap.MAGIC.length);
        long at = src.position();
        int opcode = src.checkRecordHeader(expected());
        if (opcode != Mcap.HEADER) {
            throw fail(at, "expected the Header record after the magic, found " + Mcap.name(opcode));
        }
        RecordCursor c = new RecordCursor(src.readRecord(at));
        try {
            profile = c.string("profile");
            library = c.string("library");
        } catch (RecordCursor.Malformed e) {
            throw fail(at, "Header: " + e.getMessage());
        }
        scanSources();
    }

    /**
     * Notes where each Chunk and Message record of the data section is and the earliest log time it
     * can hold, up to Data End, the Footer or the first record that does not fit (reading will report
     * that one when it gets there); then, from the last back, the earliest of each and all after it.
     */
    private void scanSources() throws IOException {
        ByteBuffer head = ByteBuffer.allocate(Mcap.RECORD_PREFIX + 6 + 8).order(ByteOrder.LITTLE_ENDIAN);   // through a Message's log_time
        long size = src.size();
        for (long p = src.position(); size - p >= Mcap.RECORD_PREFIX; ) {
            int n = (int) Math.min(head.capacity(), size - p);
            src.readAt(p, head.array(), n);
            int opcode = head.get(0) & 0xFF;
            long length = head.getLong(1);
            if (length < 0 || length > size - p - Mcap.RECORD_PREFIX || opcode == Mcap.DATA_END || opcode == Mcap.FOOTER) {
                break;
            }
            if (opcode == Mcap.CHUNK && length >= 8) {
                addSource(p, head.getLong(Mcap.RECORD_PREFIX));
            } else if (opcode == Mcap.MESSAGE && length >= 22) {
                addSource(p, head.getLong(Mcap.RECORD_PREFIX + 6));
            }
            p += Mcap.RECORD_PREFIX + length;
        }
        for (int i = sources - 2; i >= 0; i--) {
            if (Long.compareUnsigned(laterStart[i + 1], laterStart[i]) < 0) {
                laterStart[i] = laterStart[i + 1];
            }
        }
    }

    private void addSource(long offset, long start) {
        if (sources == sourceOffsets.length) {
            sourceOffsets = Arrays.copyOf(sourceOffsets, sources * 2);
            laterStart = Arrays.copyOf(laterStart, sources * 2);
        }
        sourceOffsets[sources] = offset;
        laterStart[sources++] = start;
    }

    /** The earliest log time the source at {@code at}, or any after it, can hold; {@code own} if the scan did not reach it. */
    private long earliestFrom(long at, long own) {
        while (nextSource < sources && sourceOffsets[nextSource] < at) {
            nextSource++;
        }
        return nextSource < sources && sourceOffsets[nextSource] == at ? laterStart[nextSource] : own;
    }

    // ---- the data section

    /**
     * Reads past schemas, channels, indexes, attachments and unknown records to the next Chunk or
     * Message record and returns the earliest log time it or any record after it can hold, without
     * reading it; null at the end of the data section (Data End or Footer) or on a problem
     * ({@link #failure} then set).
     */
    private Long nextSourceStart() {
        if (peekedAt == src.position()) {
            return peekedStart;   // asked again for each message handed out: read the record's head once
        }
        try {
            while (true) {
                long at = src.position();
                int opcode = src.checkRecordHeader(expected());
                long length = src.length(at);
                switch (opcode) {
                    case Mcap.CHUNK -> {
                        if (length < 8) {
                            throw fail(at, "Chunk of " + length + " bytes has no message_start_time");
                        }
                        return peeked(at, earliestFrom(at, src.peekLong(at + Mcap.RECORD_PREFIX)));
                    }
                    case Mcap.MESSAGE -> {
                        if (length < 22) {
                            throw fail(at, "Message of " + length + " bytes is shorter than its fixed fields (22)");
                        }
                        return peeked(at, earliestFrom(at, src.peekLong(at + Mcap.RECORD_PREFIX + 6)));
                    }
                    case Mcap.SCHEMA, Mcap.CHANNEL -> define(opcode, src.readRecord(at), at, "");
                    case Mcap.DATA_END -> {
                        long computed = src.dataCrc();
                        RecordCursor c = new RecordCursor(src.readRecord(at));
                        long recorded = c.u32("data_section_crc");
                        if (recorded != 0 && recorded != computed) {
                            throw fail(at, String.format("data section CRC mismatch: the bytes before Data End give %08x,"
                                    + " Data End says %08x", computed, recorded));
                        }
                        dataEnded = true;
                        afterDataEnd = src.position();
                        src.stopCounting();
                        return null;
                    }
                    case Mcap.FOOTER -> {
                        dataEnded = true;   // no Data End: allowed by files from before it existed
                        return null;
                    }
                    case Mcap.HEADER -> throw fail(at, "a second Header record");
                    default -> src.skipRecord(at);
                }
            }
        } catch (McapException e) {
            failure = e;
        } catch (RecordCursor.Malformed e) {
            failure = fail(src.position(), e.getMessage());
        } catch (IOException e) {
            failure = fail(src.position(), "reading failed: " + e.getMessage());
        }
        return null;
    }

    private Long peeked(long at, long start) {
        peekedAt = at;
        peekedStart = start;
        return start;
    }

    /** Reads the Chunk or Message record at the source's position into {@link #pending}. */
    private void loadSource() {
        long at = src.position();
        try {
            int opcode = src.checkRecordHeader(expected());
            byte[] content = src.readRecord(at);
            if (opcode == Mcap.MESSAGE) {
                pending.add(message(new RecordCursor(content), at, ""));
            } else {
                chunk(content, at);
            }
        } catch (McapException e) {
            failure = e;
        } catch (IOException e) {
            failure = fail(at, "reading failed: " + e.getMessage());
        }
    }

    private void chunk(byte[] content, long at) throws McapException {
        RecordCursor c = new RecordCursor(content);
        byte[] records;
        long crc;
        McapCompression compression;
        long start;
        long end;
        try {
            start = c.u64("message_start_time");
            end = c.u64("message_end_time");
            long uncompressedSize = c.size64("uncompressed_size");
            crc = c.u32("uncompressed_crc");
            String name = c.string("compression");
            ByteBuffer stored = c.bytes64("records");
            compression = McapCompression.ofWireName(name);
            if (compression == null) {
                throw fail(at, "Chunk compression \"" + name + "\" is not supported (only " + McapCompression.supported() + ")");
            }
            if (uncompressedSize > maxRecordBytes) {
                throw fail(at, "Chunk says its records are " + uncompressedSize + " bytes uncompressed, over this reader's limit of "
                        + maxRecordBytes);
            }
            byte[] compressed = new byte[stored.remaining()];
            stored.get(compressed);
            records = compression.decompress(compressed, (int) uncompressedSize);
        } catch (RecordCursor.Malformed e) {
            throw fail(at, "Chunk: " + e.getMessage());
        } catch (McapException e) {
            throw e;
        } catch (IOException e) {
            throw fail(at, "Chunk: " + e.getMessage());
        }
        if (crc != 0) {
            CRC32 computed = new CRC32();
            computed.update(records);
            if (computed.getValue() != crc) {
                throw fail(at, String.format("Chunk CRC mismatch: its %s records give %08x, the chunk says %08x",
                        compression, computed.getValue(), crc));
            }
        }
        RecordCursor r = new RecordCursor(records);
        while (r.remaining() > 0) {
            int inner = r.position();
            String where = "in the Chunk's records at +" + inner + ": ";
            try {
                int opcode = r.u8("opcode");
                long length = r.size64("record length");
                if (length > r.remaining()) {
                    throw fail(at, where + Mcap.name(opcode) + " of " + length + " bytes runs past the chunk's end ("
                            + r.remaining() + " bytes left)");
                }
                ByteBuffer body = ByteBuffer.wrap(records, r.position(), (int) length);
                r.skip(length, "record");
                switch (opcode) {
                    case Mcap.SCHEMA, Mcap.CHANNEL -> define(opcode, copy(body), at, where);
                    case Mcap.MESSAGE -> {
                        // The order of the whole file rests on these bounds: a message outside them is an error.
                        Pending m = message(new RecordCursor(body), at, where);
                        if (Long.compareUnsigned(m.logTime(), start) < 0 || Long.compareUnsigned(m.logTime(), end) > 0) {
                            throw fail(at, where + "Message log time " + Long.toUnsignedString(m.logTime())
                                    + " is outside its Chunk's " + Long.toUnsignedString(start) + " to " + Long.toUnsignedString(end));
                        }
                        pending.add(m);
                    }
                    default -> {
                        // Private and future records inside chunks are allowed; readers skip them.
                    }
                }
            } catch (RecordCursor.Malformed e) {
                throw fail(at, where + e.getMessage());
            }
        }
    }

    /** Parses a Message record, for {@link #pending}. */
    private Pending message(RecordCursor c, long at, String where) throws McapException {
        try {
            int channelId = c.u16("channel_id");
            long sequence = c.u32("sequence");
            long logTime = c.u64("log_time");
            long publishTime = c.u64("publish_time");
            McapChannel channel = channels.get(channelId);
            if (channel == null) {
                throw fail(at, where + "Message on channel " + channelId + ", which no Channel record before it defines");
            }
            BagMessage m = new BagMessage(channel, sequence, logTime, publishTime, c.rest());
            return new Pending(logTime, order++, m);
        } catch (RecordCursor.Malformed e) {
            throw fail(at, where + "Message: " + e.getMessage());
        }
    }

    /** A Schema or Channel record, in the data section or the summary: a repeat must be identical. */
    private void define(int opcode, byte[] content, long at, String where) throws McapException {
        RecordCursor c = new RecordCursor(content);
        try {
            if (opcode == Mcap.SCHEMA) {
                McapSchema s = new McapSchema(c.u16("id"), c.string("name"), c.string("encoding"), c.bytes32("data"));
                if (s.id() == 0) {
                    return;   // "A Schema record with an id of zero is invalid and should be ignored by readers."
                }
                McapSchema before = schemas.putIfAbsent(s.id(), s);
                if (before != null && !before.equals(s)) {
                    throw fail(at, where + "Schema " + s.id() + " differs from the earlier Schema " + s.id());
                }
            } else {
                int id = c.u16("id");
                int schemaId = c.u16("schema_id");
                String topic = c.string("topic");
                String encoding = c.string("message_encoding");
                Map<String, String> metadata = c.stringMap("metadata");
                McapSchema schema = schemas.get(schemaId);
                if (schemaId != 0 && schema == null) {
                    throw fail(at, where + "Channel " + id + " (" + topic + ") names schema " + schemaId
                            + ", which no Schema record before it defines");
                }
                McapChannel ch = new McapChannel(id, schema, topic, encoding, metadata);
                McapChannel before = channels.putIfAbsent(id, ch);
                if (before != null && !before.equals(ch)) {
                    throw fail(at, where + "Channel " + id + " (" + topic + ") differs from the earlier Channel " + id);
                }
            }
        } catch (RecordCursor.Malformed e) {
            throw fail(at, where + Mcap.name(opcode) + ": " + e.getMessage());
        }
    }

    // ---- the summary and the end

    private void readSummaryAndFooter() throws McapException {
        try {
            while (true) {
                long at = src.position();
                int opcode = src.checkRecordHeader(expected());
                switch (opcode) {
                    case Mcap.FOOTER -> {
                        footer(at);
                        return;
                    }
                    case Mcap.SCHEMA, Mcap.CHANNEL -> define(opcode, src.readRecord(at), at, "");
                    case Mcap.STATISTICS -> statistics = statistics(src.readRecord(at), at);
                    case Mcap.HEADER, Mcap.MESSAGE, Mcap.CHUNK, Mcap.MESSAGE_INDEX, Mcap.ATTACHMENT, Mcap.METADATA,
                            Mcap.DATA_END -> throw fail(at, Mcap.name(opcode) + " is not allowed in the summary section");
                    default -> src.skipRecord(at);
                }
            }
        } catch (IOException e) {
            throw e instanceof McapException m ? m : fail(src.position(), "reading failed: " + e.getMessage());
        }
    }

    private McapStatistics statistics(byte[] content, long at) throws McapException {
        RecordCursor c = new RecordCursor(content);
        try {
            return new McapStatistics(c.u64("message_count"), c.u16("schema_count"), c.u32("channel_count"),
                    c.u32("attachment_count"), c.u32("metadata_count"), c.u32("chunk_count"), c.u64("message_start_time"),
                    c.u64("message_end_time"), c.u16u64Map("channel_message_counts"));
        } catch (RecordCursor.Malformed e) {
            throw fail(at, "Statistics: " + e.getMessage());
        }
    }

    private void footer(long at) throws IOException {
        long length = src.length(at);
        if (length != Mcap.FOOTER_CONTENT) {
            throw fail(at, "Footer of " + length + " bytes, not " + Mcap.FOOTER_CONTENT);
        }
        RecordCursor c = new RecordCursor(src.readRecord(at));
        long summaryStart;
        long summaryCrc;
        try {
            summaryStart = c.size64("summary_start");
            c.size64("summary_offset_start");
            summaryCrc = c.u32("summary_crc");
        } catch (RecordCursor.Malformed e) {
            throw fail(at, "Footer: " + e.getMessage());
        }
        long magicAt = src.position();
        long left = src.size() - magicAt;
        if (left != Mcap.MAGIC.length) {
            throw fail(magicAt, left < Mcap.MAGIC.length
                    ? "the file ends " + left + " bytes after the Footer, inside the closing magic: cut short"
                    : (left - Mcap.MAGIC.length) + " bytes after the closing magic's place: not one MCAP file");
        }
        byte[] magic = new byte[Mcap.MAGIC.length];
        src.readAt(magicAt, magic, magic.length);
        if (!Arrays.equals(magic, Mcap.MAGIC)) {
            throw fail(magicAt, "the file does not end with the MCAP magic");
        }
        if (summaryStart != 0 && summaryStart != afterDataEnd) {
            throw fail(at, afterDataEnd < 0
                    ? "Footer says the summary starts at byte " + summaryStart + ", but no Data End record ended the data section"
                    : "Footer says the summary starts at byte " + summaryStart + ", not where Data End ended (" + afterDataEnd + ")");
        }
        if (summaryCrc != 0 && summaryStart != 0) {
            long end = at + Mcap.RECORD_PREFIX + 16;   // through summary_offset_start
            long computed = src.crcOf(summaryStart, end);
            if (computed != summaryCrc) {
                throw fail(at, String.format("summary CRC mismatch: bytes %d to %d give %08x, the Footer says %08x",
                        summaryStart, end, computed, summaryCrc));
            }
        }
    }

    private static byte[] copy(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }

    private McapException fail(long offset, String problem) {
        return src.fail(offset, problem);
    }

    /** What the file still owes where it ends: for the message of a file cut short. */
    private String expected() {
        return dataEnded ? "its Footer" : "its Data End and Footer";
    }
}
