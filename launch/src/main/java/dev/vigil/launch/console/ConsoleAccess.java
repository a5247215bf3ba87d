package dev.vigil.launch.console;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;

/**
 * Who may do what on the console. The token is required for every request that changes state, and
 * for any request not from this machine. A request without it is let through only when it can only
 * have been made from this machine for this machine: its peer is a loopback address, its
 * {@code Host} names loopback (a page of another site that rebinds its DNS name to 127.0.0.1 sends
 * its own name there) and an {@code Origin}, if sent, is loopback too (a page of another site may
 * open a WebSocket to 127.0.0.1; the browser then sends that site as the origin).
 */
public final class ConsoleAccess {

    /** The one-line body of every refusal. */
    public static final String REFUSED = "vigil console: this needs the console's token (Authorization: Bearer TOKEN, or ?token=TOKEN to open the page)\n";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] token;

    /** @param token the secret; compared in constant time */
    public ConsoleAccess(String token) {
        this.token = token.getBytes(StandardCharsets.UTF_8);
    }

    /** A new random token: 24 bytes from {@link SecureRandom}, URL-safe Base64 (32 characters). */
    public static String newToken() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * What a request carries that decides its access.
     *
     * @param peer          the address of the other end of the connection
     * @param host          the {@code Host} header, or null
     * @param origin        the {@code Origin} header, or null
     * @param authorization the {@code Authorization} header, or null
     * @param queryToken    the {@code token} query parameter, or null; honoured only where
     *                      {@code changesState} is false (opening the page and its WebSocket)
     * @param changesState  the request changes something (a POST)
     */
    public record Request(InetAddress peer, String host, String origin, String authorization, String queryToken,
                          boolean changesState) {
    }

    /** Whether {@code request} may proceed; a refusal is answered 401 with {@link #REFUSED}. */
    public boolean allows(Request request) {
        String bearer = bearer(request.authorization());
        if (matches(bearer) || (!request.changesState() && matches(request.queryToken()))) {
            return true;
        }
        if (bearer != null || request.queryToken() != null) {
            // A wrong token is refused even where none is needed: a stale bookmark or a guess should
            // hear so, not be let in silently.
            return false;
        }
        return !request.changesState() && request.peer() != null && request.peer().isLoopbackAddress()
                && isLoopbackName(hostPart(request.host()))
                && (request.origin() == null || isLoopbackName(originHost(request.origin())));
    }

    /** Whether {@code given} is the token, in time that does not depend on where they differ. */
    boolean matches(String given) {
        return given != null && MessageDigest.isEqual(token, given.getBytes(StandardCharsets.UTF_8));
    }

    private static String bearer(String authorization) {
        if (authorization == null || authorization.length() < 7
                || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return authorization.substring(7).strip();
    }

    /** {@code 127.0.0.1:8470} → {@code 127.0.0.1}; {@code [::1]:8470} → {@code ::1}. */
    static String hostPart(String host) {
        if (host == null) {
            return null;
        }
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            return end < 0 ? null : host.substring(1, end);
        }
        int colon = host.indexOf(':');
        return colon < 0 ? host : host.substring(0, colon);
    }

    private static String originHost(String origin) {
        try {
            String host = URI.create(origin).getHost();
            return host != null && host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** {@code localhost}, or a literal loopback address; never looked up. */
    static boolean isLoopbackName(String name) {
        if (name == null || name.isEmpty()) {
            return false;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.equals("localhost")) {
            return true;
        }
        // Only literals: a name here would be resolved, which is what a rebinding attack relies on.
        if (!lower.matches("[0-9.]+|[0-9a-f:.]*:[0-9a-f:.]*")) {
            return false;
        }
        try {
            return InetAddress.getByName(lower).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
