package dev.vigil.launch.config;

import java.util.regex.Pattern;

/**
 * The live web console ({@code console:} in vigil.yaml; docs/console.md). Off unless enabled
 * ({@code vigil run --console}).
 *
 * @param enabled serve the console while the agent runs
 * @param bind    the local IP address it listens on; default {@code 127.0.0.1} (this machine only).
 *                {@code 0.0.0.0} or a robot's own address serves the network, where every request
 *                needs the token. An address, not a host name: nothing is looked up.
 * @param port    TCP port, 0–65535; 0: any free port (the one bound is printed). Default 8470
 * @param token   the secret every state-changing request, and every request from beyond loopback,
 *                must carry; at least 16 printable ASCII characters without spaces. null (default):
 *                a random one is made at start and printed with the console's address
 */
public record ConsoleSettings(boolean enabled, String bind, int port, String token) {

    /** The port when none is configured. */
    public static final int DEFAULT_PORT = 8470;
    /** A shorter token could be guessed over a network. */
    public static final int MIN_TOKEN_LENGTH = 16;

    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");
    private static final Pattern TOKEN = Pattern.compile("[\\x21-\\x7E]+");

    /** @throws IllegalArgumentException a bind that is no IP address, a port outside 0–65535, a weak token */
    public ConsoleSettings {
        SettingException.text(bind, "bind");
        SettingException.check(isAddress(bind), "bind",
                "not an IP address such as 127.0.0.1, 0.0.0.0 or ::1: \"" + bind + "\"");
        SettingException.check(port >= 0 && port <= 65_535, "port", "must be 0–65535 (0: any free port)");
        SettingException.optionalText(token, "token");
        SettingException.check(token == null || token.length() >= MIN_TOKEN_LENGTH, "token",
                "must be at least " + MIN_TOKEN_LENGTH + " characters (leave it out to have one made)");
        SettingException.check(token == null || TOKEN.matcher(token).matches(), "token",
                "printable ASCII without spaces only");
    }

    /** Off; loopback, port 8470, a token made at start. */
    public static ConsoleSettings defaults() {
        return new ConsoleSettings(false, "127.0.0.1", DEFAULT_PORT, null);
    }

    /** An IPv4 or IPv6 literal; checked without name lookup, which a typo must never trigger. */
    static boolean isAddress(String value) {
        if (IPV4.matcher(value).matches()) {
            return true;
        }
        if (!IPV6.matcher(value).matches()) {
            return false;
        }
        try {
            // A literal with a colon is parsed, never looked up.
            java.net.InetAddress.getByName(value);
            return true;
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }
}
