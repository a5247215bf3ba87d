package dev.vigil.engines.models;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Locking and placing files in the cache. Every file is written under a temporary
 * {@code .partial} name in its final directory and atomically renamed into place, so a crash, or
 * another process resolving the same model at the same time, never leaves a half-written file
 * under a real name. Within one store, work on the same path waits its turn, so a model or archive
 * is fetched once. The static helpers serve other caches too (TensorRT plans).
 */
public final class CacheFiles {

  private static final System.Logger LOG = System.getLogger(CacheFiles.class.getName());

  private final Map<Path, ReentrantLock> locks = new ConcurrentHashMap<>();

  CacheFiles() {}

  /** Work on one cache path, for {@link #locked}. */
  @FunctionalInterface
  interface Work<T> {
    T run() throws ModelFetchException;
  }

  /** Runs {@code work} holding this store's lock on {@code path}. */
  <T> T locked(Path path, Work<T> work) throws ModelFetchException {
    ReentrantLock lock = locks.computeIfAbsent(path, k -> new ReentrantLock());
    lock.lock();
    try {
      return work.run();
    } finally {
      lock.unlock();
    }
  }

  /**
   * A new empty {@code .partial} file next to {@code target}, its directories created.
   *
   * @throws CacheWriteException the cache directory cannot be created or written
   */
  public static Path partialFor(Path target) throws CacheWriteException {
    try {
      Files.createDirectories(target.getParent());
      return Files.createTempFile(target.getParent(), "." + target.getFileName() + ".",
          ".partial");
    } catch (IOException e) {
      throw new CacheWriteException(target.getParent(), e);
    }
  }

  /** Opens {@code partial} so that a failing write is a {@link CacheWriteException}. */
  static OutputStream writeTo(Path partial) throws CacheWriteException {
    OutputStream out;
    try {
      out = Files.newOutputStream(partial);
    } catch (IOException e) {
      throw new CacheWriteException(partial, e);
    }
    return new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        try {
          out.write(b, off, len);
        } catch (IOException e) {
          throw new CacheWriteException(partial, e);
        }
      }

      @Override
      public void close() throws IOException {
        try {
          out.close();
        } catch (IOException e) {
          throw new CacheWriteException(partial, e);
        }
      }
    };
  }

  /** Renames a finished {@code .partial} file over {@code target}. */
  public static void moveIntoPlace(Path partial, Path target) throws CacheWriteException {
    try {
      try {
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        // Same directory, so this only happens on exotic file systems; a plain move still beats
        // failing.
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new CacheWriteException(target, e);
    }
  }

  /** Deletes {@code p} if it exists; a failure is logged at debug level only. */
  public static void deleteQuietly(Path p) {
    if (p == null) {
      return;
    }
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      LOG.log(Level.DEBUG, "could not delete {0}: {1}", p, e.getMessage());
    }
  }

  /**
   * Writing into the cache failed: a local problem (permissions, a full disk), never the network's
   * or the archive's, so nothing already cached is to blame or to delete.
   */
  public static final class CacheWriteException extends IOException {
    private final Path path;

    CacheWriteException(Path path, IOException cause) {
      super(path + ": " + FetchReasons.reason(cause, null), cause);
      this.path = path;
    }

    /** The file or directory that could not be written. */
    public Path path() {
      return path;
    }
  }
}
