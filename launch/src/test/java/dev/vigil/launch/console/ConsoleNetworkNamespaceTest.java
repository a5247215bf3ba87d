package dev.vigil.launch.console;

import dev.vigil.launch.config.ConsoleSettings;
import dev.vigil.policy.watch.Watch;
import dev.vigil.policy.watch.WatchRequests;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The console seen from another machine: a network namespace this test makes, joined to this one by a
 * veth pair (10.231.77.1 here, 10.231.77.2 there), from which {@code curl} asks. Without the token
 * every request is refused (401: the page, the watch list, the WebSocket, actions); with it they are
 * accepted. A console listening on every address still serves loopback without the token, and the
 * namespace not. Needs root and {@code ip} and {@code curl}; skipped, saying which is missing,
 * without them.
 */
class ConsoleNetworkNamespaceTest {

    private static final String TOKEN = "namespace-test-token-0123456789";
    private static final String HOST = "10.231.77.1";
    private static final String PEER = "10.231.77.2";
    /** Names unique to this run, short enough for interface names (15 characters). */
    private static final String ID = Long.toString(ProcessHandle.current().pid() % 100_000);
    private static final String NS = "vigilcons" + ID;
    private static final String VETH_HOST = "vgc" + ID + "h";
    private static final String VETH_PEER = "vgc" + ID + "n";

    private static boolean made;
    private ConsoleServer console;

    @BeforeAll
    static void makeTheNamespace() throws Exception {
        assumeTrue(onPath("ip"), "no ip (iproute2) on the PATH");
        assumeTrue(onPath("curl"), "no curl on the PATH: it asks from inside the namespace");
        assumeTrue(sh("id", "-u").out().strip().equals("0"), "not root: making a network namespace needs it");
        Result add = sh("ip", "netns", "add", NS);
        assumeTrue(add.code() == 0, "cannot make a network namespace here (" + add.out().strip() + ")");
        made = true;
        for (String[] step : new String[][] {
                {"ip", "link", "add", VETH_HOST, "type", "veth", "peer", "name", VETH_PEER},
                {"ip", "link", "set", VETH_PEER, "netns", NS},
                {"ip", "addr", "add", HOST + "/24", "dev", VETH_HOST},
                {"ip", "link", "set", VETH_HOST, "up"},
                {"ip", "netns", "exec", NS, "ip", "addr", "add", PEER + "/24", "dev", VETH_PEER},
                {"ip", "netns", "exec", NS, "ip", "link", "set", VETH_PEER, "up"},
                {"ip", "netns", "exec", NS, "ip", "link", "set", "lo", "up"}}) {
            Result r = sh(step);
            assertThat(r.code()).as(String.join(" ", step) + ": " + r.out()).isZero();
        }
    }

    @AfterAll
    static void removeTheNamespace() throws Exception {
        if (made) {
            // Deleting the namespace deletes its end of the pair, and with it this end.
            sh("ip", "netns", "del", NS);
            sh("ip", "link", "del", VETH_HOST);
        }
    }

    @AfterEach
    void stop() {
        if (console != null) {
            console.close();
        }
    }

    private void start(String bind) throws Exception {
        console = ConsoleServer.start(new ConsoleSettings(true, bind, 0, TOKEN));
        console.watches(new ConsoleServer.WatchControl() {
            @Override
            public Watch watch(String request) {
                WatchRequests.Create c = (WatchRequests.Create) WatchRequests.read(request).orElseThrow();
                return new Watch("w1", request, c.condition(), c.alert(), 0, Long.MAX_VALUE, true, false);
            }

            @Override
            public Optional<Watch> cancel(String id) {
                return Optional.empty();
            }

            @Override
            public List<Watch> active() {
                return List.of();
            }
        });
    }

    /** {@code curl} from inside the namespace; the HTTP status. */
    private static int fromTheNamespace(String... curl) throws Exception {
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", NS, "curl", "-s", "-o", "/dev/null",
                "-w", "%{http_code}", "--max-time", "10"));
        command.addAll(List.of(curl));
        Result r = sh(command.toArray(String[]::new));
        return Integer.parseInt(r.out().strip());
    }

    /** {@code curl} from this machine's loopback. */
    private static int fromLoopback(String url) throws Exception {
        return Integer.parseInt(sh("curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "--max-time", "10", url).out().strip());
    }

    @Test
    void fromAnotherMachineNothingIsServedWithoutTheToken() throws Exception {
        start(HOST);
        String base = "http://" + HOST + ":" + console.port();
        String watch = "{\"request\": \"tell me when the light is green\"}";
        assertThat(fromTheNamespace(base + "/")).isEqualTo(401);
        assertThat(fromTheNamespace(base + "/api/watches")).isEqualTo(401);
        assertThat(fromTheNamespace(base + "/frame.jpg")).isEqualTo(401);
        assertThat(fromTheNamespace("-H", "Connection: Upgrade", "-H", "Upgrade: websocket", "-H", "Sec-WebSocket-Version: 13",
                "-H", "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==", base + "/events")).isEqualTo(401);
        assertThat(fromTheNamespace("-X", "POST", "-H", "Content-Type: application/json", "-d", watch, base + "/api/watches"))
                .isEqualTo(401);
        assertThat(fromTheNamespace("-H", "Authorization: Bearer not-the-token-at-all", base + "/")).isEqualTo(401);

        assertThat(fromTheNamespace(base + "/?token=" + TOKEN)).isEqualTo(200);
        assertThat(fromTheNamespace("-H", "Authorization: Bearer " + TOKEN, base + "/api/watches")).isEqualTo(200);
        assertThat(fromTheNamespace("-X", "POST", "-H", "Authorization: Bearer " + TOKEN, "-H", "Content-Type: application/json",
                "-d", watch, base + "/api/watches")).isEqualTo(201);
    }

    @Test
    void onEveryAddressLoopbackReadsWithoutTheTokenAndTheNamespaceDoesNot() throws Exception {
        start("0.0.0.0");
        int port = console.port();
        assertThat(fromLoopback("http://127.0.0.1:" + port + "/")).isEqualTo(200);
        assertThat(fromTheNamespace("http://" + HOST + ":" + port + "/")).isEqualTo(401);
        assertThat(fromTheNamespace("http://" + HOST + ":" + port + "/?token=" + TOKEN)).isEqualTo(200);
        assertThat(console.announcement()).contains("http://127.0.0.1:" + port + "/?token=" + TOKEN)
                .contains("listening on every address");
    }

    private record Result(int code, String out) {
    }

    private static Result sh(String... command) throws Exception {
        Path out = Files.createTempFile("vigil-netns-", ".out");
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Result(-1, String.join(" ", command) + ": still running after 30 s");
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
        }
    }

    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return List.of("/usr/sbin/" + program, "/sbin/" + program).stream().anyMatch(p -> Files.isExecutable(Path.of(p)));
    }
}
