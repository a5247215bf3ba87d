package dev.vigil.agent.audio;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Set;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/**
 * Reads and writes WAV files.
 *
 * <p>Reading accepts what real recorders, TTS engines and editors write: PCM 8-bit unsigned and
 * 16/24/32-bit signed, IEEE float 32/64, WAVE_FORMAT_EXTENSIBLE wrapping either, RF64, any
 * channel count and sample rates 1..384000 Hz, with unknown chunks skipped. Writing always
 * produces 16-bit PCM, the one format every consumer accepts, through {@code javax.sound.sampled}.
 *
 * <p>The reader stays Vigil's own because the JDK's (measured on JDK 17, pinned by
 * {@code WavJdkCoverageTest}) refuses RF64, a fmt chunk after the data and an odd chunk without
 * its pad byte with a bare "File of unsupported format"; silently accepts a truncated data chunk,
 * a wrong block align, 64-bit PCM and out-of-range sample rates; miscounts 12-bit frames; and
 * scales 16-bit PCM to float by 1/32767, so a read-write round trip would not be lossless.
 */
public final class WavFile {

    /** Highest sample rate accepted; above it a header is far more likely corrupt than real. */
    public static final int MAX_SAMPLE_RATE = 384_000;

    private static final int TAG_PCM = 0x0001;
    private static final int TAG_FLOAT = 0x0003;
    private static final int TAG_EXTENSIBLE = 0xFFFE;
    private static final long UNKNOWN_SIZE = 0xFFFF_FFFFL;
    // sox, writing to a pipe, cannot seek back and leaves this guess in the data chunk.
    private static final long SOX_PIPE_DATA_SIZE = 0x7FFF_F000L;
    // Largest Java array the JVM reliably allocates.
    private static final long MAX_SAMPLES = Integer.MAX_VALUE - 8;
    private static final int READ_BLOCK = 1 << 16;
    private static final Set<String> COMMON_CHUNKS = Set.of("data", "fmt ", "fact", "LIST", "JUNK", "junk",
            "PAD ", "bext", "cue ", "smpl", "inst", "acid", "iXML", "id3 ", "ID3 ", "PEAK", "cart", "umid", "ds64");

    private WavFile() {
    }

    /** Decodes a whole WAV file; every failure, I/O included, is a one-line {@link AudioFormatException}. */
    public static PcmAudio read(Path file) throws AudioFormatException {
        if (Files.isDirectory(file)) {
            throw new AudioFormatException(file, "is a directory, not a WAV file");
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return new Parser(file, ch).parse();
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    /** What went wrong reading {@code file}, in the words a user needs. */
    private static AudioFormatException unreadable(Path file, IOException e) {
        if (e instanceof NoSuchFileException) {
            return new AudioFormatException(file, "no such file");
        }
        if (e instanceof AccessDeniedException) {
            return new AudioFormatException(file, "permission denied");
        }
        return new AudioFormatException(file, "cannot read: " + describe(e));
    }

    /** Decodes headerless signed 16-bit little-endian mono, the format of most capture dumps. */
    public static PcmAudio readRaw(Path file, int sampleRate) throws AudioFormatException {
        if (sampleRate < 1 || sampleRate > MAX_SAMPLE_RATE) {
            throw new IllegalArgumentException("sample rate must be in 1.." + MAX_SAMPLE_RATE + ", got " + sampleRate);
        }
        byte[] bytes;
        try {
            long size = Files.size(file);
            if (size == 0) {
                throw new AudioFormatException(file, "empty file");
            }
            if (size % 2 != 0) {
                throw new AudioFormatException(file, "raw S16LE needs an even number of bytes, file holds " + size);
            }
            if (size / 2 > MAX_SAMPLES) {
                throw new AudioFormatException(file, "too long to load: " + size / 2 + " samples; split the file");
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw unreadable(file, e);
        }
        if (bytes.length % 2 != 0) { // the file changed between size() and read
            throw new AudioFormatException(file, "raw S16LE needs an even number of bytes, file holds " + bytes.length);
        }
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        float[] samples = new float[bytes.length / 2];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = in.getShort() / 32768f;
        }
        return new PcmAudio(sampleRate, 1, samples);
    }

    /**
     * Writes a whole clip as a canonical 44-byte-header, 16-bit little-endian PCM WAV, clipping
     * samples to [-1, 1] (NaN becomes 0); the container is written by {@code javax.sound.sampled}.
     * Recordings that grow while they are made go through {@link WavWriter} instead.
     *
     * @throws IOException when the file cannot be written
     */
    public static void write(Path file, PcmAudio audio) throws IOException {
        short[] pcm = audio.toPcm16();
        ByteBuffer bytes = ByteBuffer.allocate(2 * pcm.length).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asShortBuffer().put(pcm);
        AudioFormat format = new AudioFormat(audio.sampleRate(), 16, audio.channels(), true, false);
        // Through NIO, not AudioSystem.write(..., File): a missing folder or a read-only file then fails
        // with NoSuchFileException or AccessDeniedException, which callers turn into one line.
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(bytes.array()), format,
                audio.frames()); OutputStream out = Files.newOutputStream(file)) {
            AudioSystem.write(in, AudioFileFormat.Type.WAVE, out);
        }
    }

