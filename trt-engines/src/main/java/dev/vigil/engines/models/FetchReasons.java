package dev.vigil.engines.models;

import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;

/** One-line reasons from exceptions, for the one-line messages of {@link ModelFetchException}. */
final class FetchReasons {

  private FetchReasons() {}

  /**
   * The most telling one-line reason in a cause chain; the JDK often leaves messages null.
   *
   * @param url the URL being fetched, to name its host; null when no network is involved
   */
  static String reason(Throwable e, URI url) {
    if (url != null && isUnresolvedHost(e)) {
      return "unknown host " + url.getHost();
    }
    if (url != null && e instanceof ConnectException
        && (isBlank(e) || e.getMessage().toLowerCase().contains("refused"))) {
      // What a ConnectException means in practice: nothing listening there.
      return "connection refused by " + url.getHost() + ":" + port(url);
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      String m = t.getMessage();
      if (m != null && !m.isBlank()) {
        return m.strip().lines().findFirst().orElse("").strip();
      }
    }
    return e.getClass().getSimpleName();
  }

  static boolean isUnresolvedHost(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof UnresolvedAddressException || t instanceof UnknownHostException) {
        return true;
      }
    }
    return false;
  }

  private static boolean isBlank(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        return false;
      }
    }
    return true;
  }

  private static int port(URI url) {
    if (url.getPort() >= 0) {
      return url.getPort();
    }
    return "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
  }
}
