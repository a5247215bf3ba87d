package dev.vigil.launch.console;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;

import static org.assertj.core.api.Assertions.assertThat;

/** The access rule on its own: what a request must carry, from where. */
class ConsoleAccessTest {

    private static final String TOKEN = "unit-test-token-0123456789";
    private final ConsoleAccess access = new ConsoleAccess(TOKEN);

    private static InetAddress at(String literal) throws Exception {
        return InetAddress.getByName(literal);
    }

    @Test
    void theTokenIsTheTokenWhole() {
        assertThat(access.matches(TOKEN)).isTrue();
        assertThat(access.matches(TOKEN + "x")).isFalse();
        assertThat(access.matches(TOKEN.substring(1))).isFalse();
        assertThat(access.matches("")).isFalse();
        assertThat(access.matches(null)).isFalse();
    }

    @Test
    void aBearerHeaderOpensEverythingFromAnywhere() throws Exception {
        for (String scheme : new String[] {"Bearer ", "bearer ", "BEARER "}) {
            assertThat(access.allows(new ConsoleAccess.Request(at("10.0.0.9"), "robot:8470", "http://evil.example",
                    scheme + TOKEN, null, true))).as(scheme).isTrue();
        }
        assertThat(access.allows(new ConsoleAccess.Request(at("10.0.0.9"), "robot", null, "Basic " + TOKEN, null, false)))
                .isFalse();
    }

    @Test
    void theQueryTokenOpensReadingOnly() throws Exception {
        assertThat(access.allows(new ConsoleAccess.Request(at("10.0.0.9"), "robot", null, null, TOKEN, false))).isTrue();
        assertThat(access.allows(new ConsoleAccess.Request(at("10.0.0.9"), "robot", null, null, TOKEN, true))).isFalse();
        assertThat(access.allows(new ConsoleAccess.Request(at("127.0.0.1"), "127.0.0.1", null, null, TOKEN, true))).isFalse();
    }

    @Test
    void aWrongTokenIsRefusedEvenWhereNoneIsNeeded() throws Exception {
        assertThat(access.allows(new ConsoleAccess.Request(at("127.0.0.1"), "127.0.0.1:8470", null,
                "Bearer not-the-token", null, false))).as("a wrong Bearer token on loopback").isFalse();
        assertThat(access.allows(new ConsoleAccess.Request(at("127.0.0.1"), "127.0.0.1:8470", null, null, "stale", false)))
                .as("a wrong query token on loopback").isFalse();
    }

    @Test
    void withoutTheTokenOnlyThisMachineReadsAndOnlyForItself() throws Exception {
        assertThat(access.allows(new ConsoleAccess.Request(at("127.0.0.1"), "127.0.0.1:8470", null, null, null, false))).isTrue();
        assertThat(access.allows(new ConsoleAccess.Request(at("::1"), "[::1]:8470", "http://[::1]:8470", null, null, false))).isTrue();
        assertThat(access.allows(new ConsoleAccess.Request(at("127.0.0.1"), "localhost", "http://localhost:8470", null, null, false)))
                .isTrue();
        assertThat(access.allows(new ConsoleAccess.Request(at("127.0.0.1"), "127.0.0.1", null, null, null, true))).as("a POST").isFalse();
        assertThat(access.allows(new ConsoleAccess.Request(at("10.0.0.9"), "127.0.0.1", null, null, null, false))).as("the network").isFalse();
        assertThat(access.allows(new ConsoleAccess.Request(at("127.0.0.1"), "evil.example", null, null, null, false))).as("rebinding").isFalse();
        assertThat(access.allows(new ConsoleAccess.Request(at("127.0.0.1"), "127.0.0.1", "https://evil.example", null, null, false)))
                .as("another site's page").isFalse();
        assertThat(access.allows(new ConsoleAccess.Request(at("127.0.0.1"), "127.0.0.1", "null", null, null, false)))
                .as("an opaque origin").isFalse();
        assertThat(access.allows(new ConsoleAccess.Request(at("127.0.0.1"), null, null, null, null, false))).as("no Host").isFalse();
    }

    @Test
    void loopbackNamesAreLiteralsNeverLookedUp() {
        assertThat(ConsoleAccess.isLoopbackName("127.0.0.1")).isTrue();
        assertThat(ConsoleAccess.isLoopbackName("127.8.9.10")).isTrue();
        assertThat(ConsoleAccess.isLoopbackName("::1")).isTrue();
        assertThat(ConsoleAccess.isLoopbackName("LocalHost")).isTrue();
        assertThat(ConsoleAccess.isLoopbackName("localhost.evil.example")).isFalse();
        assertThat(ConsoleAccess.isLoopbackName("127.0.0.1.nip.io")).isFalse();
        assertThat(ConsoleAccess.isLoopbackName("10.0.0.1")).isFalse();
        assertThat(ConsoleAccess.hostPart("[::1]:8470")).isEqualTo("::1");
        assertThat(ConsoleAccess.hostPart("127.0.0.1:8470")).isEqualTo("127.0.0.1");
    }

    @Test
    void madeTokensAreLongAndDiffer() {
        String a = ConsoleAccess.newToken();
        assertThat(a).hasSize(32).matches("[A-Za-z0-9_-]+").isNotEqualTo(ConsoleAccess.newToken());
    }
}
