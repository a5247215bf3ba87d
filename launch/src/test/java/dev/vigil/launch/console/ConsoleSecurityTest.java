package dev.vigil.launch.console;

import dev.vigil.launch.config.ConsoleSettings;
import dev.vigil.policy.watch.Condition;
import dev.vigil.policy.watch.Watch;
import dev.vigil.policy.watch.WatchRequests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The console's access rules over real HTTP: on loopback the page may be read without the token,
 * nothing may be changed without it, and a page of another site (its {@code Host} or
 * {@code Origin}) is treated as the network; from another address everything needs it.
 */
class ConsoleSecurityTest {

    private static final String TOKEN = "correct-horse-battery-staple";

    private final List<ConsoleServer> servers = new ArrayList<>();
    private final List<String> made = Collections.synchronizedList(new ArrayList<>());

    @AfterEach
    void close() {
        servers.forEach(ConsoleServer::close);
    }

    private ConsoleServer start(String bind, String token) throws IOException {
        ConsoleServer console = ConsoleServer.start(new ConsoleSettings(true, bind, 0, token));
        servers.add(console);
        console.watches(new ConsoleServer.WatchControl() {
            @Override
            public Watch watch(String request) {
                made.add(request);
                WatchRequests.Create create = (WatchRequests.Create) WatchRequests.read(request).orElseThrow();
                return new Watch("w" + made.size(), request, create.condition(), create.alert(), 0, Long.MAX_VALUE, true, false);
            }

            @Override
            public Optional<Watch> cancel(String id) {
                return id.equals("w1") ? Optional.of(new Watch("w1", "x", new Condition.TextShown("17"), "Seventeen.", 0,
                        Long.MAX_VALUE, true, false)) : Optional.empty();
            }

            @Override
            public List<Watch> active() {
                return List.of();
            }
        });
        return console;
    }

    @Test
    void aTokenIsMadeWhenNoneIsConfiguredAndAnnouncedWithTheAddress() throws Exception {
        ConsoleServer console = start("127.0.0.1", null);
        assertThat(console.tokenMade()).isTrue();
        assertThat(console.token()).hasSize(32).matches("[A-Za-z0-9_-]+");
        assertThat(console.port()).isPositive();
        assertThat(console.announcement())
                .isEqualTo("vigil: console at http://127.0.0.1:" + console.port() + "/?token=" + console.token());
        assertThat(start("127.0.0.1", null).token()).isNotEqualTo(console.token());
    }

    @Test
    void onLoopbackThePageIsReadableWithoutTheTokenButNothingChangesWithoutIt() throws Exception {
        ConsoleServer console = start("127.0.0.1", TOKEN);
        InetAddress at = InetAddress.getLoopbackAddress();
        int port = console.port();
        String host = "127.0.0.1:" + port;

        Reply page = Http.request(at, port, "GET / HTTP/1.1\r\nHost: " + host + "\r\n");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.headers()).contains("content-security-policy: default-src 'none'");
        assertThat(Http.request(at, port, "GET /api/watches HTTP/1.1\r\nHost: localhost:" + port + "\r\n").status())
                .isEqualTo(200);