    private static String describe(IOException e) {
        String msg = e.getMessage();
        return msg == null ? e.getClass().getSimpleName() : msg;
    }

    /** Sample layout taken from the fmt chunk. */
    private record Format(int channels, int sampleRate, int blockAlign, int bytesPerSample, boolean isFloat) {
    }

    /** One pass over the chunk list, then one over the samples; reads only what it decodes. */
    private static final class Parser {
        private final Path file;
        private final FileChannel ch;
        private final long size;

        Parser(Path file, FileChannel ch) throws IOException {
            this.file = file;
            this.ch = ch;
            this.size = ch.size();
        }

        PcmAudio parse() throws IOException, AudioFormatException {
            if (size == 0) {
                throw fail("empty file");
            }
            ByteBuffer head = readAt(0, (int) Math.min(12, size));
            String magic = fourCc(head, 0);
            boolean rf64 = magic.equals("RF64");
            if (magic.equals("RIFX")) {
                throw fail("unsupported big-endian RIFX WAV; convert it to little-endian RIFF");
            }
            if (!magic.equals("RIFF") && !rf64) {
                throw fail("not a WAV file (starts with " + describeMagic(head) + ")");
            }
            if (size < 12) {
                throw fail("truncated: RIFF header needs 12 bytes, file holds " + size);
            }
            String form = fourCc(head, 8);
            if (!form.equals("WAVE")) {
                throw fail("not a WAV file (RIFF form '" + printable(form) + "', expected 'WAVE')");
            }
            long riffSize = u32(head, 4);
            // Writers that cannot seek back (pipes, live recorders) leave these placeholders.
            boolean streamedRiff = riffSize == 0 || riffSize == UNKNOWN_SIZE;

            Format format = null;
            long rf64DataSize = -1;
            long dataOffset = -1;
            long dataSize = -1;
            long pos = 12;
            while (pos + 8 <= size) {
                ByteBuffer hdr = readAt(pos, 8);
                String id = fourCc(hdr, 0);
                long declared = u32(hdr, 4);
                long body = pos + 8;
                long available = size - body;
                if (!isPlausibleId(hdr)) {
                    if (format != null && dataOffset >= 0) {
                        break; // trailing junk after a complete file: harmless
                    }
                    throw fail("corrupt chunk header at byte " + pos + " (" + describeMagic(hdr) + ")");
                }
                if (id.equals("data")) {
                    if (rf64 && declared == UNKNOWN_SIZE && rf64DataSize >= 0) {
                        declared = rf64DataSize;
                    }
                    boolean streamedData = (declared == 0 || declared == UNKNOWN_SIZE) && streamedRiff;
                    boolean soxPipe = declared == SOX_PIPE_DATA_SIZE && declared > available;
                    dataOffset = body;
                    if (streamedData || soxPipe) {
                        dataSize = available;
                        break; // the samples run to the end of the file; nothing can follow
                    }
                    if (declared > available) {
                        throw fail("truncated: data chunk declares " + declared + " bytes, file holds " + available);
                    }
                    dataSize = declared;
                    if (format != null) {
                        break;
                    }
                } else if (declared > available) {
                    if (format != null && dataOffset >= 0) {
                        break;
                    }
                    throw fail("truncated: " + printable(id).strip() + " chunk declares " + declared
                            + " bytes, file holds " + available);
                } else if (id.equals("fmt ")) {
                    format = parseFormat(body, declared);
                } else if (id.equals("ds64") && rf64) {
                    if (declared < 24) {
                        throw fail("bad ds64 chunk: " + declared + " bytes, need at least 24");
                    }
                    long d = readAt(body + 8, 8).getLong();
                    rf64DataSize = d < 0 ? Long.MAX_VALUE : d;
                    streamedRiff = false; // RF64 keeps its real sizes here, not in the RIFF header
                }
                pos = nextChunk(body, declared);
            }
            if (format == null) {
                throw fail(dataOffset < 0 ? "missing fmt and data chunks" : "missing fmt chunk");
            }
            if (dataOffset < 0) {
                throw fail("missing data chunk");
            }
            return decode(format, dataOffset, dataSize);
        }

