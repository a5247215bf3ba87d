package dev.vigil.ros.bag;

import dev.vigil.ros.cdr.CdrException;
import dev.vigil.ros.msg.AudioDataStamped;
import dev.vigil.ros.msg.HriIntent;
import dev.vigil.ros.msg.RosHeader;
import dev.vigil.ros.msg.StdBool;
import dev.vigil.ros.msg.StdString;
import dev.vigil.ros.transport.RosQos;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

/**
 * A bag of the four types Vigil records, written by {@link McapWriter} with small chunks whose time
 * ranges overlap (messages are written out of log-time order, no two at the same time), and the
 * layout of an MCAP file's top-level records, for tests that corrupt one of them.
 */
final class SampleBag {

    static final long BASE = 1_764_600_000_000_000_000L;
    static final String[] TEXTS = {"Moving forward ten meters.", "Turning left — étage 16, 你好", "", "stop"};

    /** One message as written. */
    record Written(String topic, String schema, long sequence, long logTime, long publishTime, byte[] data) {
        String hex() {
            return HexFormat.of().formatHex(data);
        }
    }

    /** A top-level record: where it starts, its opcode and content length. */
    record Record(long offset, int opcode, long length) {
        long end() {
            return offset + Mcap.RECORD_PREFIX + length;
        }
    }

    private SampleBag() {
    }

    /**
     * Writes {@code count} messages (a multiple of 4 keeps the topics even); log times are a permutation of
     * {@code BASE + k ms}, k in 0…count−1 (37 must not divide count).
     */
    static List<Written> write(Path file, McapWriter.Options options, int count) throws IOException {
        List<Written> written = new ArrayList<>();
        try (McapWriter w = McapWriter.create(file, options)) {
            int utterances = Ros2Bag.addTopic(w, "/robot_utterance", StdString.TYPE, RosQos.DEFAULT);
            int speaking = Ros2Bag.addTopic(w, "/robot_speaking", StdBool.TYPE, RosQos.DEFAULT);
            int intents = Ros2Bag.addTopic(w, "/intents", HriIntent.TYPE, RosQos.DEFAULT);
            int audio = Ros2Bag.addTopic(w, "/audio_stamped", AudioDataStamped.TYPE, RosQos.SENSOR_DATA);
            for (int next = 0; next < count; next++) {
                final int i = next;
                long logTime = BASE + (i * 37L % count) * 1_000_000L;
                long publishTime = logTime - 250_000L;
                Written m = switch (i % 4) {
                    case 0 -> new Written("/robot_utterance", StdString.TYPE.name(), i + 1, logTime, publishTime,
                            cdr(() -> BagCdr.encode(StdString.TYPE, new StdString(TEXTS[(i / 4) % TEXTS.length]))));
                    case 1 -> new Written("/robot_speaking", StdBool.TYPE.name(), i + 1, logTime, publishTime,
                            cdr(() -> BagCdr.encode(StdBool.TYPE, new StdBool(i % 8 == 1))));
                    case 2 -> new Written("/intents", HriIntent.TYPE.name(), i + 1, logTime, publishTime,
                            cdr(() -> BagCdr.encode(HriIntent.TYPE, new HriIntent("__intent_move_to__", "{\"goal\":\"kitchen\"}",
                                    "__unknown_agent__", "__modality_speech__", 128, 0.9f))));
                    default -> new Written("/audio_stamped", AudioDataStamped.TYPE.name(), i + 1, logTime, publishTime,
                            cdr(() -> BagCdr.encode(AudioDataStamped.TYPE, new AudioDataStamped(
                                    new RosHeader(1_764_600_000 + i, 1000L * i, "mic"), pcm(320 + i, i)))));
                };
                int channel = switch (i % 4) {
                    case 0 -> utterances;
                    case 1 -> speaking;
                    case 2 -> intents;
                    default -> audio;
                };
                w.write(channel, m.sequence(), m.logTime(), m.publishTime(), m.data());
                written.add(m);
            }
        }
        return written;
    }

    /** {@code written} in log-time order (no ties in a sample bag). */
    static List<Written> byLogTime(List<Written> written) {
        return written.stream().sorted(Comparator.comparingLong(Written::logTime)).toList();
    }

    static byte[] pcm(int bytes, int seed) {
        byte[] b = new byte[bytes];
        for (int k = 0; k < bytes; k++) {
            b[k] = (byte) (k * 7 + seed * 13);
        }
        return b;
    }

    /** The top-level records of a well-formed file, from the Header to the Footer. */
    static List<Record> layout(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        List<Record> records = new ArrayList<>();
        int at = Mcap.MAGIC.length;
        while (at < b.limit() - Mcap.MAGIC.length) {
            Record r = new Record(at, b.get(at) & 0xFF, b.getLong(at + 1));
            records.add(r);
            at = (int) r.end();
        }
        return records;
    }

    static List<Record> records(Path file, int opcode) throws IOException {
        return layout(file).stream().filter(r -> r.opcode() == opcode).toList();
    }

    interface Encoding {
        byte[] get() throws CdrException;
    }

    static byte[] cdr(Encoding e) {
        try {
            return e.get();
        } catch (CdrException ex) {
            throw new AssertionError(ex);
        }
    }
}
