package dev.vigil.launch.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.agent.bus.Addresses;
import dev.vigil.agent.message.CameraFrame;
import dev.vigil.agent.message.InputRejected;
import dev.vigil.launch.config.ConsoleSettings;
import dev.vigil.launch.events.AgentEvent;
import dev.vigil.launch.events.EventSink;
import dev.vigil.launch.events.JsonLinesSink;
import dev.vigil.policy.watch.Watch;
import dev.vigil.ros.transport.InputProblems;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketFrame;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The live web console (docs/console.md): serves the page, streams the agent's events to it over a
 * WebSocket as the same JSON objects {@code --events} writes, shows the latest camera frame, and lets
 * the page make and cancel watches.
 *
 * <p>An observer: {@link #accept} (on the agent's event loop) only offers the event to a bounded
 * queue ({@value #INBOX} events; beyond that it is dropped and counted) and wakes the console's own
 * event loop, on a Vert.x instance of its own; serialising, the history for pages that join late
 * and each browser's outbox live there. A browser that reads too slowly loses its oldest events
 * (its outbox holds {@value #OUTBOX}; drops counted in {@link #dropped()}), never the agent's time.
 *
 * <p>Routes: {@code GET /} the page; {@code GET /events} the WebSocket; {@code GET /frame.jpg} the
 * latest camera frame (204 while there is none); {@code GET /api/watches} the active watches; {@code POST /api/watches}
 * ({@code {"request": "tell me when …"}}) makes one; {@code POST /api/watches/ID/cancel} takes one
 * back. Access: {@link ConsoleAccess}; a refusal is 401 with a one-line body.
 */
public final class ConsoleServer implements EventSink {

    /** Events waiting for the console's loop. */
    static final int INBOX = 8192;
    /** Events kept for a page that connects late (the lanes' recent past). */
    static final int HISTORY = 2000;
    /** Messages waiting for one browser. */
    static final int OUTBOX = 1024;
    /** The largest WebSocket message or request body read; larger ones are refused and counted. */
    public static final int MAX_MESSAGE = 4096;
    /**
     * The largest WebSocket frame the protocol layer takes: messages between {@link #MAX_MESSAGE}
     * and this are read to their end and ignored, keeping the connection; a bigger frame closes that
     * one connection (1009, "message too big").
     */
    static final int MAX_FRAME = 256 * 1024;
    /** Browsers served at once; more are refused (503), so memory stays bounded. */
    static final int MAX_CLIENTS = 16;
    /** The input name in {@code vigil.inputs.rejected{input}}. */
    public static final String INPUT = "console";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ConsoleAccess access;
    private final String token;
    private final boolean tokenMade;
    private final Vertx vertx;
    private final Context context;
    private final HttpServer server;
    private final InetAddress bind;
    private final String page;
    private final BlockingQueue<AgentEvent> inbox = new ArrayBlockingQueue<>(INBOX);
    private final AtomicBoolean woken = new AtomicBoolean();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicReference<CameraFrame> frame = new AtomicReference<>();
    private final InputProblems problems;
    private volatile Consumer<InputRejected> rejections = r -> { };
    private volatile WatchControl watches;
    /** Console loop only. */
    private final ArrayDeque<String> history = new ArrayDeque<>();
    /** Console loop only. */
    private final Set<Client> clients = new LinkedHashSet<>();
    /** Console loop only: the last frame encoded, so that polling browsers share one encoding. */
    private CameraFrame encodedFrame;
    private Buffer encodedJpeg;
    private volatile boolean closed;

    /**
     * What the page may do with the agent's watches; {@link #of} adapts the agent.
     */
    public interface WatchControl {
        /** @see dev.vigil.launch.Agent#watch(String) */
        Watch watch(String request);

        /** @see dev.vigil.launch.Agent#cancelWatch(String) */
        Optional<Watch> cancel(String id);

        /** The active watches, oldest first. */
        List<Watch> active();

        /** The agent's watches. */
        static WatchControl of(dev.vigil.launch.Agent agent) {
            return new WatchControl() {
                @Override
                public Watch watch(String request) {
                    return agent.watch(request);
                }

                @Override
                public Optional<Watch> cancel(String id) {
                    return agent.cancelWatch(id);
                }

                @Override
                public List<Watch> active() {
                    return agent.watches().map(dev.vigil.policy.watch.WatchBook::list).orElse(List.of());
                }
            };
        }
    }

    private ConsoleServer(ConsoleSettings settings, String token, boolean tokenMade) throws IOException {
        this.token = token;
        this.tokenMade = tokenMade;
        this.access = new ConsoleAccess(token);
        this.page = resource("console.html");
        this.bind = InetAddress.getByName(settings.bind());
        this.problems = new InputProblems("console", (kind, line) -> rejections.accept(new InputRejected(INPUT, kind, line)));
        // One event loop and one worker (frame encoding): the console must stay small beside the agent.
        this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1)
                .setInternalBlockingPoolSize(1));
        this.context = vertx.getOrCreateContext();
        this.server = vertx.createHttpServer(new HttpServerOptions()
                .setMaxWebSocketFrameSize(MAX_FRAME)
                .setMaxWebSocketMessageSize(MAX_FRAME)
                .setMaxInitialLineLength(MAX_MESSAGE)
                .setMaxHeaderSize(2 * MAX_MESSAGE)
                .setCompressionSupported(false)
                // HTTP/1.1 only: browsers never upgrade plain HTTP to HTTP/2, and one protocol is less to defend.
                .setHttp2ClearTextEnabled(false));
        server.requestHandler(this::handle);
    }

    /**
     * Starts serving.
     *
     * @throws IOException one line: the address cannot be bound (in use, not this machine's)
     */
    public static ConsoleServer start(ConsoleSettings settings) throws IOException {
        boolean made = settings.token() == null;
        ConsoleServer console = new ConsoleServer(settings, made ? ConsoleAccess.newToken() : settings.token(), made);
        try {
            console.server.listen(settings.port(), settings.bind()).toCompletionStage().toCompletableFuture()
                    .get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException | InterruptedException e) {
            console.vertx.close();
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new IOException("console: cannot listen on " + settings.bind() + ":" + settings.port() + " ("
                    + cause.getMessage() + ")", cause);
        }
        return console;
    }

    /** The port listened on (the one chosen, for port 0). */
    public int port() {
        return server.actualPort();
    }

    /** The token requests must carry. */
    public String token() {
        return token;
    }

    /** Whether the token was made at start (none was configured): then it must be printed. */
    public boolean tokenMade() {
        return tokenMade;
    }

    /**
     * The page's address, with the token: the line to print. A console bound to every address
     * ({@code 0.0.0.0}, {@code ::}) is named by loopback here.
     */
    public URI url() {
        String host = bind.isAnyLocalAddress() ? "127.0.0.1"
                : bind instanceof java.net.Inet6Address ? "[" + bind.getHostAddress() + "]" : bind.getHostAddress();
        return URI.create("http://" + host + ":" + port() + "/?token=" + token);
    }

    /** The line printed at start: {@code vigil: console at http://127.0.0.1:PORT/?token=…}. */
    public String announcement() {
        return "vigil: console at " + url() + (bind.isAnyLocalAddress()
                ? " (listening on every address, port " + port() + ": the token is needed from other machines)" : "");
    }

    /**
     * Connects the console to a started agent: its camera frames, its watches, and its count of
     * rejected inputs ({@code vigil.inputs.rejected{input="console"}}).
     */
    public void attach(dev.vigil.launch.Agent agent) {
        EventBus bus = agent.bus();
        rejections = r -> bus.publish(Addresses.INPUT_REJECTED, r);
        // By reference: the newest frame replaces the last; nothing is copied or encoded on the agent's loop.
        bus.<CameraFrame>localConsumer(Addresses.CAMERA_FRAMES, m -> frame.set(m.body()));
        watches = WatchControl.of(agent);
    }

    /** For tests and embedding: what the page's watch actions act on. */
    public void watches(WatchControl control) {
        this.watches = control;
    }

    /** For tests and embedding: the latest camera frame to show. */
    public void frame(CameraFrame latest) {
        frame.set(latest);
    }

    /** Events not delivered to some browser (a full inbox, or a browser's full outbox), in all. */
    public long dropped() {
        return dropped.get();
    }

    /** Inputs refused, by kind ({@code not_json}, {@code unknown_type}, {@code too_large}, {@code binary}, …). */
    public Map<String, Long> rejected() {
        return problems.counts();
    }

    @Override
    public void accept(AgentEvent event) {
        if (closed) {
            return;
        }
        if (!inbox.offer(event)) {
            dropped.incrementAndGet();
        }
        if (woken.compareAndSet(false, true)) {
            context.runOnContext(v -> drainInbox());
        }
    }

    /** Stops serving; open pages see their WebSocket close. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            // A page that stopped reading keeps its connection winding down: the agent's stop does not wait for it.
            vertx.close().toCompletionStage().toCompletableFuture().get(2, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // Closing is best effort: the process is ending.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void drainInbox() {
        woken.set(false);
        AgentEvent event;
        while ((event = inbox.poll()) != null) {
            String line = JsonLinesSink.line(event);
            if (history.size() == HISTORY) {
                history.removeFirst();
            }
            history.addLast(line);
            for (Client c : clients) {
                if (c.subscribed) {
                    c.send(line);
                }
            }
        }
    }

    // ---- HTTP ----

    private void handle(HttpServerRequest request) {
        String path = request.path();
        boolean post = request.method() == HttpMethod.POST;
        if (!post && request.method() != HttpMethod.GET && request.method() != HttpMethod.HEAD) {
            end(request, 405, "text/plain", "vigil console: GET or POST only\n");
            return;
        }
        InetAddress peer = peer(request);
        ConsoleAccess.Request asked = new ConsoleAccess.Request(peer, host(request),
                request.getHeader(HttpHeaders.ORIGIN), request.getHeader(HttpHeaders.AUTHORIZATION),
                request.getParam("token"), post);
        if (!access.allows(asked)) {
            end(request, 401, "text/plain", ConsoleAccess.REFUSED);
            return;
        }
        if (!post) {
            switch (path) {
                case "/" -> page(request);
                case "/events" -> webSocket(request);
                case "/frame.jpg" -> frameJpeg(request);
                case "/api/watches" -> end(request, 200, "application/json", activeWatches().toString());
                // Browsers ask for it unprompted; no icon, and no error in their console either.
                case "/favicon.ico" -> request.response().setStatusCode(204).end();
                default -> end(request, 404, "text/plain", "vigil console: no such page\n");
            }
            return;
        }
        if (path.equals("/api/watches")) {
            body(request, text -> createWatch(request, text));
        } else if (path.startsWith("/api/watches/") && path.endsWith("/cancel")) {
            String id = path.substring("/api/watches/".length(), path.length() - "/cancel".length());
            body(request, text -> cancelWatch(request, id));
        } else {
            end(request, 404, "text/plain", "vigil console: no such action\n");
        }
    }

    /** The {@code Host} the request names ({@code :authority} in HTTP/2), IPv6 in brackets; null if none. */
    private static String host(HttpServerRequest request) {
        io.vertx.core.net.HostAndPort authority = request.authority();
        if (authority == null) {
            return request.getHeader(HttpHeaders.HOST);
        }
        String host = authority.host();
        return host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    private static InetAddress peer(HttpServerRequest request) {
        try {
            String host = request.connection().remoteAddress().hostAddress();
            // A literal from the socket: parsed, not looked up.
            return host == null ? null : InetAddress.getByName(host);
        } catch (IOException e) {
            return null;
        }
    }

    private void page(HttpServerRequest request) {
        // A fresh nonce per response: the page's one inline script and style run, nothing injected does.
        String nonce = ConsoleAccess.newToken();
        request.response()
                .putHeader("Content-Security-Policy", "default-src 'none'; script-src 'nonce-" + nonce + "'; style-src 'nonce-"
                        + nonce + "'; img-src 'self' blob:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
        end(request, 200, "text/html; charset=utf-8", page.replace("{{NONCE}}", nonce));
    }

    private static void end(HttpServerRequest request, int status, String type, String body) {
        request.response().setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, type)
                // Pages and answers carry the token in their address: never cached, never referred on.
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .putHeader("Referrer-Policy", "no-referrer")
                .putHeader("X-Content-Type-Options", "nosniff")
                .end(body);
    }

    /** Reads at most {@link #MAX_MESSAGE} bytes of body, then hands it on; larger is 413 and counted. */
    private void body(HttpServerRequest request, Consumer<String> then) {
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null && !(length.strip().matches("[0-9]{1,9}") && Long.parseLong(length.strip()) <= MAX_MESSAGE)) {
            problems.report("too_large", "a request body over " + MAX_MESSAGE + " bytes was refused");
            request.response().setStatusCode(413).putHeader(HttpHeaders.CONNECTION, "close")
                    .end("vigil console: the body is over " + MAX_MESSAGE + " bytes\n");
            return;
        }
        Buffer body = Buffer.buffer();
        AtomicBoolean over = new AtomicBoolean();
        request.handler(chunk -> {
            if (body.length() + chunk.length() > MAX_MESSAGE) {
                over.set(true);
            } else if (!over.get()) {
                body.appendBuffer(chunk);
            }
        });
        request.endHandler(v -> {
            if (over.get()) {
                problems.report("too_large", "a request body over " + MAX_MESSAGE + " bytes was refused");
                end(request, 413, "text/plain", "vigil console: the body is over " + MAX_MESSAGE + " bytes\n");
            } else {
                then.accept(body.toString(StandardCharsets.UTF_8));
            }
        });
    }

    private void createWatch(HttpServerRequest request, String body) {
        WatchControl control = watches;
        if (control == null) {
            end(request, 503, "text/plain", "vigil console: the agent has not started\n");
            return;
        }
        String said;
        try {
            JsonNode node = JSON.readTree(body);
            said = node == null || !node.path("request").isTextual() ? null : node.path("request").asText();
        } catch (IOException e) {
            said = null;
        }
        if (said == null || said.isBlank()) {
            problems.report("bad_request", "a watch request without {\"request\": \"…\"} was refused");
            end(request, 400, "application/json", error("send {\"request\": \"tell me when …\"}"));
            return;
        }
        try {
            Watch made = control.watch(said);
            end(request, 201, "application/json", describe(made).toString());
        } catch (IllegalArgumentException e) {
            end(request, 422, "application/json", error(e.getMessage()));
        } catch (IllegalStateException e) {
            end(request, 503, "application/json", error(e.getMessage()));
        }
    }

    private void cancelWatch(HttpServerRequest request, String id) {
        WatchControl control = watches;
        if (control == null) {
            end(request, 503, "text/plain", "vigil console: the agent has not started\n");
            return;
        }
        Optional<Watch> taken = control.cancel(id);
        if (taken.isEmpty()) {
            end(request, 404, "application/json", error("no active watch " + id));
        } else {
            end(request, 200, "application/json", describe(taken.get()).toString());
        }
    }

    private ArrayNode activeWatches() {
        ArrayNode list = JSON.createArrayNode();
        WatchControl control = watches;
        if (control != null) {
            control.active().forEach(w -> list.add(describe(w)));
        }
        return list;
    }

    private static ObjectNode describe(Watch w) {
        ObjectNode node = JSON.createObjectNode();
        node.put("id", w.id()).put("text", w.text()).put("condition", w.condition().describe()).put("alert", w.alert());
        return node;
    }

    private static String error(String message) {
        return JSON.createObjectNode().put("error", message).toString();
    }

    private void frameJpeg(HttpServerRequest request) {
        CameraFrame latest = frame.get();
        if (latest == null) {
            // Not an error: a run without a camera, or before its first frame (a page polls for it).
            request.response().setStatusCode(204).putHeader(HttpHeaders.CACHE_CONTROL, "no-store").end();
            return;
        }
        if (latest == encodedFrame) {
            sendJpeg(request, latest, encodedJpeg);
            return;
        }
        // Encoding takes milliseconds: on the console's worker, not its loop.
        vertx.<Buffer>executeBlocking(() -> Buffer.buffer(jpeg(latest)), false).onComplete(done -> {
            if (done.failed()) {
                end(request, 500, "text/plain", "vigil console: the frame could not be encoded\n");
                return;
            }
            encodedFrame = latest;
            encodedJpeg = done.result();
            sendJpeg(request, latest, encodedJpeg);
        });
    }

    private static void sendJpeg(HttpServerRequest request, CameraFrame latest, Buffer jpeg) {
        request.response().setStatusCode(200)
                .putHeader(HttpHeaders.CONTENT_TYPE, "image/jpeg")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .putHeader("X-Vigil-Capture-S", Double.toString(latest.captureNanos() / 1e9))
                .end(jpeg);
    }

    /** Packed RGB as a JPEG. */
    static byte[] jpeg(CameraFrame f) {
        BufferedImage image = new BufferedImage(f.width(), f.height(), BufferedImage.TYPE_3BYTE_BGR);
        byte[] bgr = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        byte[] rgb = f.rgb();
        for (int i = 0; i + 2 < bgr.length && i + 2 < rgb.length; i += 3) {
            bgr[i] = rgb[i + 2];
            bgr[i + 1] = rgb[i + 1];
            bgr[i + 2] = rgb[i];
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "jpg", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    // ---- WebSocket ----

    private void webSocket(HttpServerRequest request) {
        if (clients.size() >= MAX_CLIENTS) {
            end(request, 503, "text/plain", "vigil console: " + MAX_CLIENTS + " pages are open already\n");
            return;
        }
        request.toWebSocket().onSuccess(ws -> {
            Client client = new Client(ws);
            clients.add(client);
            ws.closeHandler(v -> clients.remove(client));
            ws.exceptionHandler(e -> {
                problems.report("protocol", "a WebSocket connection failed: " + e.getMessage());
                clients.remove(client);
            });
            ws.frameHandler(client::frame);
        }).onFailure(e -> end(request, 400, "text/plain", "vigil console: /events is a WebSocket\n"));
    }

    /** One browser: its outbox and the message it is receiving. */
    private final class Client {
        private final ServerWebSocket ws;
        private final ArrayDeque<String> outbox = new ArrayDeque<>();
        private final ByteArrayOutputStream message = new ByteArrayOutputStream();
        private boolean receiving;
        private boolean binary;
        private boolean tooLarge;
        /**
         * Events flow once the page has said {@code hello}: written straight after the handshake, they
         * reached Vert.x's own WebSocket client in the same read as the 101 answer, and it dropped the
         * connection.
         */
        boolean subscribed;

        Client(ServerWebSocket ws) {
            this.ws = ws;
            ws.drainHandler(v -> flush());
        }

        void send(String line) {
            if (outbox.size() == OUTBOX) {
                outbox.removeFirst();
                dropped.incrementAndGet();
            }
            outbox.addLast(line);
            flush();
        }

        private void flush() {
            while (!outbox.isEmpty() && !ws.isClosed() && !ws.writeQueueFull()) {
                ws.writeTextMessage(outbox.removeFirst());
            }
        }

        /** Assembles messages from frames, keeping at most {@link #MAX_MESSAGE} bytes of one. */
        void frame(WebSocketFrame f) {
            if (!(f.isText() || f.isBinary() || f.isContinuation())) {
                return;
            }
            if (!f.isContinuation()) {
                receiving = true;
                binary = f.isBinary();
                tooLarge = false;
                message.reset();
            } else if (!receiving) {
                return;
            }
            Buffer data = f.binaryData();
            if (!tooLarge && message.size() + data.length() <= MAX_MESSAGE) {
                message.writeBytes(data.getBytes());
            } else {
                tooLarge = true;
                message.reset();
            }
            if (f.isFinal()) {
                receiving = false;
                received();
            }
        }

        private void received() {
            if (tooLarge) {
                problems.report("too_large", "a WebSocket message over " + MAX_MESSAGE + " bytes was ignored");
                return;
            }
            if (binary) {
                problems.report("binary", "a binary WebSocket message was ignored (the console speaks JSON text)");
                return;
            }
            JsonNode node;
            try {
                node = JSON.readTree(message.toString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                node = null;
            }
            if (node == null || !node.isObject()) {
                problems.report("not_json", "a WebSocket message that is not a JSON object was ignored");
                return;
            }
            String type = node.path("type").asText("");
            if (type.equals("hello")) {
                if (!subscribed) {
                    subscribed = true;
                    history.forEach(this::send);
                }
            } else if (type.equals("ping")) {
                // The page's liveness check; answered on the same outbox as events, so it also says the feed flows.
                send("{\"type\":\"pong\"}");
            } else {
                problems.report("unknown_type", "a WebSocket message of unknown type was ignored");
            }
        }
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = ConsoleServer.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("console: the page " + name + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
