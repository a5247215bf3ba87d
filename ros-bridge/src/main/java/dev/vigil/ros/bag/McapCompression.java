package dev.vigil.ros.bag;

import com.github.luben.zstd.Zstd;
import net.jpountz.lz4.LZ4FrameOutputStream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;

/**
 * The compression of an MCAP chunk's records, as the specification's registry names them: none
 * ({@code ""}), {@code zstd} (Zstandard frames, zstd-jni) and {@code lz4} (LZ4 frames: written by lz4-java,
 * read by {@link Lz4Frames}, which also takes the linked blocks rosbag2 writes).
 */
public enum McapCompression {

    NONE(""),
    /** Level 3, zstd's default: what rosbag2's {@code zstd_fast} trades for speed is not needed at our rates. */
    ZSTD("zstd"),
    /** 64 KiB independent blocks with a content checksum. */
    LZ4("lz4");

    private final String wireName;

    McapCompression(String wireName) {
        this.wireName = wireName;
    }

    /** The name in the Chunk record's {@code compression} field: {@code ""}, {@code zstd} or {@code lz4}. */
    public String wireName() {
        return wireName;
    }

    /** The compression a chunk names, or null when this reader does not know it. */
    static McapCompression ofWireName(String name) {
        for (McapCompression c : values()) {
            if (c.wireName.equals(name)) {
                return c;
            }
        }
        return null;
    }

    byte[] compress(byte[] records) throws IOException {
        try {
            return switch (this) {
                case NONE -> records;
                case ZSTD -> Zstd.compress(records, 3);
                case LZ4 -> {
                    ByteArrayOutputStream out = new ByteArrayOutputStream(records.length / 2 + 64);
                    try (LZ4FrameOutputStream lz4 = new LZ4FrameOutputStream(out, LZ4FrameOutputStream.BLOCKSIZE.SIZE_64KB,
                            LZ4FrameOutputStream.FLG.Bits.BLOCK_INDEPENDENCE, LZ4FrameOutputStream.FLG.Bits.CONTENT_CHECKSUM)) {
                        lz4.write(records);
                    }
                    yield out.toByteArray();
                }
            };
        } catch (RuntimeException | LinkageError e) {
            throw new IOException(wireName + " compression failed: " + e, e);
        }
    }

    /**
     * The records of a chunk, exactly {@code size} bytes.
     *
     * @throws IOException not a valid frame of this compression, or not {@code size} bytes once decompressed
     *                     (one line, without the file: the reader adds it)
     */
    byte[] decompress(byte[] compressed, int size) throws IOException {
        try {
            return switch (this) {
                case NONE -> {
                    if (compressed.length != size) {
                        throw new IOException("uncompressed chunk holds " + compressed.length
                                + " bytes of records but says " + size);
                    }
                    yield compressed;
                }
                case ZSTD -> {
                    byte[] out = new byte[size];
                    long n = Zstd.decompressByteArray(out, 0, size, compressed, 0, compressed.length);
                    if (Zstd.isError(n)) {
                        throw new IOException("zstd: " + Zstd.getErrorName(n));
                    }
                    if (n != size) {
                        throw new IOException("zstd chunk decompressed to " + n + " bytes, not the " + size + " it says");
                    }
                    yield out;
                }
                case LZ4 -> Lz4Frames.decode(compressed, size);
            };
        } catch (LinkageError e) {
            throw new IOException(wireName + " is not available on this platform: " + e);
        } catch (RuntimeException e) {
            // zstd-jni reports a corrupt frame with its own runtime exception.
            throw new IOException(wireName + " chunk is corrupt: " + oneLine(e));
        }
    }

    private static String oneLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.lines().findFirst().orElse(m);
    }

    @Override
    public String toString() {
        return this == NONE ? "none" : wireName;
    }

    static String supported() {
        return Arrays.toString(Arrays.stream(values()).map(c -> '"' + c.wireName + '"').toArray());
    }
}
