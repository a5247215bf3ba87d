package dev.vigil.engines.models;

import dev.vigil.engines.models.CacheFiles.CacheWriteException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLConnection;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * Fetches an archive over HTTP(S) into the cache. Both the connection and every read have a
 * timeout, so a registry that stops sending ends the download instead of hanging it. A failed
 * download leaves nothing behind (its {@code .partial} file is deleted) and the next one starts
 * over: archives are a few megabytes, so restarting costs little and needs no server support.
 *
 * <p>{@link HttpURLConnection} rather than {@code java.net.http.HttpClient}: the latter bounds
 * only the wait for response headers, and a body that stalls blocks its reader forever.
 * Redirects are followed, and the JVM's proxy settings ({@code -Dhttps.proxyHost} and friends)
 * honoured.
 *
 * <p>Progress goes to this class's logger at INFO, the store's one way to the user (the launcher
 * prints the package's records as {@code vigil: } lines): bytes so far, the total when the server
 * declared one, and the mean rate, at most once per {@code progressEvery}, and one line at the end.
 */
final class Downloader {

  private static final System.Logger LOG = System.getLogger(Downloader.class.getName());
  private static final double MB = 1 << 20;

  private final Duration connectTimeout;
  private final Duration readTimeout;
  private final long progressEveryNanos;

  /**
   * @param progressEvery the shortest time between two progress lines of one download
   */
  Downloader(Duration connectTimeout, Duration readTimeout, Duration progressEvery) {
    this.connectTimeout = connectTimeout;
    this.readTimeout = readTimeout;
    this.progressEveryNanos = progressEvery.toNanos();
  }

  /**
   * Downloads {@code url} to {@code archive}, replacing it atomically when complete.
   *
   * @param name what the progress lines call the download (the model's name)
   * @param where the message prefix: the model and URL
   * @throws ModelFetchException one line: {@code where}, then the network's problem, or "cannot
   *     write the cache" for a local one
   */
  void download(URI url, Path archive, String name, String where) throws ModelFetchException {
    Path partial = null;
    HttpURLConnection http = null;
    try {
      partial = CacheFiles.partialFor(archive);
      http = connect(url, where);
      long declared = http.getContentLengthLong();
      long received = 0;
      long started = System.nanoTime();
      long reported = started;
      try (InputStream body = http.getInputStream();
          OutputStream out = CacheFiles.writeTo(partial)) {
        byte[] buf = new byte[1 << 16];
        while (true) {
          int n;
          try {
            n = body.read(buf);
          } catch (SocketTimeoutException e) {
            throw new ModelFetchException(where + ": download stalled: no data for "
                + readTimeout.toSeconds() + " s after " + progress(received, declared), e);
          } catch (IOException e) {
            throw new ModelFetchException(where + ": connection lost after "
                + progress(received, declared) + " (" + FetchReasons.reason(e, url) + ")", e);
          }
          if (n < 0) {
            break;
          }
          out.write(buf, 0, n);
          received += n;
          long now = System.nanoTime();
          if (now - reported >= progressEveryNanos) {
            reported = now;
            LOG.log(Level.INFO, "downloading {0}: {1}, {2}", name, megabytes(received, declared),
                rate(received, now - started));
          }
        }
      }
      if (declared >= 0 && received != declared) {
        throw new ModelFetchException(where + ": connection lost after "
            + progress(received, declared) + " (the server closed the connection)");
      }
      CacheFiles.moveIntoPlace(partial, archive);
      long took = System.nanoTime() - started;
      LOG.log(Level.INFO, "downloaded {0}: {1} in {2} s, {3} ({4})", name, megabytes(received, -1),
          String.format(Locale.ROOT, "%.1f", took / 1e9), rate(received, took), url);
    } catch (CacheWriteException e) {
      throw cannotWrite(where, e);
    } catch (IOException e) {
      // Reads and local writes are handled above, so this is closing the response failing.
      throw new ModelFetchException(where + ": download failed ("
          + FetchReasons.reason(e, url) + ")", e);
    } finally {
      if (http != null) {
        http.disconnect();
      }
      CacheFiles.deleteQuietly(partial);
    }
  }

  /** The one-line message for a local write failure, naming the file rather than the network. */
  static ModelFetchException cannotWrite(String where, CacheWriteException e) {
    return new ModelFetchException(where + ": cannot write the cache (" + e.getMessage() + ")", e);
  }

  /** Connects and reads the status line; only a 200 comes back. */
  private HttpURLConnection connect(URI url, String where) throws ModelFetchException {
    try {
      URLConnection connection = url.toURL().openConnection();
      if (!(connection instanceof HttpURLConnection http)) {
        throw new ModelFetchException(where + ": not an http or https URL");
      }
      http.setConnectTimeout((int) connectTimeout.toMillis());
      http.setReadTimeout((int) readTimeout.toMillis());
      http.setInstanceFollowRedirects(true);
      http.setRequestProperty("User-Agent", "vigil-model-store");
      try {
        http.connect();
      } catch (SocketTimeoutException e) {
        throw new ModelFetchException(where + ": cannot connect (no answer within "
            + connectTimeout.toSeconds() + " s)", e);
      }
      int status;
      try {
        status = http.getResponseCode();
      } catch (SocketTimeoutException e) {
        throw new ModelFetchException(where + ": no response within "
            + readTimeout.toSeconds() + " s", e);
      }
      if (status != HttpURLConnection.HTTP_OK) {
        http.disconnect();
        throw new ModelFetchException(where + ": HTTP " + status);
      }
      return http;
    } catch (ConnectException e) {
      throw new ModelFetchException(where + ": cannot connect ("
          + FetchReasons.reason(e, url) + ")", e);
    } catch (IOException | IllegalArgumentException e) {
      if (FetchReasons.isUnresolvedHost(e)) {
        throw new ModelFetchException(where + ": cannot connect ("
            + FetchReasons.reason(e, url) + ")", e);
      }
      throw new ModelFetchException(where + ": download failed ("
          + FetchReasons.reason(e, url) + ")", e);
    }
  }

  /** {@code 12.3 / 75.1 MB}, or {@code 12.3 MB} when the total is not known; MB of 2^20 bytes. */
  static String megabytes(long received, long declared) {
    return declared >= 0
        ? String.format(Locale.ROOT, "%.1f / %.1f MB", received / MB, declared / MB)
        : String.format(Locale.ROOT, "%.1f MB", received / MB);
  }

  /** The mean rate since the start, {@code 4.2 MB/s}. */
  static String rate(long bytes, long nanos) {
    return String.format(Locale.ROOT, "%.1f MB/s", nanos <= 0 ? 0 : bytes / MB / (nanos / 1e9));
  }

  private static String progress(long received, long declared) {
    return received + (declared >= 0 ? " of " + declared : "") + " bytes";
  }
}
