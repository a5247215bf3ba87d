package dev.vigil.engines.models;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Builds small tarballs and jars for tests: the JDK reads jars but writes no tar, and the fault
 * tests need archives with chosen contents and chosen damage.
 */
final class TestArchives {

  private TestArchives() {}

  /** A tar archive written entry by entry, in the header styles npm and GNU tar produce. */
  static final class Tar {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** A plain ustar entry; names over 100 bytes go into the ustar prefix field. */
    Tar file(String name, byte[] data) {
      String prefix = "";
      String rest = name;
      if (name.length() > 100) {
        int slash = name.lastIndexOf('/', 155);
        prefix = name.substring(0, slash);
        rest = name.substring(slash + 1);
      }
      header(rest, prefix, '0', data.length);
      body(data);
      return this;
    }

    /** A GNU long-name ('L') record, then the entry under a truncated name. */
    Tar gnuLongName(String name, byte[] data) {
      byte[] nameBytes = (name + "\0").getBytes(StandardCharsets.UTF_8);
      header("././@LongLink", "", 'L', nameBytes.length);
      body(nameBytes);
      header(name.substring(0, Math.min(99, name.length())), "", '0', data.length);
      body(data);
      return this;
    }

    /** A pax ('x') extended header carrying the path, then the entry under a placeholder name. */
    Tar paxPath(String name, byte[] data) {
      String record = " path=" + name + "\n";
      int len = record.getBytes(StandardCharsets.UTF_8).length;
      // The length prefix counts its own digits.
      int total = len + String.valueOf(len).length();
      total = len + String.valueOf(total).length();
      byte[] pax = (total + record).getBytes(StandardCharsets.UTF_8);
      header("PaxHeader/placeholder", "", 'x', pax.length);
      body(pax);
      header("placeholder", "", '0', data.length);
      body(data);
      return this;
    }

    Tar directory(String name) {
      header(name, "", '5', 0);
      return this;
    }

    byte[] tar() {
      byte[] end = new byte[1024];
      ByteArrayOutputStream copy = new ByteArrayOutputStream();
      copy.writeBytes(out.toByteArray());
      copy.writeBytes(end);
      return copy.toByteArray();
    }

    byte[] tgz() {
      return gzip(tar());
    }

    private void header(String name, String prefix, char type, long size) {
      byte[] h = new byte[512];
      put(h, 0, 100, name);
      put(h, 100, 8, "0000644");
      put(h, 108, 8, "0000000");
      put(h, 116, 8, "0000000");
      put(h, 124, 12, String.format("%011o", size));
      put(h, 136, 12, String.format("%011o", 499162500L));
      Arrays.fill(h, 148, 156, (byte) ' ');
      h[156] = (byte) type;
      put(h, 257, 6, "ustar");
      put(h, 263, 2, "00");
      put(h, 345, 155, prefix);
      long sum = 0;
      for (byte b : h) {
        sum += b & 0xff;
      }
      put(h, 148, 7, String.format("%06o", sum));
      out.writeBytes(h);
    }

    private void body(byte[] data) {
      out.writeBytes(data);
      out.writeBytes(new byte[(512 - data.length % 512) % 512]);
    }

    private static void put(byte[] h, int off, int len, String s) {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      if (b.length > len) {
        throw new IllegalArgumentException("'" + s + "' does not fit " + len + " bytes");
      }
      System.arraycopy(b, 0, h, off, b.length);
    }
  }

  static byte[] gzip(byte[] data) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
      gz.write(data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static byte[] jar(String entry, byte[] data) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      zip.putNextEntry(new ZipEntry("META-INF/MANIFEST.MF"));
      zip.write("Manifest-Version: 1.0\n".getBytes(StandardCharsets.UTF_8));
      zip.putNextEntry(new ZipEntry(entry));
      zip.write(data);
      zip.closeEntry();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }
}
