package dev.vigil.engines.models;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Streams entries out of a tar archive: ustar headers, GNU long names ({@code L}) and pax extended
 * headers ({@code x}), which is what npm's tarballs use. Just enough tar to find one file without
 * unpacking the rest or pulling in a compression library.
 */
final class TarReader {

  private static final int BLOCK = 512;
  /** Long names and pax records are small; a bigger one means we are reading garbage. */
  private static final long MAX_META = 1 << 20;

  /** One archive member; {@link #size} is exact, from pax when present. */
  record Entry(String name, char type, long size) {
    boolean isFile() {
      return type == '0' || type == '\0' || type == '7';
    }
  }

  private final InputStream in;
  private final byte[] block = new byte[BLOCK];
  private long consumed;
  private long unreadData;
  private long unreadPadding;
  private Entry current;

  TarReader(InputStream in) {
    this.in = in;
  }

  /** The next member, or null at the end of the archive. Skips what is left of the previous one. */
  Entry next() throws IOException {
    skipFully(unreadData + unreadPadding, "inside entry '" + nameOf(current) + "'");
    unreadData = 0;
    unreadPadding = 0;
    current = null;
    String longName = null;
    Map<String, String> pax = Map.of();
    while (true) {
      long headerAt = consumed;
      if (!readHeader()) {
        return null;
      }
      if (isZero(block)) {
        return null;
      }
      verifyChecksum(headerAt);
      char type = (char) block[156];
      long size = parseNumber(block, 124, 12, headerAt, "size");
      switch (type) {
        case 'L' -> longName = trimNul(readMeta(size, headerAt));
        case 'x' -> pax = parsePax(readMeta(size, headerAt), headerAt);
        case 'g', 'K' -> skipFully(padded(size), "inside a tar extension header");
        default -> {
          String name = headerName();
          if (longName != null) {
            name = longName;
          }
          if (pax.containsKey("path")) {
            name = pax.get("path");
          }
          if (pax.containsKey("size")) {
            try {
              size = Long.parseLong(pax.get("size").strip());
            } catch (NumberFormatException e) {
              throw new IOException("corrupt pax size '" + pax.get("size") + "' at byte "
                  + headerAt);
            }
          }
          // Only regular files carry data; links and directories have size 0 on the wire anyway.
          long data = (type == '1' || type == '2' || type == '5') ? 0 : size;
          current = new Entry(name, type, size);
          unreadData = data;
          unreadPadding = padded(data) - data;
          return current;
        }
      }
    }
  }

