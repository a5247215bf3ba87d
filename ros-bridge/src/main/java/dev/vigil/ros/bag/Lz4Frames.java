package dev.vigil.ros.bag;

import net.jpountz.xxhash.XXHash32;
import net.jpountz.xxhash.XXHashFactory;

import java.io.IOException;

/**
 * Decodes LZ4 frames (LZ4 Frame Format 1.6.x, lz4/lz4 doc/lz4_Frame_format.md; blocks per
 * doc/lz4_Block_format.md) into an output of known size, every length and match offset checked.
 * <p>
 * Written here because lz4-java's frame reader refuses linked blocks, which is what rosbag2's MCAP
 * writer makes (LZ4F's default preferences); the checksums use lz4-java's xxHash32.
 */
final class Lz4Frames {

    private static final int MAGIC = 0x184D2204;
    private static final int SKIPPABLE = 0x184D2A50;   // … to 0x184D2A5F
    private static final XXHash32 XXH32 = XXHashFactory.fastestInstance().hash32();

    private Lz4Frames() {
    }

    /**
     * The content of the frames in {@code src} (one or more, skippable frames skipped), exactly {@code size} bytes.
     *
     * @throws IOException not LZ4 frames, corrupt, a checksum that does not match, or not {@code size} bytes (one line)
     */
    static byte[] decode(byte[] src, int size) throws IOException {
        byte[] out = new byte[size];
        int o = 0;
        int i = 0;
        while (i < src.length) {
            int magic = le32(src, i, "frame magic");
            if ((magic & 0xFFFFFFF0) == SKIPPABLE) {
                long skip = le32(src, i + 4, "skippable frame size") & 0xFFFF_FFFFL;
                if (skip > src.length - i - 8L) {
                    throw new IOException("lz4 skippable frame at +" + i + " runs past the chunk");
                }
                i += 8 + (int) skip;
                continue;
            }
            if (magic != MAGIC) {
                throw new IOException(String.format("lz4 chunk is corrupt: no LZ4 frame magic at +%d (%08x)", i, magic));
            }
            int descriptor = i + 4;
            need(src, descriptor, 2, "frame descriptor");
            int flg = src[descriptor] & 0xFF;
            int bd = src[descriptor + 1] & 0xFF;
            if (flg >>> 6 != 1 || (flg & 0x02) != 0 || (bd & 0x8F) != 0 || ((bd >>> 4) & 7) < 4) {
                throw new IOException(String.format("lz4 chunk is corrupt: frame descriptor %02x %02x at +%d is not LZ4 frame version 1",
                        flg, bd, descriptor));
            }
            if ((flg & 0x01) != 0) {
                throw new IOException("lz4 frame at +" + i + " needs a dictionary: not supported");
            }
            boolean blockChecksum = (flg & 0x10) != 0;
            boolean contentChecksum = (flg & 0x04) != 0;
            int maxBlock = 1 << (8 + 2 * ((bd >>> 4) & 7));
            int headerEnd = descriptor + 2 + ((flg & 0x08) != 0 ? 8 : 0);
            need(src, headerEnd, 1, "frame header checksum");
            if ((src[headerEnd] & 0xFF) != ((XXH32.hash(src, descriptor, headerEnd - descriptor, 0) >>> 8) & 0xFF)) {
                throw new IOException("lz4 chunk is corrupt: frame header checksum mismatch at +" + headerEnd);
            }
            i = headerEnd + 1;
            int frameStart = o;
            while (true) {
                int word = le32(src, i, "block size");
                i += 4;
                if (word == 0) {
                    break;   // EndMark
                }
                int length = word & 0x7FFF_FFFF;
                if (length > maxBlock || length > src.length - i) {
                    throw new IOException("lz4 chunk is corrupt: block of " + length + " bytes at +" + (i - 4)
                            + " is over its frame's " + maxBlock + " or runs past the chunk");
                }
                if (blockChecksum) {
                    int sum = le32(src, i + length, "block checksum");
                    if (sum != XXH32.hash(src, i, length, 0)) {
                        throw new IOException("lz4 chunk is corrupt: block checksum mismatch at +" + (i - 4));
                    }
                }
                if (word < 0) {   // high bit: stored uncompressed
                    if (length > out.length - o) {
                        throw tooLong(size);
                    }
                    System.arraycopy(src, i, out, o, length);
                    o += length;
                } else {
                    o = block(src, i, i + length, out, o, size);
                }
                i += length + (blockChecksum ? 4 : 0);
            }
            if (contentChecksum) {
                int sum = le32(src, i, "content checksum");
                if (sum != XXH32.hash(out, frameStart, o - frameStart, 0)) {
                    throw new IOException("lz4 chunk is corrupt: content checksum mismatch");
                }
                i += 4;
            }
        }
        if (o != size) {
            throw new IOException("lz4 chunk decompressed to " + o + " bytes, not the " + size + " it says");
        }
        return out;
    }

