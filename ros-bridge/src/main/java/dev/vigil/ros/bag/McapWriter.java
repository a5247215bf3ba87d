package dev.vigil.ros.bag;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.CRC32;

/**
 * Writes an MCAP file (specification at mcap.dev, major version 0) as messages come:
 * <pre>
 * Magic Header (Chunk MessageIndex*)* DataEnd
 * Schema* Channel* Statistics ChunkIndex*       summary
 * SummaryOffset*                               one per group of the summary
 * Footer Magic
 * </pre>
 * Every message goes into a chunk; a Schema or Channel record goes into the chunk of the first
 * message that needs it, as the reference writers do, so each chunk can be read after those before it.
 * The data section, summary and chunks carry their CRC-32s; the summary is what indexed readers
 * ({@code @mcap/core}'s {@code McapIndexedReader}, rosbag2) need to seek.
 * <p>
 * <b>Streaming.</b> A chunk is closed and handed to the operating system when its records reach
 * {@link Options#chunkBytes()} (default 256 KiB, uncompressed) or, at the next {@link #write} or
 * {@link #flushIfDue()}, once it has been open {@link Options#chunkMaxAge()} (default 1 s). A run that is
 * killed keeps every message of the chunks closed before, and {@link McapReader} reads them (then
 * reports the cut). Closed chunks are not fsynced (a power cut may lose what the OS had not written);
 * {@link #close()} is.
 * <p>
 * <b>Threads.</b> Every method is synchronized: calls from several threads are safe, and messages are in
 * the file in the order the calls took the lock. A write waits for the disk when it closes a chunk, so
 * call it from a thread of its own (as {@link BagRecorder} does), never from an event loop.
 */
public final class McapWriter implements Closeable {

    /**
     * @param profile     the Header's profile: {@code ros2} for rosbag2
     * @param library     the Header's library: who wrote the file
     * @param compression of each chunk's records
     * @param chunkBytes  a chunk is closed once its records (uncompressed) reach this many bytes: 1 KiB–64 MiB
     * @param chunkMaxAge a chunk is closed at the first write or {@link #flushIfDue()} this long after it opened
     */
    public record Options(String profile, String library, McapCompression compression, int chunkBytes,
                          Duration chunkMaxAge) {

        /** rosbag2's profile, library {@code vigil}, uncompressed, 256 KiB or 1 s per chunk. */
        public static final Options ROS2 = new Options("ros2", "vigil", McapCompression.NONE, 256 * 1024,
                Duration.ofSeconds(1));

        public Options {
            Objects.requireNonNull(profile, "profile");
            Objects.requireNonNull(library, "library");
            Objects.requireNonNull(compression, "compression");
            if (chunkBytes < 1024 || chunkBytes > 64 << 20) {
                throw new IllegalArgumentException("chunkBytes must be 1 KiB to 64 MiB, was " + chunkBytes);
            }
            if (chunkMaxAge.isNegative() || chunkMaxAge.isZero()) {
                throw new IllegalArgumentException("chunkMaxAge must be positive, was " + chunkMaxAge);
            }
        }

        public Options withCompression(McapCompression c) {
            return new Options(profile, library, c, chunkBytes, chunkMaxAge);
        }

        public Options withChunkBytes(int bytes) {
            return new Options(profile, library, compression, bytes, chunkMaxAge);
        }

        public Options withChunkMaxAge(Duration age) {
            return new Options(profile, library, compression, chunkBytes, age);
        }
    }

    /** A Chunk Index record's fields, kept for the summary. */
    private record ChunkIndex(long start, long end, long offset, long length, Map<Integer, Long> messageIndexOffsets,
                              long messageIndexLength, long compressedSize, long uncompressedSize) {
    }

    private final Path file;
    private final Options options;
    private final FileChannel out;
    private long position;
    private final CRC32 dataCrc = new CRC32();

    private final Map<Integer, McapSchema> schemas = new LinkedHashMap<>();
    private final Map<Integer, McapChannel> channels = new LinkedHashMap<>();
    private final Set<Integer> schemasWritten = new HashSet<>();
    private final Set<Integer> channelsWritten = new HashSet<>();

    private final RecordBuffer chunk = new RecordBuffer(64 * 1024);
    /** channel id → (log time, offset in the chunk's records) pairs, for its Message Index. */
    private final Map<Integer, RecordBuffer> chunkIndex = new TreeMap<>();
    private long chunkStartTime;
    private long chunkEndTime;
    private long chunkOpenedNanos;
    private boolean chunkHasMessages;

