package dev.vigil.engines.models;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A registry on 127.0.0.1 that serves whatever a test tells it to, including the faults a real
 * registry will not produce on demand: error statuses, truncated or wrong bytes, connections
 * dropped mid-body, redirects, and slow bodies that make concurrent downloads overlap.
 */
final class FaultInjectingRegistry implements AutoCloseable {

  @FunctionalInterface
  interface Response {
    void send(HttpExchange exchange) throws IOException;
  }

  private final HttpServer server;
  private final ExecutorService workers = Executors.newFixedThreadPool(8);
  private final Map<String, Response> responses = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
  private final AtomicInteger total = new AtomicInteger();

  private FaultInjectingRegistry(HttpServer server) {
    this.server = server;
  }

  static FaultInjectingRegistry start() throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    FaultInjectingRegistry registry = new FaultInjectingRegistry(server);
    server.createContext("/", registry::handle);
    server.setExecutor(registry.workers);
    server.start();
    return registry;
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** The full URL of {@code path} on this server. */
  URI url(String path) {
    return URI.create(uri() + path);
  }

  void serve(String path, byte[] body) {
    on(path, ex -> {
      ex.sendResponseHeaders(200, body.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    });
  }

  /** Serves {@code body} in small chunks with pauses, so overlapping downloads really overlap. */
  void serveSlowly(String path, byte[] body, int chunk, long pauseMillis) {
    on(path, ex -> {
      ex.sendResponseHeaders(200, body.length);
      try (OutputStream out = ex.getResponseBody()) {
        for (int off = 0; off < body.length; off += chunk) {
          out.write(body, off, Math.min(chunk, body.length - off));
          out.flush();
          pause(pauseMillis);
        }
      }
    });
  }

  void status(String path, int status) {
    on(path, ex -> {
      ex.sendResponseHeaders(status, -1);
      ex.close();
    });
  }

  void redirect(String path, String location) {
    on(path, ex -> {
      ex.getResponseHeaders().set("Location", location);
      ex.sendResponseHeaders(302, -1);
      ex.close();
    });
  }

  /** Promises all of {@code body}, sends the first {@code sent} bytes, then drops the connection. */
  void dropAfter(String path, byte[] body, int sent) {
    on(path, ex -> {
      sendPart(ex, body, sent);
      // Closing short of the promised length makes the server drop the connection.
      ex.close();
    });
  }

  /**
   * Promises all of {@code body}, sends the first {@code sent} bytes, then stops sending with the
   * connection still open, as a registry behind a stuck proxy does; until {@link #close}.
   */
  void stallAfter(String path, byte[] body, int sent) {
    on(path, ex -> {
      sendPart(ex, body, sent);
      pause(Long.MAX_VALUE);
    });
  }

  /** Promises all of {@code body} and sends its first {@code sent} bytes. */
  private static void sendPart(HttpExchange ex, byte[] body, int sent) throws IOException {
    ex.sendResponseHeaders(200, body.length);
    OutputStream out = ex.getResponseBody();
    out.write(body, 0, sent);
    out.flush();
  }

  void on(String path, Response response) {
    responses.put(path, response);
  }

  int requests(String path) {
    AtomicInteger n = hits.get(path);
    return n == null ? 0 : n.get();
  }

  int requests() {
    return total.get();
  }

  private void handle(HttpExchange ex) throws IOException {
    String path = ex.getRequestURI().getRawPath();
    total.incrementAndGet();
    hits.computeIfAbsent(path, k -> new AtomicInteger()).incrementAndGet();
    Response r = responses.get(path);
    if (r == null) {
      ex.sendResponseHeaders(404, -1);
      ex.close();
      return;
    }
    r.send(ex);
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    server.stop(0);
    workers.shutdownNow();
  }
}
