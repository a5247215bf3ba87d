package dev.vigil.ros.bag;

import dev.vigil.ros.bag.SampleBag.Record;
import dev.vigil.ros.bag.SampleBag.Written;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Broken files: each is one McapException, one line naming the file, the byte and the problem, after
 * the messages before the fault; never another exception, never an allocation of what a corrupt field
 * claims, never a hang.
 */
class McapBadInputTest {

    @TempDir
    Path dir;

    /** What a read gave: the messages, then the exception that ended it (null if none). */
    private record Outcome(List<BagMessage> messages, McapException error) {
    }

    private static Outcome read(Path file) throws IOException {
        List<BagMessage> messages = new ArrayList<>();
        try (McapReader reader = McapReader.open(file)) {
            for (BagMessage m; (m = reader.next()) != null; ) {
                messages.add(m);
            }
            return new Outcome(messages, null);
        } catch (McapException e) {
            return new Outcome(messages, e);
        }
    }

    private static void assertOneLine(McapException e, Path file, long offset, String problem) {
        assertThat(e.getMessage()).isEqualTo(file + ": byte " + offset + ": " + problem).doesNotContain("\n");
        assertThat(e.offset()).isEqualTo(offset);
        assertThat(e.file()).isEqualTo(file);
    }

    /** A sample bag of 48 messages in chunks of at most 1 KiB. */
    private Path sample(String name, McapCompression compression) throws IOException {
        Path file = dir.resolve(name);
        SampleBag.write(file, McapWriter.Options.ROS2.withCompression(compression).withChunkBytes(1024), 48);
        return file;
    }

    private static Path patched(Path from, Path to, long at, byte[] bytes) throws IOException {
        byte[] all = Files.readAllBytes(from);
        System.arraycopy(bytes, 0, all, (int) at, bytes.length);
        Files.write(to, all);
        return to;
    }

