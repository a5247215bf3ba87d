package dev.vigil.ros.bag;

import dev.vigil.ros.audio.PcmFormat;
import dev.vigil.ros.audio.RosAudioIn;
import dev.vigil.ros.cdr.CdrException;
import dev.vigil.ros.msg.AudioDataStamped;
import dev.vigil.ros.msg.AudioInfo;
import dev.vigil.ros.msg.AudioStamped;
import dev.vigil.ros.transport.InputProblems;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The microphone of a rosbag2 bag as one track: the audio_common chunks on a topic
 * ({@code AudioDataStamped} read in the format of the latest {@code AudioInfo} on the info topic, or
 * mgonzs13's {@code AudioStamped}, whichever the topic carries), one channel (or the mean of all),
 * 16-bit, laid end to end by sample count as a live microphone would be, from the first chunk.
 * <p>
 * Holes: chunks are stamped when they are published (header stamp, else the bag's log time), which
 * jitters, and a publisher held up catches up in a burst. Offline the reader can look ahead: a chunk
 * starts after a hole when every chunk of the next {@value #HOLE_CONFIRM_MILLIS} ms is stamped more than
 * {@value #HOLE_TOLERANCE_MILLIS} ms (or two chunks) later than its place, and the hole is the least of
 * those latenesses, filled with silence and counted ({@link Track#holesMillis()}).
 * Bad chunks are dropped and counted by kind in {@code problems}; a bad file is an {@link McapException}.
 */
public final class BagMicrophone {

    static final long HOLE_TOLERANCE_MILLIS = RosAudioIn.HOLE_TOLERANCE_MILLIS;
    static final long HOLE_CONFIRM_MILLIS = RosAudioIn.HOLE_CONFIRM_MILLIS;

    private BagMicrophone() {
    }

    /**
     * The microphone track.
     *
     * @param sampleRate  its rate (the stream's), Hz
     * @param samples     mono 16-bit
     * @param startNanos  the first chunk's stamp (the publisher's clock)
     * @param chunks      chunks used
     * @param holesMillis silence put where audio never came
     */
    public record Track(int sampleRate, short[] samples, long startNanos, int chunks, long holesMillis) {

        public double durationSeconds() {
            return samples.length / (double) sampleRate;
        }
    }

    private record Chunk(long stampNanos, int rate, short[] mono) {
    }

    /** A chunk of the bag's audio; NaN or infinite samples (now silence) are counted as bad input. */
    private static Chunk chunk(long stampNanos, int rate, PcmFormat.Mono mono, InputProblems problems) {
        mono.reportNonFinite(problems);
        return new Chunk(stampNanos, rate, mono.samples());
    }

    /**
     * Reads the microphone of {@code bag}.
     *
     * @param audioTopic e.g. {@code /audio_stamped}
     * @param infoTopic  its {@code AudioInfo} topic, e.g. {@code /audio_info} (ignored for {@code AudioStamped})
     * @param assumed    the format until an {@code AudioInfo} comes
     * @param channel    0-based channel to keep, or -1 to mix down
     * @param problems   counts bad chunks by kind
     * @throws McapException the file is not a valid MCAP file (one line with the byte offset)
     * @throws IOException   it cannot be read; or it has no audio on {@code audioTopic}, or its rate changes
     *                       within the bag (one line naming the topics it has)
     */
    public static Track read(Path bag, String audioTopic, String infoTopic, PcmFormat assumed, int channel,
                             InputProblems problems) throws IOException {
        List<Chunk> chunks = new ArrayList<>();
        TreeSet<String> topics = new TreeSet<>();
        PcmFormat format = assumed;
        String unusable = null;
        try (McapReader reader = McapReader.open(bag)) {
            for (BagMessage m; (m = reader.next()) != null; ) {
                topics.add(m.topic() + " (" + m.schemaName() + ")");
                try {
                    if (m.topic().equals(infoTopic) && m.schemaName().equals(AudioInfo.TYPE.name())) {
                        try {
                            format = PcmFormat.of(BagCdr.decode(AudioInfo.TYPE, m));
                            unusable = null;
                        } catch (IllegalArgumentException e) {
                            unusable = e.getMessage();
                            problems.report("unsupported_format", e.getMessage());
                        }
                    } else if (m.topic().equals(audioTopic) && m.schemaName().equals(AudioDataStamped.TYPE.name())) {
                        AudioDataStamped a = BagCdr.decode(AudioDataStamped.TYPE, m);
                        if (unusable != null) {
                            problems.report("unsupported_format", "chunk dropped: " + unusable);
                            continue;
                        }
                        chunks.add(chunk(stamp(a.header().stampNanos(), m), format.sampleRate(),
                                format.toMono(a.data(), channel), problems));
                    } else if (m.topic().equals(audioTopic) && m.schemaName().equals(AudioStamped.TYPE.name())) {
                        AudioStamped a = BagCdr.decode(AudioStamped.TYPE, m);
                        chunks.add(chunk(stamp(a.header().stampNanos(), m), a.rate(), RosAudioIn.typedMono(a, channel),
                                problems));
                    }
                } catch (CdrException e) {
                    problems.report("malformed", m.topic() + " at log time " + m.logTimeNanos() + " ns: " + e.getMessage());
                } catch (UnsupportedOperationException e) {
                    problems.report("unsupported_format", "chunk dropped: " + e.getMessage());
                } catch (IllegalArgumentException e) {
                    problems.report("contradicts_info", "chunk dropped: " + e.getMessage());
                }
            }
        }
        if (chunks.isEmpty()) {
            throw new IOException(bag + ": no microphone audio on " + audioTopic + " (the bag has: "
                    + (topics.isEmpty() ? "no messages" : String.join(", ", topics)) + ")");
        }
        int rate = chunks.get(0).rate();
        for (Chunk c : chunks) {
            if (c.rate() != rate) {
                throw new IOException(bag + ": " + audioTopic + " changes rate from " + rate + " to " + c.rate()
                        + " Hz within the bag; not supported");
            }
        }
        return lay(chunks, rate);
    }

    private static long stamp(long header, BagMessage m) {
        return header != 0 ? header : m.logTimeNanos();
    }

    /** Chunks end to end, silence where the stamps show a hole that lasts (see the class comment). */
    private static Track lay(List<Chunk> chunks, int rate) {
        int n = chunks.size();
        long[] place = new long[n];   // each chunk's start in ns from the first, by sample count
        long position = 0;
        long holes = 0;
        long offset = chunks.get(0).stampNanos();
        int i = 0;
        while (i < n) {
            place[i] = position;
            long late = chunks.get(i).stampNanos() - (offset + position);
            long duration = chunks.get(i).mono().length * 1_000_000_000L / rate;
            long tolerance = Math.max(HOLE_TOLERANCE_MILLIS * 1_000_000L, 2 * duration);
            if (late < 0) {
                offset += late;   // published sooner than any before: the new baseline
            } else if (late > tolerance) {
                long least = late;
                long checkedUntil = chunks.get(i).stampNanos() + HOLE_CONFIRM_MILLIS * 1_000_000L;
                long ahead = position;
                boolean lasts = true;
                for (int k = i; k < n && chunks.get(k).stampNanos() <= checkedUntil; k++) {
                    long l = chunks.get(k).stampNanos() - (offset + ahead);
                    if (l <= tolerance) {
                        lasts = false;
                        break;
                    }
                    least = Math.min(least, l);
                    ahead += chunks.get(k).mono().length * 1_000_000_000L / rate;
                }
                if (lasts) {
                    position += least;
                    place[i] = position;
                    holes += least;
                }
            }
            position += duration;
            i++;
        }
        long total = position;
        short[] samples = new short[(int) Math.min(Integer.MAX_VALUE, total * rate / 1_000_000_000L + 1)];
        int end = 0;
        for (int k = 0; k < n; k++) {
            int at = (int) (place[k] * rate / 1_000_000_000L);
            at = Math.max(at, end);   // rounding never overlaps two chunks
            short[] mono = chunks.get(k).mono();
            int len = Math.min(mono.length, samples.length - at);
            System.arraycopy(mono, 0, samples, at, Math.max(0, len));
            end = at + Math.max(0, len);
        }
        return new Track(rate, java.util.Arrays.copyOf(samples, end), chunks.get(0).stampNanos(), n, holes / 1_000_000L);
    }
}
