package dev.vigil.launch.console;

import dev.vigil.launch.config.ConsoleSettings;
import dev.vigil.launch.events.AgentEvent;
import dev.vigil.launch.events.JsonLinesSink;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The event feed: a page gets the same JSON objects {@code --events} writes, the recent past first;
 * what a page sends that the console does not speak is ignored and counted, and neither its
 * connection nor the server stops; a page that does not read loses its oldest events, counted.
 */
class ConsoleFeedTest {

    private static final String TOKEN = "feed-test-token-0123456789";

    private ConsoleServer console;
    private Vertx client;
    /** Held: Vert.x 5 closes a client that becomes unreachable, mid-handshake included. */
    private io.vertx.core.http.WebSocketClient sockets;

    @BeforeEach
    void start() throws Exception {
        console = ConsoleServer.start(new ConsoleSettings(true, "127.0.0.1", 0, TOKEN));
        client = Vertx.vertx();
        sockets = client.createWebSocketClient();
    }

    @AfterEach
    void stop() throws Exception {
        console.close();
        // Not awaited: a paused socket with megabytes unread takes its time to wind down.
        client.close();
    }

    private static AgentEvent transcript(int n) {
        return AgentEvent.of("transcript", n).media(n * 1_000_000_000L).with("text", "go forward <b>" + n + "</b>")
                .with("is_final", true).with("tier", "grammar").build();
    }

    private record Feed(WebSocket ws, BlockingQueue<String> messages) {
        String next() throws InterruptedException {
            String m = messages.poll(10, TimeUnit.SECONDS);
            assertThat(m).as("a message within 10 s").isNotNull();
            return m;
        }
    }

    private Feed connect(String token) throws Exception {
        BlockingQueue<String> messages = new LinkedBlockingQueue<>();
        WebSocket ws = sockets.connect(new WebSocketConnectOptions().setHost("127.0.0.1")
                        .setPort(console.port()).setURI("/events" + (token == null ? "" : "?token=" + token)))
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        ws.textMessageHandler(messages::add);
        ws.writeTextMessage("{\"type\": \"hello\"}");
        return new Feed(ws, messages);
    }

    @Test
    void aPageGetsTheEventStreamsOwnJsonTheRecentPastFirst() throws Exception {
        console.accept(transcript(1));
        console.accept(transcript(2));
        Feed feed = connect(TOKEN);
        assertThat(feed.next()).isEqualTo(JsonLinesSink.line(transcript(1)));
        assertThat(feed.next()).isEqualTo(JsonLinesSink.line(transcript(2)));
        console.accept(transcript(3));
        assertThat(feed.next()).isEqualTo(JsonLinesSink.line(transcript(3)))
                .contains("\"text\":\"go forward <b>3</b>\"");
    }

    @Test
    void malformedMessagesAreIgnoredCountedAndTheConnectionGoesOn() throws Exception {
        Feed feed = connect(TOKEN);
        feed.ws().writeTextMessage("not json at all {");
        feed.ws().writeTextMessage("[1, 2, 3]");
        feed.ws().writeTextMessage("{\"type\": \"delete_everything\"}");
        feed.ws().writeTextMessage("{\"type\": \"ping\", \"pad\": \"" + "x".repeat(10 * 1024) + "\"}");
        feed.ws().writeBinaryMessage(Buffer.buffer(new byte[] {1, 2, 3}));
        feed.ws().writeTextMessage("{\"type\": \"ping\"}");
        assertThat(feed.next()).isEqualTo("{\"type\":\"pong\"}");
        assertThat(console.rejected()).isEqualTo(Map.of("not_json", 2L, "unknown_type", 1L, "too_large", 1L, "binary", 1L));
        console.accept(transcript(7));
        assertThat(feed.next()).isEqualTo(JsonLinesSink.line(transcript(7)));
        assertThat(feed.ws().isClosed()).isFalse();
        // Another page still connects.
        Feed other = connect(TOKEN);
        assertThat(other.next()).isEqualTo(JsonLinesSink.line(transcript(7)));
    }

    @Test
    void theFeedNeedsTheTokenFromAnOriginOfAnotherSite() throws Exception {
        var refused = sockets.connect(new WebSocketConnectOptions().setHost("127.0.0.1")
                        .setPort(console.port()).setURI("/events").addHeader("Origin", "https://evil.example"))
                .toCompletionStage().toCompletableFuture();
        assertThat(refused).failsWithin(10, TimeUnit.SECONDS).withThrowableThat().withMessageContaining("401");
    }

    @Test
    void aPageThatDoesNotReadLosesItsOldestEventsNotTheAgentsTime() throws Exception {
        Feed slow = connect(TOKEN);
        slow.ws().pause();
        String pad = "y".repeat(2048);
        long started = System.nanoTime();
        for (int i = 0; i < 40_000; i++) {
            console.accept(AgentEvent.of("observation", i).with("pad", pad).build());
        }
        // accept() only queues: 40 000 events handed over in well under a second even with no reader.
        assertThat((System.nanoTime() - started) / 1e9).isLessThan(2.0);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (console.dropped() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(console.dropped()).isPositive();
        Feed fresh = connect(TOKEN);
        fresh.ws().writeTextMessage("{\"type\": \"ping\"}");
        List<String> seen = new java.util.ArrayList<>();
        while (!seen.contains("{\"type\":\"pong\"}")) {
            seen.add(fresh.next());
        }
        assertThat(seen.size()).isLessThanOrEqualTo(ConsoleServer.HISTORY + 1);
    }
}
