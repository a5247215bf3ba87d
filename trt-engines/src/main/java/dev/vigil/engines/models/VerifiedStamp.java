package dev.vigil.engines.models;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;

/**
 * The record that a cached file once hashed to its manifest's SHA-256, kept beside it as
 * {@code .<file name>.verified}, so that later starts trust the file while its size and modification
 * time are unchanged instead of hashing it again (Whisper's 75 MB: about 0.1 s of every start).
 *
 * <p>A stamp is trusted only when the file was last modified at least {@link #RACY} before it was
 * verified: a write within the file system's timestamp granularity after the hash would otherwise
 * leave the same modification time (git's "racily clean" entries). A freshly written model is
 * therefore hashed once more at the next start, and trusted from then on. A stamp that cannot be
 * read, or does not match, is ignored and the file hashed. Changed bytes that keep the size and the
 * modification time (bit rot, a deliberate {@code touch -d}) are not detected; {@code vigil models
 * verify} is not written yet.
 *
 * @param size the file's size in bytes when verified
 * @param modifiedNanos its modification time, nanoseconds since the epoch
 * @param sha256 the lower-case hex SHA-256 it had
 * @param verifiedNanos when it was hashed, nanoseconds since the epoch
 */
record VerifiedStamp(long size, long modifiedNanos, String sha256, long verifiedNanos) {

  /** Modifications this close before the hash may hide a later write with the same time. */
  static final Duration RACY = Duration.ofSeconds(2);

  private static final System.Logger LOG = System.getLogger(VerifiedStamp.class.getName());
  private static final String FORMAT = "vigil-verified-1";

  /** Where the stamp of {@code file} lives. */
  static Path pathFor(Path file) {
    return file.resolveSibling("." + file.getFileName() + ".verified");
  }

  /** Whether {@code file} may be taken as having {@code sha256} without hashing it. */
  static boolean trusts(Path file, String sha256) {
    Optional<VerifiedStamp> stamp = read(pathFor(file));
    if (stamp.isEmpty() || !stamp.get().sha256().equals(sha256)) {
      return false;
    }
    try {
      BasicFileAttributes now = Files.readAttributes(file, BasicFileAttributes.class,
          LinkOption.NOFOLLOW_LINKS);
      long modified = nanos(now.lastModifiedTime().toInstant());
      VerifiedStamp s = stamp.get();
      return now.isRegularFile() && now.size() == s.size() && modified == s.modifiedNanos()
          && modified + RACY.toNanos() <= s.verifiedNanos();
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Records that {@code file} hashed to {@code sha256} just now. Best effort: a stamp that cannot be
   * written costs a hash at the next start, nothing more.
   */
  static void write(Path file, String sha256) {
    Path stamp = pathFor(file);
    Path partial = null;
    try {
      BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
      Properties p = new Properties();
      p.setProperty("size", Long.toString(attrs.size()));
      p.setProperty("modified_ns", Long.toString(nanos(attrs.lastModifiedTime().toInstant())));
      p.setProperty("sha256", sha256);
      p.setProperty("verified_ns", Long.toString(nanos(Instant.now())));
      partial = CacheFiles.partialFor(stamp);
      try (Writer out = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
        p.store(out, FORMAT);
      }
      CacheFiles.moveIntoPlace(partial, stamp);
    } catch (IOException e) {
      LOG.log(Level.DEBUG, "cannot write {0}: {1}", stamp, e.getMessage());
    } finally {
      CacheFiles.deleteQuietly(partial);
    }
  }

  /** Forgets that {@code file} was verified. */
  static void delete(Path file) {
    CacheFiles.deleteQuietly(pathFor(file));
  }

  static Optional<VerifiedStamp> read(Path stamp) {
    if (!Files.isRegularFile(stamp)) {
      return Optional.empty();
    }
    try (Reader in = Files.newBufferedReader(stamp, StandardCharsets.UTF_8)) {
      Properties p = new Properties();
      p.load(in);
      return Optional.of(new VerifiedStamp(Long.parseLong(p.getProperty("size")),
          Long.parseLong(p.getProperty("modified_ns")), p.getProperty("sha256"),
          Long.parseLong(p.getProperty("verified_ns"))));
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.DEBUG, "ignoring unreadable stamp {0}: {1}", stamp, e.getMessage());
      return Optional.empty();
    }
  }

  private static long nanos(Instant t) {
    return t.getEpochSecond() * 1_000_000_000L + t.getNano();
  }
}