        // Chunks are word-aligned, but some writers forget the pad byte after an odd-sized chunk;
        // skip the pad unless a well-known chunk id sits right where the pad should be.
        private long nextChunk(long body, long declared) throws IOException, AudioFormatException {
            long end = body + declared;
            if ((declared & 1) == 0 || end + 9 > size) {
                return end + (declared & 1);
            }
            ByteBuffer around = readAt(end, 5);
            boolean knownUnpadded = COMMON_CHUNKS.contains(fourCc(around, 0));
            boolean knownPadded = COMMON_CHUNKS.contains(fourCc(around, 1));
            return knownUnpadded && !knownPadded ? end : end + 1;
        }

        private Format parseFormat(long body, long declared) throws IOException, AudioFormatException {
            if (declared < 16) {
                throw fail("bad fmt chunk: " + declared + " bytes, need at least 16");
            }
            ByteBuffer f = readAt(body, (int) Math.min(declared, 40));
            int tag = u16(f, 0);
            int channels = u16(f, 2);
            long sampleRate = u32(f, 4);
            int blockAlign = u16(f, 12);
            int bits = u16(f, 14);
            int encoding = tag;
            if (tag == TAG_EXTENSIBLE) {
                if (declared < 40) {
                    throw fail("bad fmt chunk: WAVE_FORMAT_EXTENSIBLE needs 40 bytes, chunk has " + declared);
                }
                encoding = u16(f, 24);
                if (!isStandardSubformat(f, 24)) {
                    throw fail("unsupported encoding: WAVE_FORMAT_EXTENSIBLE subformat " + guid(f, 24));
                }
            }
            int bytesPerSample;
            boolean isFloat;
            if (encoding == TAG_PCM) {
                if (bits < 1 || bits > 32) {
                    throw fail("unsupported encoding: " + bits + "-bit PCM");
                }
                bytesPerSample = (bits + 7) / 8; // odd widths (12, 20) are left-justified in whole bytes
                isFloat = false;
            } else if (encoding == TAG_FLOAT) {
                if (bits != 32 && bits != 64) {
                    throw fail("unsupported encoding: " + bits + "-bit IEEE float");
                }
                bytesPerSample = bits / 8;
                isFloat = true;
            } else {
                String name = encodingName(encoding);
                throw fail(String.format(Locale.ROOT, "unsupported encoding: format tag 0x%04X%s",
                        encoding, name == null ? "" : " (" + name + ")"));
            }
            if (channels == 0) {
                throw fail("bad fmt chunk: 0 channels");
            }
            if (sampleRate == 0 || sampleRate > MAX_SAMPLE_RATE) {
                throw fail("bad fmt chunk: sample rate " + sampleRate + " Hz, supported 1.." + MAX_SAMPLE_RATE);
            }
            int expectedAlign = channels * bytesPerSample;
            if (blockAlign != expectedAlign) {
                throw fail("bad fmt chunk: block align " + blockAlign + ", expected " + expectedAlign + " for "
                        + channels + " channel(s) of " + bits + "-bit samples");
            }
            return new Format(channels, (int) sampleRate, blockAlign, bytesPerSample, isFloat);
        }

        private PcmAudio decode(Format fmt, long offset, long length) throws IOException, AudioFormatException {
            long frames = length / fmt.blockAlign(); // a trailing partial frame is dropped
            long total = frames * fmt.channels();
            if (total > MAX_SAMPLES) {
                throw fail("too long to load: " + total + " samples, limit " + MAX_SAMPLES + "; split the file");
            }
            float[] out = new float[(int) total];
            int framesPerBlock = Math.max(1, READ_BLOCK / fmt.blockAlign());
            ByteBuffer buf = ByteBuffer.allocate(framesPerBlock * fmt.blockAlign()).order(ByteOrder.LITTLE_ENDIAN);
            int o = 0;
            long pos = offset;
            long remaining = frames * fmt.blockAlign();
            while (remaining > 0) {
                buf.clear().limit((int) Math.min(buf.capacity(), remaining));
                fill(buf, pos);
                pos += buf.limit();
                remaining -= buf.limit();
                buf.flip();
                o = decodeBlock(fmt, buf, out, o);
            }
            return new PcmAudio(fmt.sampleRate(), fmt.channels(), out);
        }

        private static int decodeBlock(Format fmt, ByteBuffer in, float[] out, int o) {
            int n = in.remaining() / fmt.bytesPerSample();
            if (fmt.isFloat()) {
                if (fmt.bytesPerSample() == 4) {
                    for (int i = 0; i < n; i++) {
                        out[o++] = in.getFloat();
                    }
                } else {
                    for (int i = 0; i < n; i++) {
                        out[o++] = (float) in.getDouble();
                    }
                }
                return o;
            }
            switch (fmt.bytesPerSample()) {
                case 1 -> {
                    for (int i = 0; i < n; i++) {
                        out[o++] = ((in.get() & 0xFF) - 128) / 128f;
                    }
                }
                case 2 -> {
                    for (int i = 0; i < n; i++) {
                        out[o++] = in.getShort() / 32768f;
                    }
                }
                case 3 -> {
                    for (int i = 0; i < n; i++) {
                        int b0 = in.get() & 0xFF;
                        int b1 = in.get() & 0xFF;
                        int b2 = in.get();
                        out[o++] = ((b2 << 16) | (b1 << 8) | b0) / 8388608f;
                    }
                }
                default -> {
                    for (int i = 0; i < n; i++) {
                        out[o++] = (float) (in.getInt() / 2147483648.0);
                    }
                }
            }
            return o;
        }