    /** One compressed block from {@code src[i, end)} into {@code out} at {@code o}; matches may reach into earlier blocks. */
    private static int block(byte[] src, int i, int end, byte[] out, int o, int size) throws IOException {
        while (true) {
            if (i >= end) {
                throw new IOException("lz4 chunk is corrupt: a block ends inside a sequence at +" + i);
            }
            int token = src[i++] & 0xFF;
            int literals = token >>> 4;
            if (literals == 15) {
                for (int b = 255; b == 255; ) {
                    if (i >= end) {
                        throw new IOException("lz4 chunk is corrupt: a literal length runs past its block at +" + i);
                    }
                    b = src[i++] & 0xFF;
                    literals += b;
                    if (literals > size) {
                        throw tooLong(size);
                    }
                }
            }
            if (literals > end - i) {
                throw new IOException("lz4 chunk is corrupt: " + literals + " literals run past their block at +" + i);
            }
            if (literals > out.length - o) {
                throw tooLong(size);
            }
            System.arraycopy(src, i, out, o, literals);
            i += literals;
            o += literals;
            if (i == end) {
                return o;   // the last sequence of a block has literals only
            }
            if (end - i < 2) {
                throw new IOException("lz4 chunk is corrupt: a match offset runs past its block at +" + i);
            }
            int offset = (src[i] & 0xFF) | (src[i + 1] & 0xFF) << 8;
            i += 2;
            if (offset == 0 || offset > o) {
                throw new IOException("lz4 chunk is corrupt: match offset " + offset + " at +" + (i - 2)
                        + " reaches before the start of the data");
            }
            int match = token & 15;
            if (match == 15) {
                for (int b = 255; b == 255; ) {
                    if (i >= end) {
                        throw new IOException("lz4 chunk is corrupt: a match length runs past its block at +" + i);
                    }
                    b = src[i++] & 0xFF;
                    match += b;
                    if (match > size) {
                        throw tooLong(size);
                    }
                }
            }
            match += 4;
            if (match > out.length - o) {
                throw tooLong(size);
            }
            // A match may overlap what it writes (offset < length repeats a pattern): copy forward, byte by byte.
            for (int from = o - offset, stop = o + match; o < stop; ) {
                out[o++] = out[from++];
            }
        }
    }

    private static IOException tooLong(int size) {
        return new IOException("lz4 chunk decompresses to more than the " + size + " bytes it says");
    }

    private static void need(byte[] src, int at, int n, String what) throws IOException {
        if (at < 0 || n > src.length - at) {
            throw new IOException("lz4 chunk is corrupt: it ends where its " + what + " was due (+" + at + ")");
        }
    }

    private static int le32(byte[] src, int at, String what) throws IOException {
        need(src, at, 4, what);
        return (src[at] & 0xFF) | (src[at + 1] & 0xFF) << 8 | (src[at + 2] & 0xFF) << 16 | (src[at + 3] & 0xFF) << 24;
    }
}