    private static byte[] le64(long v) {
        return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).array();
    }

    @Test
    void aFileThatIsNotMcapIsRefusedAtItsFirstByte() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.mcap"), "just some notes, not a bag\n");
        assertThatThrownBy(() -> McapReader.open(text)).isInstanceOfSatisfying(McapException.class, e -> assertOneLine(e, text, 0,
                "not an MCAP file: it does not start with the MCAP magic (89 4D 43 41 50 30 0D 0A)"));
        Path empty = Files.write(dir.resolve("empty.mcap"), new byte[0]);
        assertThatThrownBy(() -> McapReader.open(empty)).isInstanceOfSatisfying(McapException.class, e -> assertOneLine(e, empty, 0,
                "not an MCAP file: it does not start with the MCAP magic (89 4D 43 41 50 30 0D 0A)"));
        Path v1 = patched(sample("v0.mcap", McapCompression.NONE), dir.resolve("v1.mcap"), 5, new byte[] {'1'});
        assertThatThrownBy(() -> McapReader.open(v1)).isInstanceOfSatisfying(McapException.class, e -> assertOneLine(e, v1, 5,
                "MCAP major version '1' is not supported (only '0')"));
    }

    @Test
    void aFileCutAnywhereGivesTheMessagesOfItsWholeChunksThenTheCut() throws Exception {
        Path file = dir.resolve("whole.mcap");
        List<Written> written = SampleBag.write(file, McapWriter.Options.ROS2.withChunkBytes(1024), 12);
        byte[] all = Files.readAllBytes(file);
        List<Record> chunks = SampleBag.records(file, Mcap.CHUNK);
        assertThat(chunks).hasSizeGreaterThanOrEqualTo(3);
        List<BagMessage> whole = read(file).messages();
        assertThat(whole).hasSize(written.size());

        List<Integer> perChunk = new ArrayList<>();
        for (Record c : chunks) {
            perChunk.add(messagesIn(file, c));
        }
        assertThat(perChunk.stream().mapToInt(Integer::intValue).sum()).isEqualTo(written.size());
        Path cut = dir.resolve("cut.mcap");
        long afterHeader = SampleBag.layout(file).get(0).end();
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int cutAt = (int) afterHeader; cutAt < all.length; cutAt++) {
                final int size = cutAt;
                Files.write(cut, java.util.Arrays.copyOf(all, size));
                Outcome o = read(cut);
                int wholeChunks = (int) chunks.stream().filter(c -> c.end() <= size).count();
                // The messages of the chunks before the cut, each as written (their order among themselves is
                // log-time order, which may differ from the whole file's where a later chunk came between).
                int expected = perChunk.subList(0, wholeChunks).stream().mapToInt(Integer::intValue).sum();
                assertThat(o.messages()).as("cut at %d", size).hasSize(expected);
                assertThat(whole).as("cut at %d", size).containsAll(o.messages());
                assertThat(o.error()).as("cut at %d", size).isNotNull();
                assertThat(o.error().getMessage()).as("cut at %d", size).startsWith(cut + ": byte ").doesNotContain("\n")
                        .containsAnyOf("cut short", "runs past the end of the file");
            }
        });
    }

    @Test
    void aRecordLengthPastTheEndIsReportedAtThatRecord() throws Exception {
        Path file = sample("sample.mcap", McapCompression.NONE);
        Record second = SampleBag.records(file, Mcap.CHUNK).get(1);
        long left = Files.size(file) - second.offset() - Mcap.RECORD_PREFIX;
        for (long length : new long[] {left + 1, 1L << 40, -1L}) {
            Path bad = patched(file, dir.resolve("long.mcap"), second.offset() + 1, le64(length));
            Outcome o = read(bad);
            assertThat(o.messages()).hasSize(messagesIn(file, SampleBag.records(file, Mcap.CHUNK).get(0)));
            assertOneLine(o.error(), bad, second.offset(), "Chunk (0x06) of " + Long.toUnsignedString(length)
                    + " bytes runs past the end of the file (" + left + " bytes left): cut short or corrupt");
        }
    }

    @Test
    void aChunkWhoseRecordsChangedFailsItsCrc() throws Exception {
        Path file = sample("sample.mcap", McapCompression.NONE);
        Record first = SampleBag.records(file, Mcap.CHUNK).get(0);
        long lastByte = first.end() - 1;   // inside the last message's data
        byte flipped = (byte) ~Files.readAllBytes(file)[(int) lastByte];
        Path bad = patched(file, dir.resolve("crc.mcap"), lastByte, new byte[] {flipped});
        Outcome o = read(bad);
        assertThat(o.messages()).isEmpty();
        assertThat(o.error().offset()).isEqualTo(first.offset());
        assertThat(o.error().problem()).matches("Chunk CRC mismatch: its none records give [0-9a-f]{8}, the chunk says [0-9a-f]{8}");
    }

    @Test
    void aChangedDataSectionOrSummaryFailsItsCrc() throws Exception {
        Path file = sample("sample.mcap", McapCompression.NONE);
        List<Written> all = SampleBag.write(dir.resolve("same.mcap"), McapWriter.Options.ROS2.withChunkBytes(1024), 48);
        // A Message Index is covered by no chunk CRC, only by the data section's.
        Record index = SampleBag.records(file, Mcap.MESSAGE_INDEX).get(0);
        Path data = patched(file, dir.resolve("data.mcap"), index.end() - 1, new byte[] {0x7F});
        Outcome o = read(data);
        assertThat(o.messages()).hasSize(all.size());
        Record dataEnd = SampleBag.records(file, Mcap.DATA_END).get(0);
        assertThat(o.error().offset()).isEqualTo(dataEnd.offset());
        assertThat(o.error().problem()).matches("data section CRC mismatch: the bytes before Data End give [0-9a-f]{8}, Data End says [0-9a-f]{8}");

        Record stats = SampleBag.records(file, Mcap.STATISTICS).get(0);
        Path summary = patched(file, dir.resolve("summary.mcap"), stats.offset() + Mcap.RECORD_PREFIX, le64(47));   // message_count
        o = read(summary);
        assertThat(o.messages()).hasSize(all.size());
        Record footer = SampleBag.records(file, Mcap.FOOTER).get(0);
        assertThat(o.error().offset()).isEqualTo(footer.offset());
        assertThat(o.error().problem()).matches("summary CRC mismatch: bytes \\d+ to \\d+ give [0-9a-f]{8}, the Footer says [0-9a-f]{8}");
    }

    @Test
    void anUnknownCompressionIsNamed() throws Exception {
        Path file = sample("sample.mcap", McapCompression.ZSTD);
        Record first = SampleBag.records(file, Mcap.CHUNK).get(0);
        long name = first.offset() + Mcap.RECORD_PREFIX + 8 + 8 + 8 + 4 + 4;   // after the times, size, crc and its length
        Path bad = patched(file, dir.resolve("lzma.mcap"), name, "lzma".getBytes(StandardCharsets.US_ASCII));
        Outcome o = read(bad);
        assertThat(o.messages()).isEmpty();
        assertOneLine(o.error(), bad, first.offset(), "Chunk compression \"lzma\" is not supported (only [\"\", \"zstd\", \"lz4\"])");
    }

    @Test
    void corruptCompressedRecordsAreReportedNotThrownByTheCodec() throws Exception {
        for (McapCompression c : new McapCompression[] {McapCompression.ZSTD, McapCompression.LZ4}) {
            Path file = sample("sample-" + c + ".mcap", c);
            Record first = SampleBag.records(file, Mcap.CHUNK).get(0);
            long records = first.offset() + Mcap.RECORD_PREFIX + 8 + 8 + 8 + 4 + 4 + c.wireName().length() + 8;
            Path bad = patched(file, dir.resolve("bad-" + c + ".mcap"), records, new byte[] {0, 0, 0, 0});   // the frame's magic
            Outcome o = read(bad);
            assertThat(o.messages()).isEmpty();
            assertThat(o.error().offset()).isEqualTo(first.offset());
            assertThat(o.error().problem()).startsWith("Chunk: " + c + " chunk is corrupt: ").doesNotContain("\n");
        }
    }

    @Test
    void anUncompressedSizeOverTheLimitIsNotAllocated() throws Exception {
        Path file = sample("sample.mcap", McapCompression.ZSTD);
        Record first = SampleBag.records(file, Mcap.CHUNK).get(0);
        Path bad = patched(file, dir.resolve("huge.mcap"), first.offset() + Mcap.RECORD_PREFIX + 16, le64(1L << 40));
        Outcome o = read(bad);
        assertOneLine(o.error(), bad, first.offset(), "Chunk says its records are 1099511627776 bytes uncompressed, over this "
                + "reader's limit of " + McapReader.DEFAULT_MAX_RECORD_BYTES);
    }

    @Test
    void aChunkWhoseTimeRangeMissesItsMessagesIsRefused() throws Exception {
        // Log-time order across chunks rests on their stated ranges; a chunk that lies would reorder silently.
        Path file = sample("sample.mcap", McapCompression.NONE);
        Record first = SampleBag.records(file, Mcap.CHUNK).get(0);
        long start = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN)
                .getLong((int) first.offset() + Mcap.RECORD_PREFIX);
        long end = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN)
                .getLong((int) first.offset() + Mcap.RECORD_PREFIX + 8);
        Path bad = patched(file, dir.resolve("late.mcap"), first.offset() + Mcap.RECORD_PREFIX, le64(start + 1));
        Outcome o = read(bad);
        assertThat(o.messages()).isEmpty();
        assertThat(o.error().offset()).isEqualTo(first.offset());
        assertThat(o.error().problem()).matches("in the Chunk's records at \\+\\d+: Message log time " + start
                + " is outside its Chunk's " + (start + 1) + " to " + end);
    }

    @Test
    void aMessageOnAChannelNeverDefinedIsRefused() throws Exception {
        Path file = dir.resolve("orphan.mcap");
        RecordBuffer b = new RecordBuffer(256);
        b.raw(Mcap.MAGIC, 0, 8);
        int at = b.beginRecord(Mcap.HEADER);
        b.string("ros2").string("hand");
        b.endRecord(at);
        long message = b.size();
        at = b.beginRecord(Mcap.MESSAGE);
        b.u16(9).u32(0).u64(1).u64(1).raw(new byte[] {0, 1, 0, 0}, 0, 4);
        b.endRecord(at);
        Files.write(file, b.toArray());
        assertOneLine(read(file).error(), file, message, "Message on channel 9, which no Channel record before it defines");
    }

    @Test
    void everySingleByteChangeIsCaught() throws Exception {
        Path file = dir.resolve("small.mcap");
        try (McapWriter w = McapWriter.create(file, McapWriter.Options.ROS2.withChunkBytes(1024))) {
            int ch = w.addChannel(w.addSchema("std_msgs/msg/String", "ros2msg", RosMsgDefinitions.bytes("std_msgs/msg/String")),
                    "/robot_utterance", "cdr", Map.of("offered_qos_profiles", "- depth: 10"));
            for (int i = 0; i < 6; i++) {
                w.write(ch, i, 1000 - i, 1000 - i, BagCdr.encode(dev.vigil.ros.msg.StdString.TYPE,
                        new dev.vigil.ros.msg.StdString("utterance " + i)));
                if (i % 2 == 1) {
                    w.flush();
                }
            }
        }
        byte[] all = Files.readAllBytes(file);
        Path bad = dir.resolve("flipped.mcap");
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int i = 0; i < all.length; i++) {
                for (int mask : new int[] {0x01, 0x80, 0xFF}) {
                    byte[] copy = all.clone();
                    copy[i] ^= (byte) mask;
                    Files.write(bad, copy);
                    McapException e;
                    try {
                        e = read(bad).error();
                    } catch (McapException atOpen) {
                        e = atOpen;
                    }
                    assertThat(e).as("byte %d ^ 0x%02x", i, mask).isNotNull();
                    assertThat(e.getMessage()).as("byte %d ^ 0x%02x", i, mask).startsWith(bad + ": byte ").doesNotContain("\n");
                }
            }
        });
    }

    /** How many Message records the chunk {@code c} of {@code file} holds (from its Message Index records). */
    private static int messagesIn(Path file, Record c) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        int count = 0;
        List<Record> layout = SampleBag.layout(file);
        for (Record r : layout.subList(layout.indexOf(c) + 1, layout.size())) {
            if (r.opcode() != Mcap.MESSAGE_INDEX) {
                break;   // the Message Index records of a chunk follow it directly
            }
            count += b.getInt((int) r.offset() + Mcap.RECORD_PREFIX + 2) / 16;
        }
        return count;
    }
}