        private ByteBuffer readAt(long pos, int len) throws IOException, AudioFormatException {
            ByteBuffer b = ByteBuffer.allocate(len).order(ByteOrder.LITTLE_ENDIAN);
            fill(b, pos);
            return b.flip();
        }

        private void fill(ByteBuffer b, long pos) throws IOException, AudioFormatException {
            long p = pos;
            while (b.hasRemaining()) {
                int n = ch.read(b, p);
                if (n < 0) {
                    throw fail("truncated: file shrank to " + ch.size() + " bytes while being read");
                }
                p += n;
            }
        }

        private AudioFormatException fail(String problem) {
            return new AudioFormatException(file, problem);
        }
    }

    private static int u16(ByteBuffer b, int at) {
        return b.getShort(at) & 0xFFFF;
    }

    private static long u32(ByteBuffer b, int at) {
        return b.getInt(at) & 0xFFFF_FFFFL;
    }

    private static String fourCc(ByteBuffer b, int at) {
        byte[] id = new byte[4];
        for (int i = 0; i < 4; i++) {
            id[i] = at + i < b.limit() ? b.get(at + i) : 0;
        }
        return new String(id, StandardCharsets.ISO_8859_1);
    }

    private static boolean isPlausibleId(ByteBuffer b) {
        for (int i = 0; i < 4; i++) {
            int c = b.get(i) & 0xFF;
            if (c < 0x20 || c > 0x7E) {
                return false;
            }
        }
        return true;
    }

    private static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            sb.append(c >= 0x20 && c <= 0x7E ? c : '?');
        }
        return sb.toString();
    }

    /** Shows the first bytes as text when they read as text (e.g. 'ID3', 'OggS'), else as hex. */
    static String describeMagic(ByteBuffer b) {
        int n = Math.min(4, b.limit());
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < n; i++) {
            int c = b.get(i) & 0xFF;
            if (c < 0x20 || c > 0x7E) {
                break;
            }
            text.append((char) c);
        }
        if (text.length() >= Math.min(3, n)) {
            return "'" + text + "'";
        }
        StringBuilder hex = new StringBuilder("bytes");
        for (int i = 0; i < n; i++) {
            hex.append(String.format(Locale.ROOT, " %02X", b.get(i) & 0xFF));
        }
        return hex.toString();
    }

    // KSDATAFORMAT_SUBTYPE_* GUIDs share this tail; the first two bytes are the classic format tag.
    private static final byte[] SUBFORMAT_TAIL = {
        0x00, 0x00, 0x00, 0x00, 0x10, 0x00, (byte) 0x80, 0x00, 0x00, (byte) 0xAA, 0x00, 0x38, (byte) 0x9B, 0x71,
    };

    private static boolean isStandardSubformat(ByteBuffer b, int at) {
        for (int i = 0; i < SUBFORMAT_TAIL.length; i++) {
            if (b.get(at + 2 + i) != SUBFORMAT_TAIL[i]) {
                return false;
            }
        }
        return true;
    }

    private static String guid(ByteBuffer b, int at) {
        return String.format(Locale.ROOT, "{%08X-%04X-%04X-%02X%02X-%02X%02X%02X%02X%02X%02X}",
                b.getInt(at), b.getShort(at + 4), b.getShort(at + 6),
                b.get(at + 8), b.get(at + 9), b.get(at + 10), b.get(at + 11),
                b.get(at + 12), b.get(at + 13), b.get(at + 14), b.get(at + 15));
    }

    private static String encodingName(int tag) {
        return switch (tag) {
            case 0x0002 -> "Microsoft ADPCM";
            case 0x0006 -> "A-law";
            case 0x0007 -> "µ-law";
            case 0x0011 -> "IMA ADPCM";
            case 0x0031 -> "GSM 6.10";
            case 0x0040 -> "G.721 ADPCM";
            case 0x0050 -> "MPEG";
            case 0x0055 -> "MPEG";
            case 0x00FF, 0x1610 -> "AAC";
            case 0x0160, 0x0161, 0x0162, 0x0163 -> "Windows Media Audio";
            case 0x2000 -> "AC-3";
            case 0x6750, 0x6751, 0x674F -> "Vorbis";
            case 0xF1AC -> "FLAC";
            default -> null;
        };
    }
}
