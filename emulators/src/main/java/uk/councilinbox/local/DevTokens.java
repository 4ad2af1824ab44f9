package uk.councilinbox.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * Staff tokens signed with the development key (src/test/resources/dev-keys), for tests and for
 * {@code GET /_local/token?role=agent|supervisor} under {@code bin/run}. Never part of the artifact.
 */
public final class DevTokens {

    public static final String ISSUER = "https://council-inbox.local/dev";
    public static final String AUDIENCE = "council-inbox-staff";

    private DevTokens() {}

    /** Configuration that makes the functions trust the development key (property names as in application.properties). */
    public static Map<String, String> config() {
        return Map.of("inbox.staff.jwt.public-key", resource("staff-jwt-public.pem"),
                "inbox.staff.jwt.issuer", ISSUER, "inbox.staff.jwt.audience", AUDIENCE);
    }

    public static String token(String staffId, Set<String> groups) {
        return token(staffId, groups, Duration.ofHours(8));
    }

    public static String token(String staffId, Set<String> groups, Duration validFor) {
        return token(staffId, groups, validFor, Map.of());
    }

    /** A token with more claims, e.g. the {@code nonce} of an ID token from {@link FakeOidcProvider}. */
    public static String token(String staffId, Set<String> groups, Duration validFor, Map<String, Object> claims) {
        var builder = Jwt.issuer(ISSUER).audience(AUDIENCE).subject(staffId).claim("email", staffId).groups(groups).expiresIn(validFor);
        claims.forEach(builder::claim);
        return builder.jws().keyId("dev").sign(privateKey());
    }

    public static String bearer(String staffId, String... groups) {
        return "Bearer " + token(staffId, Set.of(groups));
    }

    /** {@code GET /_local/token?role=agent|supervisor}: a token for a local staff member. */
    public static HttpHandler handler() {
        return exchange -> {
            try (exchange) {
                String query = exchange.getRequestURI().getRawQuery() == null ? "" : exchange.getRequestURI().getRawQuery();
                String role = "agent";
                for (String pair : query.split("&")) {
                    if (pair.startsWith("role=")) {
                        role = URLDecoder.decode(pair.substring(5), StandardCharsets.UTF_8);
                    }
                }
                if (!role.equals("agent") && !role.equals("supervisor")) {
                    send(exchange, 400, "{\"error\":\"role must be agent or supervisor\"}");
                    return;
                }
                send(exchange, 200, "{\"token\":\"" + token("local-" + role + "@council.example", Set.of(role)) + "\"}");
            }
        };
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static PrivateKey privateKey() {
        try {
            return KeyUtils.decodePrivateKey(resource("staff-jwt-private.pem"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("development key unreadable", e);
        }
    }

    private static String resource(String name) {
        try (InputStream in = DevTokens.class.getResourceAsStream("/dev-keys/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource dev-keys/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