        String create = "{\"request\": \"tell me when the display shows 17\"}";
        Reply refused = Http.post(at, port, host, "/api/watches", null, create);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.body()).isEqualTo(ConsoleAccess.REFUSED).endsWith("\n").hasLineCount(1);
        assertThat(Http.post(at, port, host, "/api/watches", "Bearer wrong-token-of-some-length", create).status()).isEqualTo(401);
        // The query's token opens the page, never an action (a link cannot change anything).
        assertThat(Http.post(at, port, host, "/api/watches?token=" + TOKEN, null, create).status()).isEqualTo(401);
        assertThat(Http.post(at, port, host, "/api/watches/w1/cancel", null, "").status()).isEqualTo(401);
        assertThat(made).isEmpty();

        Reply accepted = Http.post(at, port, host, "/api/watches", "Bearer " + TOKEN, create);
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(201);
        assertThat(accepted.body()).contains("\"id\":\"w1\"").contains("text shows \\\"17\\\"");
        assertThat(made).containsExactly("tell me when the display shows 17");
        assertThat(Http.post(at, port, host, "/api/watches/w1/cancel", "Bearer " + TOKEN, "").status()).isEqualTo(200);
        assertThat(Http.post(at, port, host, "/api/watches/w9/cancel", "Bearer " + TOKEN, "").status()).isEqualTo(404);
        assertThat(Http.post(at, port, host, "/api/watches", "Bearer " + TOKEN, "{\"request\": 3}").status()).isEqualTo(400);
    }

    @Test
    void aPageOfAnotherSiteIsTreatedAsTheNetwork() throws Exception {
        ConsoleServer console = start("127.0.0.1", TOKEN);
        InetAddress at = InetAddress.getLoopbackAddress();
        int port = console.port();
        // DNS rebinding: another site's name, resolved to 127.0.0.1.
        assertThat(Http.request(at, port, "GET / HTTP/1.1\r\nHost: evil.example:" + port + "\r\n").status()).isEqualTo(401);
        // Another site's page opening the event feed.
        assertThat(Http.request(at, port, "GET /events HTTP/1.1\r\nHost: 127.0.0.1:" + port
                + "\r\nOrigin: https://evil.example\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n").status()).isEqualTo(401);
        assertThat(Http.request(at, port, "GET /?token=" + TOKEN + " HTTP/1.1\r\nHost: evil.example:" + port + "\r\n").status())
                .isEqualTo(200);
        assertThat(Http.request(at, port, "GET / HTTP/1.1\r\n").status()).as("no Host").isIn(400, 401);
    }

    @Test
    void fromAnotherAddressEveryRequestNeedsTheToken() throws Exception {
        InetAddress own = ownAddress();
        assumeTrue(own != null, "this machine has no non-loopback IPv4 address to connect from");
        ConsoleServer console = start(own.getHostAddress(), TOKEN);
        int port = console.port();
        String host = own.getHostAddress() + ":" + port;

        Reply refused = Http.request(own, port, "GET / HTTP/1.1\r\nHost: " + host + "\r\n");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.body()).isEqualTo(ConsoleAccess.REFUSED);
        assertThat(Http.request(own, port, "GET /api/watches HTTP/1.1\r\nHost: " + host + "\r\n").status()).isEqualTo(401);
        assertThat(Http.request(own, port, "GET /?token=" + TOKEN + " HTTP/1.1\r\nHost: " + host + "\r\n").status()).isEqualTo(200);
        assertThat(Http.request(own, port, "GET /api/watches HTTP/1.1\r\nHost: " + host + "\r\nAuthorization: Bearer " + TOKEN
                + "\r\n").status()).isEqualTo(200);
        assertThat(Http.post(own, port, host, "/api/watches", null, "{\"request\": \"tell me when the light is green\"}").status())
                .isEqualTo(401);
        assertThat(Http.post(own, port, host, "/api/watches", "Bearer " + TOKEN,
                "{\"request\": \"tell me when the light is green\"}").status()).isEqualTo(201);
    }

    @Test
    void anOversizedBodyIsRefusedAndCounted() throws Exception {
        ConsoleServer console = start("127.0.0.1", TOKEN);
        InetAddress at = InetAddress.getLoopbackAddress();
        String big = "{\"request\": \"" + "a".repeat(ConsoleServer.MAX_MESSAGE) + "\"}";
        assertThat(Http.post(at, console.port(), "127.0.0.1", "/api/watches", "Bearer " + TOKEN, big).status()).isEqualTo(413);
        assertThat(console.rejected()).containsEntry("too_large", 1L);
        assertThat(made).isEmpty();
        // The server goes on.
        assertThat(Http.request(at, console.port(), "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n").status()).isEqualTo(200);
    }

    /** This machine's first non-loopback IPv4 address that is up, or null. */
    static InetAddress ownAddress() throws IOException {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!nic.isUp() || nic.isLoopback()) {
                continue;
            }
            for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                if (a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress()) {
                    return a;
                }
            }
        }
        return null;
    }

    /** A status, the headers (lower case) and the body of one answer. */
    record Reply(int status, String headers, String body) {
    }

    /**
     * Raw HTTP/1.1 over a socket: the tests must set {@code Host} and {@code Origin} as an attacker
     * would, which the JDK's client does not allow.
     */
    static final class Http {
        static Reply post(InetAddress at, int port, String host, String path, String authorization, String body)
                throws IOException {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            return request(at, port, "POST " + path + " HTTP/1.1\r\nHost: " + host + "\r\n"
                    + (authorization == null ? "" : "Authorization: " + authorization + "\r\n")
                    + "Content-Type: application/json\r\nContent-Length: " + bytes.length + "\r\n", bytes);
        }

        static Reply request(InetAddress at, int port, String head) throws IOException {
            return request(at, port, head, new byte[0]);
        }

        static Reply request(InetAddress at, int port, String head, byte[] body) throws IOException {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(at, port), 5000);
                socket.setSoTimeout(10_000);
                OutputStream out = socket.getOutputStream();
                out.write((head + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.write(body);
                out.flush();
                InputStream in = socket.getInputStream();
                String all = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                int split = all.indexOf("\r\n\r\n");
                String headers = split < 0 ? all : all.substring(0, split);
                String rest = split < 0 ? "" : all.substring(split + 4);
                int status = Integer.parseInt(headers.split(" ")[1]);
                return new Reply(status, headers.toLowerCase(java.util.Locale.ROOT), rest);
            }
        }
    }
}