  /**
   * The current entry's data. Reading past its end gives EOF; the archive ending first gives an
   * {@link EOFException}, so a truncated archive is never mistaken for a short file.
   */
  InputStream data() {
    return new InputStream() {
      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        if (unreadData == 0) {
          return -1;
        }
        int n = in.read(b, off, (int) Math.min(len, unreadData));
        if (n < 0) {
          throw new EOFException("archive ends inside entry '" + nameOf(current) + "'");
        }
        unreadData -= n;
        consumed += n;
        return n;
      }
    };
  }

  private boolean readHeader() throws IOException {
    int n = in.readNBytes(block, 0, BLOCK);
    consumed += n;
    if (n == 0) {
      // Some writers stop without the two zero blocks; a clean end at a boundary is the end.
      return false;
    }
    if (n < BLOCK) {
      throw new EOFException("archive ends inside a tar header at byte " + (consumed - n));
    }
    return true;
  }

  private byte[] readMeta(long size, long headerAt) throws IOException {
    if (size > MAX_META) {
      throw new IOException("tar extension header of " + size + " bytes at byte " + headerAt
          + " is implausibly large");
    }
    byte[] bytes = in.readNBytes((int) size);
    consumed += bytes.length;
    if (bytes.length < size) {
      throw new EOFException("archive ends inside a tar extension header at byte " + headerAt);
    }
    skipFully(padded(size) - size, "inside a tar extension header");
    return bytes;
  }

  private void skipFully(long n, String where) throws IOException {
    long left = n;
    byte[] sink = null;
    while (left > 0) {
      long skipped = in.skip(left);
      if (skipped <= 0) {
        // skip() may return 0 without being at EOF; a read tells the two apart.
        if (sink == null) {
          sink = new byte[8192];
        }
        int r = in.read(sink, 0, (int) Math.min(sink.length, left));
        if (r < 0) {
          throw new EOFException("archive ends " + where);
        }
        skipped = r;
      }
      left -= skipped;
      consumed += skipped;
    }
  }

  private void verifyChecksum(long headerAt) throws IOException {
    long expected = parseNumber(block, 148, 8, headerAt, "checksum");
    long unsigned = 0;
    long signed = 0;
    for (int i = 0; i < BLOCK; i++) {
      byte b = (i >= 148 && i < 156) ? (byte) ' ' : block[i];
      unsigned += b & 0xff;
      signed += b;
    }
    // Some old writers summed signed bytes; accept either.
    if (expected != unsigned && expected != signed) {
      throw new IOException("not a tar archive, or corrupt: bad header checksum at byte "
          + headerAt);
    }
  }

  private String headerName() {
    String name = string(block, 0, 100);
    boolean ustar = block[257] == 'u' && block[258] == 's' && block[259] == 't'
        && block[260] == 'a' && block[261] == 'r';
    if (ustar) {
      String prefix = string(block, 345, 155);
      if (!prefix.isEmpty()) {
        return prefix + "/" + name;
      }
    }
    return name;
  }

  /** Octal, space or NUL terminated; or GNU base-256 when the high bit of the first byte is set. */
  private static long parseNumber(byte[] h, int off, int len, long headerAt, String field)
      throws IOException {
    if ((h[off] & 0x80) != 0) {
      long v = h[off] & 0x7f;
      for (int i = off + 1; i < off + len; i++) {
        v = (v << 8) | (h[i] & 0xff);
      }
      return v;
    }
    long v = 0;
    int i = off;
    int end = off + len;
    while (i < end && (h[i] == ' ' || h[i] == 0)) {
      i++;
    }
    for (; i < end && h[i] != ' ' && h[i] != 0; i++) {
      if (h[i] < '0' || h[i] > '7') {
        throw new IOException("not a tar archive, or corrupt: bad " + field + " field at byte "
            + headerAt);
      }
      v = (v << 3) + (h[i] - '0');
    }
    return v;
  }

  /** Pax records are "LEN key=value\n", LEN counting the whole record in bytes. */
  private static Map<String, String> parsePax(byte[] bytes, long headerAt) throws IOException {
    Map<String, String> records = new HashMap<>();
    int pos = 0;
    while (pos < bytes.length) {
      if (bytes[pos] == 0) {
        break;
      }
      int space = pos;
      while (space < bytes.length && bytes[space] != ' ') {
        space++;
      }
      int len;
      try {
        len = Integer.parseInt(new String(bytes, pos, space - pos, StandardCharsets.US_ASCII));
      } catch (NumberFormatException e) {
        throw new IOException("corrupt pax header at byte " + headerAt);
      }
      if (len <= space - pos || pos + len > bytes.length) {
        throw new IOException("corrupt pax header at byte " + headerAt);
      }
      String record = new String(bytes, space + 1, pos + len - space - 2, StandardCharsets.UTF_8);
      int eq = record.indexOf('=');
      if (eq > 0) {
        records.put(record.substring(0, eq), record.substring(eq + 1));
      }
      pos += len;
    }
    return records;
  }

  private static long padded(long size) {
    return (size + BLOCK - 1) / BLOCK * BLOCK;
  }

  private static boolean isZero(byte[] b) {
    for (byte x : b) {
      if (x != 0) {
        return false;
      }
    }
    return true;
  }

  private static String string(byte[] b, int off, int len) {
    int end = off;
    while (end < off + len && b[end] != 0) {
      end++;
    }
    return new String(b, off, end - off, StandardCharsets.UTF_8);
  }

  private static String trimNul(byte[] b) {
    return string(b, 0, b.length);
  }

  private static String nameOf(Entry e) {
    return e == null ? "?" : e.name();
  }
}
