package uk.councilinbox.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A small OpenID provider under {@code /_local/oidc/}, so the console's authorization code flow with
 * PKCE runs for real locally and in tests: {@code authorize} signs the local agent in at once and
 * redirects back with a code; {@code token} gives the tokens only for the code's {@code code_verifier}
 * (S256 of it must equal the challenge the authorize request carried), once; the tokens are signed
 * with the development key the local functions trust. Also a discovery document and {@code logout}.
 */
public final class FakeOidcProvider implements HttpHandler {

    public static final String PREFIX = "/_local/oidc/";
    public static final String AUTHORIZE = PREFIX + "authorize";
    public static final String TOKEN = PREFIX + "token";
    public static final String LOGOUT = PREFIX + "logout";
    public static final String STAFF_ID = "local-oidc-agent@council.example";

    private record Grant(String challenge, String redirectUri, String nonce) {}

    private final Map<String, Grant> grants = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final ObjectMapper json = new ObjectMapper();

    /** The settings that make the console sign in here (relative endpoints: the gateway serves both). */
    public static Map<String, String> config() {
        return Map.of("inbox.staff.oidc.provider", "local", "inbox.staff.oidc.authorization-endpoint", AUTHORIZE,
                "inbox.staff.oidc.token-endpoint", TOKEN, "inbox.staff.oidc.logout-endpoint", LOGOUT,
                "inbox.staff.oidc.client-id", DevTokens.AUDIENCE, "inbox.staff.oidc.development-sign-in", "true");
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if (path.equals(PREFIX + ".well-known/openid-configuration") && method.equals("GET")) {
                send(exchange, 200, json.writeValueAsString(discovery(exchange)));
            } else if (path.equals(AUTHORIZE) && method.equals("GET")) {
                authorize(exchange, form(exchange.getRequestURI().getRawQuery()));
            } else if (path.equals(TOKEN) && method.equals("POST")) {
                token(exchange, form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            } else if (path.equals(LOGOUT) && method.equals("GET")) {
                String back = form(exchange.getRequestURI().getRawQuery()).get("post_logout_redirect_uri");
                if (back == null) {
                    send(exchange, 200, "{\"signedOut\":true}");
                } else {
                    redirect(exchange, back);
                }
            } else {
                send(exchange, 404, "{\"error\":\"unknown local OpenID endpoint\"}");
            }
        }
    }

    private Map<String, Object> discovery(HttpExchange exchange) {
        String base = "http://" + exchange.getRequestHeaders().getFirst("Host");
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("issuer", DevTokens.ISSUER);
        doc.put("authorization_endpoint", base + AUTHORIZE);
        doc.put("token_endpoint", base + TOKEN);
        doc.put("end_session_endpoint", base + LOGOUT);
        doc.put("response_types_supported", new String[] {"code"});
        doc.put("grant_types_supported", new String[] {"authorization_code"});
        doc.put("code_challenge_methods_supported", new String[] {"S256"});
        doc.put("token_endpoint_auth_methods_supported", new String[] {"none"});
        doc.put("id_token_signing_alg_values_supported", new String[] {"RS256"});
        return doc;
    }

    private void authorize(HttpExchange exchange, Map<String, String> query) throws IOException {
        String redirectUri = query.get("redirect_uri");
        if (!"code".equals(query.get("response_type")) || !DevTokens.AUDIENCE.equals(query.get("client_id"))
                || redirectUri == null || query.get("code_challenge") == null || !"S256".equals(query.get("code_challenge_method"))) {
            send(exchange, 400, "{\"error\":\"invalid_request\",\"error_description\":"
                    + "\"response_type=code, this client_id, a redirect_uri and an S256 code_challenge are required\"}");
            return;
        }
        String code = randomText();
        grants.put(code, new Grant(query.get("code_challenge"), redirectUri, query.get("nonce")));
        String state = query.get("state");
        redirect(exchange, redirectUri + (redirectUri.contains("?") ? "&" : "?") + "code=" + code
                + (state == null ? "" : "&state=" + URLEncoder.encode(state, StandardCharsets.UTF_8)));
    }

    private void token(HttpExchange exchange, Map<String, String> form) throws IOException {
        Grant grant = form.get("code") == null ? null : grants.remove(form.get("code"));
        String verifier = form.get("code_verifier");
        if (!"authorization_code".equals(form.get("grant_type")) || grant == null || verifier == null
                || !grant.redirectUri().equals(form.get("redirect_uri")) || !DevTokens.AUDIENCE.equals(form.get("client_id"))
                || !grant.challenge().equals(s256(verifier))) {
            send(exchange, 400, "{\"error\":\"invalid_grant\"}");
            return;
        }
        Map<String, Object> nonce = grant.nonce() == null ? Map.of() : Map.of("nonce", grant.nonce());
        Duration hour = Duration.ofHours(1);
        Map<String, Object> tokens = new LinkedHashMap<>();
        tokens.put("token_type", "Bearer");
        tokens.put("expires_in", hour.toSeconds());
        tokens.put("id_token", DevTokens.token(STAFF_ID, Set.of("agent"), hour, nonce));
        tokens.put("access_token", DevTokens.token(STAFF_ID, Set.of("agent"), hour));
        send(exchange, 200, json.writeValueAsString(tokens));
    }

    /** The PKCE S256 challenge of a verifier: base64url, unpadded, of its SHA-256. */
    public static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String randomText() {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static Map<String, String> form(String raw) {
        Map<String, String> values = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return values;
        }
        for (String pair : raw.split("&")) {
            String[] kv = pair.split("=", 2);
            values.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
        return values;
    }

    private static void redirect(HttpExchange exchange, String location) throws IOException {
        exchange.getResponseHeaders().add("Location", location);
        exchange.sendResponseHeaders(302, -1);
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.getResponseHeaders().add("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