    private final List<ChunkIndex> chunkIndexes = new ArrayList<>();
    private long messageCount;
    private long startTime;
    private long endTime;
    private final Map<Integer, Long> channelCounts = new TreeMap<>();

    private IOException failed;
    private boolean closed;

    private McapWriter(Path file, Options options, FileChannel out) {
        this.file = file;
        this.options = options;
        this.out = out;
    }

    /**
     * Creates (or truncates) {@code file} and writes its magic and Header.
     *
     * @throws IOException the file cannot be created or written
     */
    public static McapWriter create(Path file, Options options) throws IOException {
        FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE);
        McapWriter writer = new McapWriter(file, options, out);
        try {
            RecordBuffer head = new RecordBuffer(64);
            head.raw(Mcap.MAGIC, 0, Mcap.MAGIC.length);
            int at = head.beginRecord(Mcap.HEADER);
            head.string(options.profile()).string(options.library());
            head.endRecord(at);
            writer.emit(head, true);
        } catch (IOException | RuntimeException e) {
            out.close();
            throw e;
        }
        return writer;
    }

    /** The file being written. */
    public Path file() {
        return file;
    }

    /**
     * Registers a schema, or finds the same one registered before.
     *
     * @param name     for ROS 2 the type, {@code std_msgs/msg/String}
     * @param encoding for ROS 2 {@code ros2msg}
     * @param data     for {@code ros2msg}, {@link RosMsgDefinitions#bytes(String)}
     * @return its id, 1–65535
     */
    public synchronized int addSchema(String name, String encoding, byte[] data) {
        open();
        for (McapSchema s : schemas.values()) {
            if (s.name().equals(name) && s.encoding().equals(encoding) && java.util.Arrays.equals(s.data(), data)) {
                return s.id();
            }
        }
        int id = schemas.size() + 1;
        if (id > 0xFFFF) {
            throw new IllegalStateException("an MCAP file holds at most 65535 schemas");
        }
        schemas.put(id, new McapSchema(id, name, encoding, data.clone()));
        return id;
    }

    /**
     * Registers a channel, or finds the same one registered before.
     *
     * @param schemaId        from {@link #addSchema}, or 0 for none
     * @param topic           for ROS 2 the topic name, {@code /intents}
     * @param messageEncoding for ROS 2 {@code cdr}
     * @param metadata        for ROS 2 {@code offered_qos_profiles} ({@link Ros2Bag})
     * @return its id, 1–65535
     * @throws IllegalArgumentException an unknown schema id
     */
    public synchronized int addChannel(int schemaId, String topic, String messageEncoding, Map<String, String> metadata) {
        open();
        McapSchema schema = schemaId == 0 ? null : schemas.get(schemaId);
        if (schemaId != 0 && schema == null) {
            throw new IllegalArgumentException("no schema " + schemaId + " was added");
        }
        for (McapChannel c : channels.values()) {
            if (c.topic().equals(topic) && Objects.equals(c.schema(), schema) && c.messageEncoding().equals(messageEncoding)
                    && c.metadata().equals(metadata)) {
                return c.id();
            }
        }
        int id = channels.size() + 1;
        if (id > 0xFFFF) {
            throw new IllegalStateException("an MCAP file holds at most 65535 channels");
        }
        // Insertion order is kept in the file: the metadata map's order is what readers see.
        channels.put(id, new McapChannel(id, schema, topic, messageEncoding, new LinkedHashMap<>(metadata)));
        return id;
    }

    /**
     * Adds one message to the open chunk, closing the chunk when it is full or old enough.
     *
     * @param channelId        from {@link #addChannel}
     * @param sequence         the writer's counter, 0–2^32 − 1 (0 when not counted)
     * @param logTimeNanos     when it was recorded, ns since the Unix epoch (for rosbag2), ≥ 0
     * @param publishTimeNanos when it was published, ns; pass the log time when unknown
     * @param data             the message bytes (for ROS 2, {@link BagCdr#encode})
     * @throws IOException              the file could not be written (this writer fails from then on)
     * @throws IllegalArgumentException an unknown channel, a negative time, a sequence out of range
     */
    public synchronized void write(int channelId, long sequence, long logTimeNanos, long publishTimeNanos, byte[] data)
            throws IOException {
        usable();
        McapChannel channel = channels.get(channelId);
        if (channel == null) {
            throw new IllegalArgumentException("no channel " + channelId + " was added");
        }
        if (logTimeNanos < 0 || publishTimeNanos < 0) {
            throw new IllegalArgumentException("times must be ≥ 0 ns, were " + logTimeNanos + " and " + publishTimeNanos);
        }
        if (sequence < 0 || sequence > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("sequence is a uint32, was " + sequence);
        }
        if (chunk.size() == 0) {
            chunkOpenedNanos = System.nanoTime();
        }
        declare(channel);
        int offset = chunk.size();
        int at = chunk.beginRecord(Mcap.MESSAGE);
        chunk.u16(channelId).u32(sequence).u64(logTimeNanos).u64(publishTimeNanos).raw(data, 0, data.length);
        chunk.endRecord(at);
        chunkIndex.computeIfAbsent(channelId, id -> new RecordBuffer(256)).u64(logTimeNanos).u64(offset);
        chunkStartTime = chunkHasMessages ? Math.min(chunkStartTime, logTimeNanos) : logTimeNanos;
        chunkEndTime = chunkHasMessages ? Math.max(chunkEndTime, logTimeNanos) : logTimeNanos;
        chunkHasMessages = true;
        startTime = messageCount == 0 ? logTimeNanos : Math.min(startTime, logTimeNanos);
        endTime = messageCount == 0 ? logTimeNanos : Math.max(endTime, logTimeNanos);
        messageCount++;
        channelCounts.merge(channelId, 1L, Long::sum);
        if (chunk.size() >= options.chunkBytes() || chunkIsDue()) {
            closeChunk();
        }
    }

    /** Closes the open chunk, if any, and hands it to the operating system. */
    public synchronized void flush() throws IOException {
        usable();
        closeChunk();
    }

    /**
     * Closes the open chunk if it has been open {@link Options#chunkMaxAge()} or longer: call it when
     * no message came for a while, so that the last messages reach the file.
     *
     * @return whether a chunk was closed
     */
    public synchronized boolean flushIfDue() throws IOException {
        usable();
        if (chunkHasMessages && chunkIsDue()) {
            closeChunk();
            return true;
        }
        return false;
    }

    /** Messages written so far. */
    public synchronized long messageCount() {
        return messageCount;
    }

    /**
     * Closes the last chunk and writes Data End, the summary (schemas, channels, statistics, chunk
     * indexes), the summary offsets, the Footer and the closing magic, then syncs the file to disk.
     * A writer that failed before only releases the file (its chunks so far stay readable). Idempotent.
     */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (failed == null) {
                closeChunk();
                finish();
                out.force(true);
            }
        } finally {
            out.close();
        }
    }

    private void finish() throws IOException {
        RecordBuffer tail = new RecordBuffer(4096);
        int at = tail.beginRecord(Mcap.DATA_END);
        tail.u32(dataCrc.getValue());
        tail.endRecord(at);
        long summaryStart = position + tail.size();
        List<long[]> groups = new ArrayList<>();   // {opcode, start, length}

        long groupStart = position + tail.size();
        for (McapSchema s : schemas.values()) {
            schemaRecord(tail, s);
        }
        group(groups, Mcap.SCHEMA, groupStart, position + tail.size());

        groupStart = position + tail.size();
        for (McapChannel c : channels.values()) {
            channelRecord(tail, c);
        }
        group(groups, Mcap.CHANNEL, groupStart, position + tail.size());

        groupStart = position + tail.size();
        at = tail.beginRecord(Mcap.STATISTICS);
        tail.u64(messageCount).u16(schemas.size()).u32(channels.size()).u32(0).u32(0).u32(chunkIndexes.size())
                .u64(startTime).u64(endTime).u16u64Map(channelCounts);
        tail.endRecord(at);
        group(groups, Mcap.STATISTICS, groupStart, position + tail.size());

        groupStart = position + tail.size();
        for (ChunkIndex ci : chunkIndexes) {
            at = tail.beginRecord(Mcap.CHUNK_INDEX);
            tail.u64(ci.start()).u64(ci.end()).u64(ci.offset()).u64(ci.length());
            tail.u32(ci.messageIndexOffsets().size() * 10L);
            ci.messageIndexOffsets().forEach((id, off) -> tail.u16(id).u64(off));
            tail.u64(ci.messageIndexLength()).string(options.compression().wireName())
                    .u64(ci.compressedSize()).u64(ci.uncompressedSize());
            tail.endRecord(at);
        }
        group(groups, Mcap.CHUNK_INDEX, groupStart, position + tail.size());

        long summaryOffsetStart = position + tail.size();
        for (long[] g : groups) {
            at = tail.beginRecord(Mcap.SUMMARY_OFFSET);
            tail.u8((int) g[0]).u64(g[1]).u64(g[2]);
            tail.endRecord(at);
        }
        // Laid out by hand, length first: the summary CRC runs from the summary's start through the
        // footer's summary_offset_start, its opcode and length included.
        tail.u8(Mcap.FOOTER).u64(Mcap.FOOTER_CONTENT).u64(summaryStart).u64(summaryOffsetStart);
        CRC32 summaryCrc = new CRC32();
        int summaryFrom = (int) (summaryStart - position);
        summaryCrc.update(tail.view().array(), summaryFrom, tail.size() - summaryFrom);
        tail.u32(summaryCrc.getValue());
        tail.raw(Mcap.MAGIC, 0, Mcap.MAGIC.length);
        emit(tail, false);
    }

    private static void group(List<long[]> groups, int opcode, long start, long end) {
        if (end > start) {
            groups.add(new long[] {opcode, start, end - start});
        }
    }

    /** Puts the schema and channel of {@code channel} into the open chunk if no chunk has them yet. */
    private void declare(McapChannel channel) {
        if (channelsWritten.contains(channel.id())) {
            return;
        }
        McapSchema schema = channel.schema();
        if (schema != null && !schemasWritten.contains(schema.id())) {
            schemaRecord(chunk, schema);
            schemasWritten.add(schema.id());
        }
        channelRecord(chunk, channel);
        channelsWritten.add(channel.id());
    }

    private static void schemaRecord(RecordBuffer b, McapSchema s) {
        int at = b.beginRecord(Mcap.SCHEMA);
        b.u16(s.id()).string(s.name()).string(s.encoding()).bytes32(s.data());
        b.endRecord(at);
    }

    private static void channelRecord(RecordBuffer b, McapChannel c) {
        int at = b.beginRecord(Mcap.CHANNEL);
        b.u16(c.id()).u16(c.schema() == null ? 0 : c.schema().id()).string(c.topic()).string(c.messageEncoding())
                .stringMap(c.metadata());
        b.endRecord(at);
    }

    private boolean chunkIsDue() {
        return System.nanoTime() - chunkOpenedNanos >= options.chunkMaxAge().toNanos();
    }

    private void closeChunk() throws IOException {
        if (chunk.size() == 0) {
            return;
        }
        byte[] records = chunk.toArray();
        CRC32 crc = new CRC32();
        crc.update(records);
        byte[] compressed = options.compression().compress(records);

        RecordBuffer b = new RecordBuffer(compressed.length + 256);
        int at = b.beginRecord(Mcap.CHUNK);
        b.u64(chunkStartTime).u64(chunkEndTime).u64(records.length).u32(crc.getValue())
                .string(options.compression().wireName()).u64(compressed.length).raw(compressed, 0, compressed.length);
        int chunkLength = b.endRecord(at);
        long chunkOffset = position;

        Map<Integer, Long> indexOffsets = new LinkedHashMap<>();
        for (Map.Entry<Integer, RecordBuffer> e : chunkIndex.entrySet()) {
            indexOffsets.put(e.getKey(), chunkOffset + b.size());
            int m = b.beginRecord(Mcap.MESSAGE_INDEX);
            b.u16(e.getKey()).u32(e.getValue().size()).raw(e.getValue().view());
            b.endRecord(m);
        }
        long indexLength = b.size() - chunkLength;
        chunkIndexes.add(new ChunkIndex(chunkStartTime, chunkEndTime, chunkOffset, chunkLength, indexOffsets,
                indexLength, compressed.length, records.length));
        chunk.clear();
        chunkIndex.clear();
        chunkHasMessages = false;
        emit(b, true);
    }

    /** Writes all of {@code b} at the end of the file; {@code data} counts it into the data section's CRC. */
    private void emit(RecordBuffer b, boolean data) throws IOException {
        ByteBuffer bytes = b.view();
        if (data) {
            dataCrc.update(bytes.duplicate());
        }
        try {
            while (bytes.hasRemaining()) {
                position += out.write(bytes);
            }
        } catch (IOException e) {
            failed = e;
            throw new IOException(file + ": writing the bag failed at byte " + position + ": " + e.getMessage(), e);
        }
    }

    private void open() {
        if (closed) {
            throw new IllegalStateException(file + " is closed");
        }
    }

    private void usable() throws IOException {
        open();
        if (failed != null) {
            throw new IOException(file + ": an earlier write failed (" + failed.getMessage() + "); nothing more is written");
        }
    }
}
